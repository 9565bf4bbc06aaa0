import CorridorCrypto
import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The enterprise pages: needs and their matches, the voucher wallet and redemptions, and the
/// challenge application form (any organisation whose role may apply).
struct EnterprisePages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        EnterpriseNeedPages(site: site).register(on: console)
        EnterpriseVoucherPages(site: site).register(on: console)
        EnterpriseChallengePages(site: site).register(on: console)
        EnterpriseCertificationPages(site: site).register(on: console)
    }

    static let notFound = DomainError.notFound("page", zh: "页面")

    /// The signed-in user of an enterprise whose role has `permission` on its own organisation;
    /// anyone else is refused (403), anonymous visitors go to sign in.
    static func enterprise(_ visit: Visit, _ permission: Permission) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard visit.organizationKind == .enterprise,
            Authorization.allows(
                actor, permission, on: AccessTarget(organizationID: principal.organizationID, city: principal.city))
        else { throw DomainError.forbidden }
        return (principal, actor)
    }
}

/// What the enterprise forms share: reading amounts and dates as people type them, building the
/// domain's inputs, and showing a refusal next to the field it is about.
enum EnterpriseForms {
    /// Yuan as typed ("12,000" or "12000.5") in fen; nil for a blank field.
    static func fen(_ text: String?, field: String) throws -> Int64? {
        guard
            let raw = text?.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
                .trimmingCharacters(in: .whitespaces), !raw.isEmpty
        else { return nil }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard digits, parts.count <= 2, parts[0].count <= 11, parts.count == 1 || parts[1].count <= 2,
            let whole = Int64(parts[0]), let decimals = parts.count == 2 ? Int64(parts[1]) : 0
        else { throw invalid("amount_invalid", field: field, key: "enterprise.amount.invalid") }
        return whole * 100 + (parts.count == 2 && parts[1].count == 1 ? decimals * 10 : decimals)
    }

    /// A `YYYY-MM-DD` date as the end of that day in China.
    static func endOfDay(_ text: String?, field: String) throws -> Date {
        let parts = (text ?? "").split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Display.china
        guard parts.count == 3, (1...9999).contains(parts[0]),
            let date = calendar.date(
                from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 23, minute: 59, second: 59)),
            calendar.component(.day, from: date) == parts[2]
        else { throw invalid("date_invalid", field: field, key: "enterprise.date.invalid") }
        return date
    }

    static func choice<T: RawRepresentable>(_ text: String?, field: String, as type: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = text.flatMap(T.init(rawValue:)) else {
            throw invalid("invalid_choice", field: field, key: "enterprise.choice.invalid")
        }
        return value
    }

    /// A refusal of what was typed before it reaches the domain (it could not be read at all).
    static func invalid(_ code: String, field: String, key: String) -> DomainError {
        DomainError(.invalid, code: code, field: field, zh: Language.zh.text(key), en: Language.en.text(key))
    }

    /// Runs a form action; a refusal the person can fix shows the form again with the domain's
    /// message next to its field (`placing` names the field for refusals that carry none).
    /// Status: 422 for invalid input, 409 for a conflict, 403 for an eligibility refusal.
    static func attempt(
        _ visit: Visit, placing: [String: String] = [:], inline forbidden: Set<String> = [],
        _ action: () async throws -> Response,
        form: (_ failure: FormFailure, _ status: HTTPResponse.Status) async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as DomainError
            where [.invalid, .conflict, .malformed].contains(error.kind)
            || (error.kind == .forbidden && forbidden.contains(error.code))
        {
            var failure = FormErrors.context(error, visit)
            let field = error.field.map { String($0.prefix { $0 != "[" }) } ?? placing[error.code]
            if let field {
                failure.errors = FieldErrors(field: field, message: visit.language.message(error))
            }
            let status: HTTPResponse.Status =
                switch error.kind {
                case .conflict: .conflict
                case .forbidden: .forbidden
                default: .unprocessableContent
                }
            return try await form(failure, status)
        }
    }

    /// A key for the write path's idempotency: the same form sent twice opens one thing.
    static func claim(key: String?, _ parts: [String]) -> IdempotencyClaim? {
        guard let key, (16...64).contains(key.count), key.allSatisfy(\.isHexDigit) else { return nil }
        return IdempotencyClaim(
            key: "console:" + key, requestHash: Digest.sha256(Array(parts.joined(separator: "\n").utf8)).hexString)
    }

    static func newKey() -> String { SecureRandom.bytes(16).hexString }

    /// Options for a select: value, label, selected.
    static func options(_ values: [(String, String)], selected: String?) -> [Choice] {
        values.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == selected) }
    }
}
