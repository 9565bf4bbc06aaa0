import Foundation
import Kernel
import Tabular

/// Turns one import record (CSV cells as strings, or a JSON Lines object) into a `NewPatent`.
/// CSV lists are separated by `;`, `；` or `、`; headers may be the API's names or the usual
/// Chinese ones.
enum PatentImportRow {
    static let aliases: [String: String] = [
        "专利号": "number", "申请号": "number", "专利申请号": "number",
        "名称": "title", "专利名称": "title", "发明名称": "title",
        "摘要": "abstract", "权利要求": "claimsSummary", "主权项": "claimsSummary",
        "ipc": "ipcCodes", "IPC": "ipcCodes", "IPC分类号": "ipcCodes", "分类号": "ipcCodes",
        "申请人": "applicants", "专利权人": "applicants", "发明人": "inventors",
        "法律状态": "legalStatus", "领域": "fields", "关键词": "keywords", "技术成熟度": "trl",
        "转化方式": "transferModes", "最低价": "priceMinFen", "最高价": "priceMaxFen", "面议": "negotiable", "状态": "status",
    ]

    /// 法律状态 as Chinese offices write it.
    static let legalStatusAliases: [String: String] = [
        "有效": "granted", "授权": "granted", "已授权": "granted", "审中": "pending", "在审": "pending",
        "实质审查": "pending", "公开": "pending", "失效": "lapsed", "终止": "lapsed", "无效": "invalidated", "被宣告无效": "invalidated",
    ]

    static let listKeys: Set<String> = ["ipcCodes", "applicants", "inventors", "fields", "keywords", "transferModes"]
    static let integerKeys: Set<String> = ["trl", "priceMinFen", "priceMaxFen"]
    /// The columns an import file may have: `NewPatent`'s members but the owner (the import
    /// names it), and the price as three columns.
    static let known: Set<String> = [
        "number", "title", "abstract", "claimsSummary", "ipcCodes", "applicants", "inventors", "legalStatus",
        "fields", "keywords", "trl", "transferModes", "askingPrice", "status", "priceMinFen", "priceMaxFen",
        "negotiable",
    ]

    static func patent(from values: [String: JSONValue]) throws -> NewPatent {
        var object: [String: JSONValue] = [:]
        for (rawKey, value) in values {
            let bare = trimmed(rawKey)
            let key = aliases[bare] ?? bare
            guard known.contains(key) else {
                throw ListingsError.unknownColumn(rawKey)
            }
            object[key] = try normalise(key, value)
        }
        if object["askingPrice"] == nil {
            let negotiable: Bool
            switch object["negotiable"] {
            case .bool(let flag)?: negotiable = flag
            case nil, .null?: negotiable = object["priceMinFen"] == nil && object["priceMaxFen"] == nil
            default: negotiable = false
            }
            object["askingPrice"] = [
                "minFen": object["priceMinFen"] ?? .null, "maxFen": object["priceMaxFen"] ?? .null,
                "negotiable": .bool(negotiable),
            ]
        }
        object["priceMinFen"] = nil
        object["priceMaxFen"] = nil
        object["negotiable"] = nil
        do {
            return try ListingStore.decoder.decode(NewPatent.self, from: JSONEncoder().encode(JSONValue.object(object)))
        } catch let error as DecodingError {
            throw DomainError(decoding: error)
        }
    }

    /// CSV gives strings; lists, numbers and flags are read out of them.
    static func normalise(_ key: String, _ value: JSONValue) throws -> JSONValue {
        guard case .string(let text) = value else { return value }
        let trimmed = trimmed(text)
        if listKeys.contains(key) {
            let parts = trimmed.split(whereSeparator: { ";；、".contains($0) })
                .map { Self.trimmed($0) }.filter { !$0.isEmpty }
            return .array(parts.map { .string($0) })
        }
        if integerKeys.contains(key) {
            guard let number = Int64(trimmed) else {
                throw ListingsError.notAWholeNumber(field: key)
            }
            return .int(number)
        }
        if key == "legalStatus", let status = legalStatusAliases[trimmed] {
            return .string(status)
        }
        if key == "negotiable" {
            switch trimmed.lowercased() {
            case "true", "1", "是", "yes": return .bool(true)
            case "false", "0", "否", "no", "": return .bool(false)
            default:
                throw ListingsError.notABoolean(field: key)
            }
        }
        return .string(trimmed)
    }

    /// `trimmingCharacters(in: .whitespaces)` without the trip through NSString (a tenth of an
    /// import's time), over the same set as Foundation's: tab, space, no-break space, ogham space,
    /// U+2000–U+200B, narrow no-break, medium mathematical and ideographic space.
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        let scalars = text.unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) }) ?? first
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}
