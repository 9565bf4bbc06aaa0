import Identity
import Kernel
import Testing

/// Contact details reduced to what identifies them: a phone in any common writing, an e-mail
/// in any case, an address with full-width characters, spaces and punctuation.
struct ContactFingerprintTests {
    @Test(arguments: [
        ("027-8765 4321", "02787654321"), ("+86 27 87654321", "02787654321"), ("(027) 87654321", "02787654321"),
        ("87654321", "02787654321"), ("０２７－８７６５４３２１", "02787654321"), ("0086 138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"), ("+86 13800138000", "13800138000"),
    ])
    func phonesInWuhan(_ written: String, _ fingerprint: String) {
        #expect(ContactFingerprint.phone(written, city: .wuhan) == fingerprint, "\(written)")
    }

    @Test func aLandlineWithoutItsAreaCodeTakesItsCitys() {
        #expect(ContactFingerprint.phone("6260301", city: .huangshi) == "07146260301")
        #expect(ContactFingerprint.phone("0714-6260301", city: .huangshi) == "07146260301")
        // The same digits in another city are another number.
        #expect(
            ContactFingerprint.phone("6260301", city: .xianning) != ContactFingerprint.phone("6260301", city: .huangshi)
        )
    }

    @Test func emailsAndAddressesFold() {
        #expect(ContactFingerprint.email("  Lab@Example.COM ") == "lab@example.com")
        #expect(ContactFingerprint.address("武汉市 洪山区，光谷大道 77 号") == ContactFingerprint.address("武汉市洪山区光谷大道７７号"))
        #expect(ContactFingerprint.address("武汉市洪山区光谷大道77号") != ContactFingerprint.address("武汉市洪山区光谷大道78号"))
        #expect(ContactFingerprint.address(" ，。 ") == nil && ContactFingerprint.email("  ") == nil)
    }
}
