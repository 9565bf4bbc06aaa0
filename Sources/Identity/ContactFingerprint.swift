import Foundation
import GRDB
import Kernel

/// Contact details reduced to what identifies them, so that a change of formatting does not
/// hide that two organisations share a phone, an e-mail address or an address: phone numbers
/// to their digits with the area code (+86, full-width digits, spaces and dashes folded; a
/// landline written without its area code gets its city's), e-mail addresses lower-cased,
/// addresses with full-width/half-width folded and spacing and punctuation removed.
public enum ContactFingerprint {
    public enum Kind: String, Sendable, CaseIterable {
        case phone, email, address
    }

    /// Area codes of the five cities (武汉 027, 鄂州 0711, 黄石 0714, 黄冈 0713, 咸宁 0715).
    static let areaCodes: [CityCode: String] = [
        .wuhan: "027", .ezhou: "0711", .huangshi: "0714", .huanggang: "0713", .xianning: "0715",
    ]

    public static func phone(_ text: String, city: CityCode) -> String? {
        var digits = String(text.precomposedStringWithCompatibilityMapping.filter { $0.isASCII && $0.isNumber })
        if digits.hasPrefix("0086") {
            digits.removeFirst(4)
        } else if digits.hasPrefix("86"), digits.count >= 12 {
            digits.removeFirst(2)
        }
        guard digits.count >= 7 else { return digits.isEmpty ? nil : digits }
        if digits.hasPrefix("1"), digits.count == 11 { return digits }  // a mobile number
        if digits.hasPrefix("0") { return digits }
        // A landline of 7–8 digits written without its area code belongs to the city's.
        if digits.count <= 8, let area = areaCodes[city] { return area + digits }
        return "0" + digits  // an area code written without its leading 0 (27 8765 4321)
    }

    public static func email(_ text: String) -> String? {
        let folded = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
        return folded.isEmpty ? nil : folded
    }

    public static func address(_ text: String) -> String? {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.filter {
            !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.punctuationCharacters.contains($0)
                && !CharacterSet.symbols.contains($0)
        }
        let result = String(String.UnicodeScalarView(folded))
        return result.isEmpty ? nil : result
    }

    /// Every fingerprint of an organisation's contact details.
    public static func all(_ contact: Organization.Contact, city: CityCode) -> [(Kind, String)] {
        var out: [(Kind, String)] = []
        if let value = contact.phone.flatMap({ phone($0, city: city) }) { out.append((.phone, value)) }
        if let value = contact.email.flatMap(email) { out.append((.email, value)) }
        if let value = contact.address.flatMap(address) { out.append((.address, value)) }
        return out
    }
}

/// Each organisation's contact details as they have ever been (fingerprints), so that changing
/// a phone number after a redemption does not hide that two parties once shared it.
public enum ContactHistory {
    static func record(
        _ db: Database, organization: Int64, contact: Organization.Contact, city: CityCode, now: Date
    ) throws {
        for (kind, value) in ContactFingerprint.all(contact, city: city) {
            try db.cachedStatement(
                sql: """
                    INSERT INTO organization_contact_history (organization_id, kind, value, recorded_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (organization_id, kind, value) DO NOTHING
                    """
            ).execute(arguments: [organization, kind.rawValue, value, Timestamp.millis(now)])
        }
    }

    /// The kinds of contact detail the two organisations share, now or at any time before.
    public static func shared(_ db: Database, _ a: Int64, _ b: Int64) throws -> [ContactFingerprint.Kind] {
        try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT DISTINCT x.kind FROM organization_contact_history x JOIN organization_contact_history y
                        ON y.kind = x.kind AND y.value = x.value
                    WHERE x.organization_id = ? AND y.organization_id = ? ORDER BY x.kind
                    """),
            arguments: [a, b]
        ).compactMap(ContactFingerprint.Kind.init(rawValue:))
    }
}
