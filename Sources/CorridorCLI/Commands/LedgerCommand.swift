import ArgumentParser
import Foundation
import Store
import Vouchers

/// `corridor ledger check`: the voucher ledger's invariants, verified from the transfers.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Operate the innovation-voucher ledger.", subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Verify the ledger from scratch: transfers sum to zero, no negative balance, every voucher and city budget accounted for, payables = captured − settled. Exit status 1 when not clean."
        )
        @OptionGroup var options: CommonOptions

        func run() async throws {
            let database = try DatabaseOpener.open(try options.configuration())
            let report = try await database.checkLedger()
            try database.close()
            print("ledger: \(report.accounts) accounts, \(report.transfers) transfers, sum \(report.totalFen) fen")
            if report.clean {
                print("clean")
            } else {
                for violation in report.violations { print("VIOLATION: \(violation)") }
                throw ExitCode(1)
            }
        }
    }
}
