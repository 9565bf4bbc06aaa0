import Foundation
import Identity
import Kernel
import Testing

/// The self-registration lifecycle as a complete table (issue 18): every status × event × party.
struct RegistrationMachineTests {
    typealias M = RegistrationMachine

    /// Written out independently of `RegistrationMachine.next`; everything not listed is refused.
    static let allowed: [String: Registration.Status] = [
        "pending verify city": .verified,
        "pending reject city": .rejected,
        "rejected resubmit applicant": .pending,
        "pending upload applicant": .pending,
        "rejected upload applicant": .rejected,
    ]

    @Test func everyStatusEventAndParty() {
        for status in Registration.Status.allCases {
            for event in M.Event.allCases {
                for party in M.Party.allCases {
                    let key = "\(status.rawValue) \(event.rawValue) \(party == .city ? "city" : "applicant")"
                    #expect(M.next(status, event, by: party) == Self.allowed[key], "\(key)")
                }
            }
        }
    }

    @Test func aVerifiedRegistrationIsFinal() {
        for party in M.Party.allCases {
            #expect(M.allowed(.verified, by: party).isEmpty)
        }
        #expect(M.allowed(.pending, by: .city) == [.verify, .reject])
        #expect(M.allowed(.rejected, by: .applicant) == [.resubmit, .upload])
    }

    @Test func filesAreToldByTheirBytes() {
        #expect(RegistrationDocument.FileType.sniff(Data("%PDF-1.7\n".utf8)) == .pdf)
        #expect(RegistrationDocument.FileType.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) == .png)
        #expect(RegistrationDocument.FileType.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
        #expect(RegistrationDocument.FileType.sniff(Data([0x4D, 0x5A, 0x90, 0x00])) == nil)
        #expect(RegistrationDocument.FileType.sniff(Data("<html>%PDF-".utf8)) == nil)
        #expect(RegistrationDocument.FileType.sniff(Data()) == nil)
    }
}
