import ArgumentParser
import Foundation
import HTTPAPI
import Identity
import Platform
import Store

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Platform administrators.", subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a platform administrator and print a bearer token as the last line.",
            discussion: """
                The password is read from standard input when it is not a terminal (one line); otherwise one is \
                generated and printed. The database is created, migrated and seeded when needed.
                """
        )
        @OptionGroup var options: CommonOptions
        @Option(help: "The new administrator's username (3–64 of a-z 0-9 . _ -).")
        var username: String
        @Option(name: .customLong("display-name"), help: "The name shown for the administrator.")
        var displayName: String = "平台管理员"

        func run() async throws {
            let configuration = try options.configuration()
            let database = try DatabaseOpener.open(configuration)
            defer { try? database.close() }
            _ = try await DatabaseOpener.seedIfEmpty(database, configuration)
            var password = isatty(STDIN_FILENO) == 0 ? readLine(strippingNewline: true) : nil
            if password?.isEmpty == true { password = nil }
            let result = try PlatformBootstrap.createAdministrator(
                database: database, username: username, displayName: displayName, password: password,
                passwords: Passwords(cost: UInt8(configuration.auth.bcryptCost)),
                tokenLifetime: Double(configuration.auth.tokenLifetimeSeconds)
            )
            print(
                "created platform administrator '\(result.user.username)' (user \(result.user.id)) in organisation \(result.user.organizationId)"
            )
            if let generated = result.generatedPassword {
                print("password: \(generated)")
            }
            print("token expires: \(result.token.expiresAt)")
            print(result.token.token)
        }
    }
}
