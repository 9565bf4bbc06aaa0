import Foundation
import Kernel

/// Generated patents made by recombining real CSL text: the title from one paper's keywords and
/// title, the abstract from sentences of that paper and of random others. Written as the CSV an
/// organisation would upload (the API's column names, lists separated by `;`).
struct PatentGenerator {
    let corpus: Corpus
    let seed: UInt64

    static let header = [
        "number", "title", "abstract", "claimsSummary", "ipcCodes", "applicants", "inventors", "legalStatus", "fields",
        "keywords", "trl", "transferModes", "priceMinFen", "priceMaxFen", "negotiable", "status",
    ]

    static let suffixes = ["方法", "装置", "系统", "设备", "制备方法", "检测方法", "控制方法", "组件", "及其应用", "结构"]

    /// The `index`th patent number (unique for every index): year 2012–2025, type 1 (invention),
    /// a 7-digit serial and the check character.
    static func number(_ index: Int) -> String {
        let year = 2012 + index % 14
        let serial = index / 14 + 100_000
        precondition(serial < 10_000_000, "too many patents for unique numbers")
        let body = String(year) + "1" + String(format: "%07d", serial)
        let digits = body.compactMap(\.wholeNumberValue)
        let weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
        let remainder = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return body + "." + (remainder == 10 ? "X" : String(remainder))
    }

    /// Writes patents `range` (global indices, so numbers never repeat) for `applicant` to `url`.
    func write(_ range: Range<Int>, applicant: String, to url: URL) throws -> Int64 {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 21)
        buffer += Self.header.joined(separator: ",") + "\n"
        var written: Int64 = 0
        for index in range {
            var random = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(index))
            buffer += row(index, applicant: applicant, random: &random).map(Self.quoted).joined(separator: ",")
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                let data = Data(buffer.utf8)
                handle.write(data)
                written += Int64(data.count)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let data = Data(buffer.utf8)
        handle.write(data)
        return written + Int64(data.count)
    }

    static func quoted(_ cell: String) -> String {
        if cell.isEmpty { return "" }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func row(_ index: Int, applicant: String, random: inout SeededGenerator) -> [String] {
        let papers = corpus.papers
        let source = random.below(papers.count)
        let other = random.below(papers.count)
        var keywords = corpus.keywords[source]
        let sourceTitle = papers[source].title.trimmingCharacters(in: .whitespaces)
        let first = keywords.isEmpty ? String(sourceTitle.prefix(8)) : random.pick(keywords)
        let second =
            keywords.count > 1
            ? keywords[(keywords.firstIndex(of: first)! + 1) % keywords.count] : String(sourceTitle.suffix(6))
        let suffix = random.pick(Self.suffixes)
        var title: String
        switch random.below(4) {
        case 0: title = "一种基于\(first)的\(second)\(suffix)"
        case 1: title = "一种\(sourceTitle)的\(suffix)"
        case 2: title = "\(first)\(second)\(suffix)"
        default: title = "一种用于\(first)的\(suffix)"
        }
        title = String(title.prefix(200))

        var abstract = "本发明公开了\(title)。"
        let sentences = [
            corpus.sentences[source], corpus.sentences[other], corpus.sentences[random.below(papers.count)],
        ]
        for (position, pool) in sentences.enumerated() {
            let count = position == 0 ? 2 : 1
            for _ in 0..<count { abstract += random.pick(pool) + "。" }
        }
        abstract = String(abstract.prefix(5_000))
        let claims = random.chance(60) ? "1. \(title)，其特征在于：\(random.pick(corpus.sentences[source]))。" : ""

        let field = corpus.fields[source]
        var fields = [field]
        if random.chance(15) {
            let extra = corpus.fields[other]
            if extra != field { fields.append(extra) }
        }
        let subclasses = Corpus.ipcSubclasses[field] ?? ["G06F"]
        var ipc: [String] = []
        for _ in 0..<(1 + random.below(3)) {
            let code = "\(random.pick(subclasses)) \(1 + random.below(60))/\(String(format: "%02d", random.below(100)))"
            if !ipc.contains(code) { ipc.append(code) }
        }
        let otherKeywords = corpus.keywords[other]
        if let extra = otherKeywords.first, !keywords.contains(extra), keywords.count < 12 { keywords.append(extra) }
        let inventors = (0..<(1 + random.below(3))).map { _ in Corpus.personName(&random) }
        let legal = random.chance(70) ? "granted" : (random.chance(90) ? "pending" : "lapsed")
        let trl = random.chance(80) ? String(1 + random.below(9)) : ""
        let modes = ["assignment", "licence_exclusive", "licence_non_exclusive", "equity"]
        var transfer = [random.pick(modes)]
        if random.chance(30) {
            let more = random.pick(modes)
            if !transfer.contains(more) { transfer.append(more) }
        }
        let negotiable = random.chance(30)
        var priceMin = "", priceMax = ""
        if !negotiable {
            let low = Int64(1 + random.below(500)) * 1_000_000  // ¥10,000 steps
            priceMin = String(low)
            priceMax = String(low + Int64(random.below(300)) * 1_000_000)
        }
        let status = random.chance(2) ? "draft" : "listed"
        return [
            Self.number(index), title, abstract, claims, ipc.joined(separator: ";"), applicant,
            inventors.joined(separator: ";"), legal, fields.map(\.rawValue).joined(separator: ";"),
            keywords.joined(separator: ";"), trl, transfer.joined(separator: ";"), priceMin, priceMax,
            negotiable ? "true" : "false", status,
        ]
    }
}
