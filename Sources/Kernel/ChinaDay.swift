import Foundation

/// A calendar day written `YYYY-MM-DD`, read as its first instant in China Standard Time (the
/// corridor's statistics and reports count days in China).
public enum ChinaDay {
    /// The day's first instant, nil for nil; `invalid_date` on `field` for anything else.
    public static func start(_ text: String?, field: String) throws -> Date? {
        guard let text else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let calendar = Self.calendar
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (2000...2100).contains(year),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.component(.day, from: date) == day
        else {
            throw DomainError.invalid(
                "invalid_date", field: field, zh: "日期须为 YYYY-MM-DD", en: "A date is written YYYY-MM-DD")
        }
        return date
    }

    /// The Gregorian calendar in China Standard Time.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        return calendar
    }()

    /// The day (China Standard Time) of an instant, written `YYYY-MM-DD`.
    public static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
