import GRDB
import Identity
import Kernel
import Store
import Testing

struct CreditCodeTests {
    @Test func theStandardsExampleIsValid() throws {
        #expect(try CreditCode.validate("91350100M000100Y43") == "91350100M000100Y43")
        #expect(try CreditCode.validate(" 91350100m000100y43 ") == "91350100M000100Y43")
    }

    @Test(arguments: [
        ("91350100M000100Y44", "credit_code_check"),
        ("91350100M000100Y4", "credit_code_length"),
        ("91350100M000100Y433", "credit_code_length"),
        ("91350100M000I00Y43", "credit_code_character"),
        ("91350100M000100O43", "credit_code_character"),
    ])
    func badCodesAreRefusedNamingTheField(_ code: String, _ expected: String) {
        do {
            _ = try CreditCode.validate(code)
            Issue.record("\(code) accepted")
        } catch let error as DomainError {
            #expect(error.code == expected)
            #expect(error.field == "creditCode")
            #expect(!error.messageZh.isEmpty && !error.messageEn.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func everySingleCharacterChangeIsCaught() throws {
        // 31 is prime and no weight is a multiple of it, so any one substitution changes the check.
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let code = Array("91420200MA4XY01230")
        let valid = String(code.prefix(17)) + String(CreditCode.checkCharacter(for: String(code.prefix(17)))!)
        #expect(throws: Never.self) { try CreditCode.validate(valid) }
        var caught = 0
        for position in 0..<17 {
            for replacement in alphabet where replacement != Array(valid)[position] {
                var mutated = Array(valid)
                mutated[position] = replacement
                if (try? CreditCode.validate(String(mutated))) == nil { caught += 1 }
            }
        }
        #expect(caught == 17 * 30)
    }
}
