import Foundation
import Kernel

/// The console's two languages: Simplified Chinese first, English available.
enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// Every label of every page, merged from each page group's table.
    static let tables: [[String: (String, String)]] = [
        CommonText.table, PublicText.table, EnterpriseText.table, UniversityText.table,
        ProviderText.table, CityText.table, AuditText.table, CaseText.table, StatisticsText.table,
        NotificationText.table,
        DealText.table, SavedSearchText.table, AccountSecurityText.table, ChallengeText.table, RegistrationText.table,
        BrokerText.table, OrganizationText.table,
    ]

    static let merged: [Language: [String: String]] = {
        var result: [Language: [String: String]] = [.zh: [:], .en: [:]]
        for table in tables {
            for (key, pair) in table {
                result[.zh]![key] = pair.0
                result[.en]![key] = pair.1
            }
        }
        return result
    }()

    /// The labels for templates, dots in keys made underscores (`{{t.search_title}}` for
    /// `search.title`: Mustache reads dots as nesting).
    var labels: [String: String] { Self.templateLabels[self] ?? [:] }

    static let templateLabels: [Language: [String: String]] = merged.mapValues { table in
        Dictionary(uniqueKeysWithValues: table.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) })
    }

    func text(_ key: String) -> String { Self.merged[self]?[key] ?? key }

    /// A domain error's message in this language.
    func message(_ error: DomainError) -> String {
        self == .zh ? error.messageZh : error.messageEn
    }

    func city(_ code: CityCode) -> String {
        self == .zh ? code.nameZh : code.nameEn
    }

    /// Fen as yuan with two decimals and thousands separators: ¥12,345.00
    static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let whole = abs(fen) / 100, cents = abs(fen) % 100
        var digits = String(whole), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return "\(sign)¥\(digits)\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }
}
