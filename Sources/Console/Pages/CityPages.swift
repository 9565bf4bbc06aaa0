import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Vouchers

/// The city administration pages: approval queues and anomalies (CityQueuePages), voucher
/// policies (CityPolicyPages) and the month's settlement (CitySettlementPages). A city admin
/// sees their city as the domain services scope it; the platform admin may look too; anyone
/// else is refused.
struct CityPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        registerQueues(on: console)
        registerPolicies(on: console)
        registerSettlements(on: console)
        registerCases(on: console)
    }

    /// The signed-in city or platform administrator; every other role gets 403.
    func admin(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard principal.role == .cityAdmin || principal.role == .platformAdmin else { throw DomainError.forbidden }
        return (principal, actor)
    }

    /// The city lists are narrowed to: the admin's own, or all five for the platform.
    static func scope(_ actor: Actor) -> CityCode? {
        actor.role == .cityAdmin ? actor.city : nil
    }

    static func id<Context: RequestContext>(_ context: Context, _ name: String = "id") throws -> Int64 {
        guard let id = context.parameters.get(name).flatMap(Int64.init) else { throw PublicPages.notFound }
        return id
    }

    /// Organisation names for the ids, read as the viewer may.
    func names(_ ids: some Sequence<Int64>, _ actor: Actor) async -> [Int64: String] {
        var result: [Int64: String] = [:]
        for id in Set(ids) {
            result[id] = (try? await site.services.organizations.get(id, by: actor).name) ?? "#\(id)"
        }
        return result
    }

    /// Like `FormErrors.attempt`, with an async page for the refusal (the queues reload their
    /// lists). Invalid input answers 422, a conflict 409.
    static func attempt(
        _ visit: Visit, _ action: () async throws -> Response, form: (_ failure: FormFailure) async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as DomainError where [.invalid, .conflict, .malformed].contains(error.kind) {
            var response = try await form(FormErrors.context(error, visit))
            response.status = error.kind == .conflict ? .conflict : .unprocessableContent
            return response
        }
    }
}

/// Reading what people type: amounts in yuan, ratios in percent, dates, months. A value that
/// cannot be read is an inline error on the domain's field name; the rules stay in the domain.
enum CityInput {
    static func unreadable(_ field: String, zh: String, en: String) -> DomainError {
        DomainError.invalid("unreadable", field: field, zh: zh, en: en)
    }

    /// "12,345.67" or "¥100" → fen; blank → nil.
    static func yuan(_ text: String?, field: String) throws -> Int64? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        text = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "¥", with: "")
            .replacingOccurrences(of: "，", with: "")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12, parts[0].allSatisfy(\.isASCII),
            let whole = Int64(parts[0]), whole >= 0,
            parts.count == 1
                || (parts[1].count <= 2 && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
        else {
            throw unreadable(field, zh: "请填写金额（元），最多两位小数", en: "Enter an amount in yuan, at most two decimals")
        }
        let cents = parts.count == 2 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        return whole * 100 + cents
    }

    static func requiredYuan(_ text: String?, field: String) throws -> Int64 {
        guard let fen = try yuan(text, field: field) else {
            throw DomainError.invalid("required", field: field, zh: "请填写金额（元）", en: "Enter an amount in yuan")
        }
        return fen
    }

    /// "50" or "50.5" (percent) → permille; blank → nil.
    static func percent(_ text: String?, field: String) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: ""),
            !text.isEmpty
        else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole <= 1_000,
            parts.count == 1 || (parts[1].count == 1 && Int(parts[1]) != nil)
        else {
            throw unreadable(field, zh: "请填写百分比，最多一位小数", en: "Enter a percentage, at most one decimal")
        }
        return whole * 10 + (parts.count == 2 ? Int(parts[1]) ?? 0 : 0)
    }

    static func integer(_ text: String?, field: String) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard text.count <= 9, let value = Int(text) else {
            throw unreadable(field, zh: "请填写整数", en: "Enter a whole number")
        }
        return value
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Display.china
        return calendar
    }

    /// "2027-03-31" → the end of that day in China (the start of the next).
    static func endOfDay(_ text: String?, field: String) throws -> Date {
        let parts = (text ?? "").trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: day) == parts[2], let end = calendar.date(byAdding: .day, value: 1, to: day)
        else {
            throw unreadable(field, zh: "请填写日期 YYYY-MM-DD", en: "Enter a date as YYYY-MM-DD")
        }
        return end
    }

    /// The day an end-of-day instant belongs to, for showing and editing.
    static func day(endingAt date: Date) -> String {
        Display.date(date.addingTimeInterval(-1))
    }

    /// Fen as a plain number for an input: 100000 → "1000", 150 → "1.50".
    static func plainYuan(_ fen: Int64) -> String {
        fen % 100 == 0 ? String(fen / 100) : String(format: "%lld.%02lld", fen / 100, fen % 100)
    }

    static func plainPercent(_ permille: Int) -> String {
        permille % 10 == 0 ? String(permille / 10) : "\(permille / 10).\(permille % 10)"
    }

    /// The month "YYYY-MM" containing `date` in China.
    static func month(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// The month's start and end, nil when the text is not a month.
    static func range(_ period: String) -> (start: Date, end: Date)? {
        let parts = period.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]),
            (1...12).contains(month), let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
            let end = calendar.date(byAdding: .month, value: 1, to: start)
        else { return nil }
        return (start, end)
    }

    static func shift(_ period: String, by months: Int) -> String? {
        range(period).flatMap { calendar.date(byAdding: .month, value: months, to: $0.start) }.map(month)
    }
}
