import Foundation
import Kernel
import Listings

/// A piece of a highlighted text: marked (a match) or not.
struct Segment: Sendable {
    let text: String
    let mark: Bool
}

/// An option of a select; `{{#selected}}` marks the chosen one.
struct Choice: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// A checkbox or radio button of a group; `{{#checked}}` marks the chosen ones.
struct Check: Sendable {
    let value: String
    let label: String
    let checked: Bool
}

/// Values as people read them, in the visitor's language.
enum Display {
    static let china = TimeZone(identifier: "Asia/Shanghai")!

    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = china
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = china
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    static func field(_ field: Field, _ language: Language) -> String {
        language == .zh ? field.nameZh : language.text("field.\(field.rawValue)")
    }

    static func fields(_ fields: [Field], _ language: Language) -> String {
        fields.map { field($0, language) }.joined(separator: language == .zh ? "、" : ", ")
    }

    static func price(_ price: PriceRange, _ language: Language) -> String {
        let negotiable = price.negotiable ? language.text("price.negotiable") : ""
        switch (price.minFen, price.maxFen) {
        case let (min?, max?):
            return "\(Language.yuan(min)) – \(Language.yuan(max))" + (negotiable.isEmpty ? "" : " · \(negotiable)")
        case let (min?, nil): return "≥ \(Language.yuan(min))" + (negotiable.isEmpty ? "" : " · \(negotiable)")
        case let (nil, max?): return "≤ \(Language.yuan(max))" + (negotiable.isEmpty ? "" : " · \(negotiable)")
        case (nil, nil): return negotiable.isEmpty ? "—" : negotiable
        }
    }

    /// A highlighted text as segments, so the template marks matches without unescaped HTML:
    /// `{{#segments}}{{#mark}}<mark>{{text}}</mark>{{/mark}}{{^mark}}{{text}}{{/mark}}{{/segments}}`.
    static func segments(_ text: String, ranges: [[Int]]) -> [Segment] {
        let characters = Array(text)
        var result: [Segment] = []
        var position = 0
        for range in ranges.sorted(by: { ($0.first ?? 0) < ($1.first ?? 0) }) where range.count == 2 {
            let start = max(position, min(range[0], characters.count)), end = min(characters.count, range[0] + range[1])
            guard start < end else { continue }
            if position < start { result.append(Segment(text: String(characters[position..<start]), mark: false)) }
            result.append(Segment(text: String(characters[start..<end]), mark: true))
            position = end
        }
        if position < characters.count { result.append(Segment(text: String(characters[position...]), mark: false)) }
        return result
    }

    /// Segments marking every occurrence of the terms (matched query terms of a match).
    static func marking(_ text: String, terms: [String]) -> [Segment] {
        var ranges: [[Int]] = []
        // Terms come normalised (lower case); match them without regard to case.
        let characters = text.map { String($0).lowercased() }
        for term in terms where !term.isEmpty {
            let needle = term.map { String($0).lowercased() }
            var index = 0
            while index + needle.count <= characters.count {
                if Array(characters[index..<(index + needle.count)]) == needle {
                    ranges.append([index, needle.count])
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        // Merge overlaps so each character is marked once.
        var merged: [[Int]] = []
        for range in ranges.sorted(by: { $0[0] < $1[0] }) {
            if let last = merged.last, range[0] <= last[0] + last[1] {
                merged[merged.count - 1][1] = max(last[1], range[0] + range[1] - last[0])
            } else {
                merged.append(range)
            }
        }
        return segments(text, ranges: merged)
    }

    static func kind(_ kind: ListingKind, _ language: Language) -> String {
        language.text("kind.\(kind.rawValue)")
    }
}
