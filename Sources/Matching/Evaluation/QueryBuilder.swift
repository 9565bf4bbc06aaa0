import Foundation
import Kernel
import TextAnalysis

/// Queries and their graded judgements.
public struct QuerySet: Sendable {
    public var queries: [EvalQuery]
    public var qrels: [String: Grades]

    public init(queries: [EvalQuery], qrels: [String: Grades]) {
        self.queries = queries
        self.qrels = qrels
    }

    public func fingerprint() throws -> String {
        try EvaluationFiles.fingerprint(queries, qrels)
    }

    public var judgementCount: Int { qrels.values.reduce(0) { $0 + $1.count } }
}

/// Builds enterprise-need queries from papers, deterministically from a seed.
///
/// `papersCount` papers are drawn (seeded shuffle) from the technology categories (工学, 农学,
/// 医学, 理学) among papers with 2–8 usable keywords. Each gives one query in Simplified script
/// and its Traditional twin (`TraditionalScript`), the same words otherwise, so `2 × papersCount`
/// queries. About 60 % are built from two or three of the paper's keywords, phrased the way an
/// enterprise posts a need ("寻求{a}与{b}相关技术合作", "我公司在{a}方面遇到技术难题…"), the
/// rest from its title with the academic framing taken off ("…的研究" → "…"). About half name
/// the paper's corridor field (when it has one), as a need's form would.
///
/// Grades, over every paper of the corpus: 3 the paper itself; 2 a paper of the same
/// discipline (学科) sharing at least one keyword with it; 1 a paper of the same category (门类)
/// sharing at least one keyword. Keywords are compared after `TextNormalizer.normalize`; a
/// keyword found in more than `genericKeywordPapers` papers (中国, 数值模拟, 应用, 设计, …) is
/// too general to relate two papers and links nothing.
public struct QueryBuilder: Sendable {
    public static let defaultPapersCount = 200
    public static let defaultSeed: UInt64 = 2026
    public static let sourceCategories: Set<String> = ["工学", "农学", "医学", "理学"]
    public static let genericKeywordPapers = 20
    static let keywordShare = 60
    static let fieldsShare = 50

    public var papersCount: Int
    public var seed: UInt64

    public init(papersCount: Int = QueryBuilder.defaultPapersCount, seed: UInt64 = QueryBuilder.defaultSeed) {
        self.papersCount = papersCount
        self.seed = seed
    }

    static let twoKeywordTemplates = [
        "寻求{a}与{b}相关技术合作",
        "我公司在{a}方面遇到技术难题，希望找到{b}相关的成熟技术",
        "需要{a}、{b}方面的技术支持，可合作开发",
        "企业想引进{a}技术，重点关注{b}",
        "{a}项目急需技术支持，涉及{b}，欢迎高校和科研院所联系",
    ]
    static let threeKeywordTemplates = [
        "寻求{a}、{b}、{c}等方面的技术合作",
        "我公司在{a}方面遇到技术难题，涉及{b}和{c}，希望与高校联合攻关",
    ]
    static let titleTemplates = [
        "希望引进{t}相关技术，寻求高校或科研院所合作",
        "寻找{t}方面的成熟成果，可技术转让或合作开发",
        "我们正在做{t}，有没有成熟的技术方案？",
        "{t}：企业急需技术支持",
    ]

    public func build(from papers: [CSLPaper]) throws -> QuerySet {
        guard papersCount > 0 else { throw EvaluationError("papersCount must be at least 1") }
        let keywords = papers.map { PaperCorpus.usableKeywords($0.keywords) }
        let linking = Self.linkingKeywords(keywords)
        var byKeyword: [String: [Int]] = [:]
        for (index, set) in linking.enumerated() {
            for keyword in set { byKeyword[keyword, default: []].append(index) }
        }
        var eligible = papers.indices.filter {
            Self.sourceCategories.contains(papers[$0].category) && (2...8).contains(keywords[$0].count)
        }
        guard eligible.count >= papersCount else {
            throw EvaluationError("only \(eligible.count) papers can make queries; \(papersCount) asked for")
        }
        var random = SplitMix64(seed: seed)
        random.shuffle(&eligible)
        let chosen = eligible.prefix(papersCount).sorted()

        var queries: [EvalQuery] = []
        var qrels: [String: Grades] = [:]
        for (number, index) in chosen.enumerated() {
            let paper = papers[index]
            let (kind, text) = Self.text(for: paper, keywords: keywords[index], random: &random)
            let field = PaperCorpus.field(discipline: paper.discipline, category: paper.category)
            let fields: [Field] = field != .other && random.below(100) < Self.fieldsShare ? [field] : []
            var grades: Grades = [paper.id: 3]
            for other in Set(linking[index].flatMap { byKeyword[$0] ?? [] }) where other != index {
                if papers[other].discipline == paper.discipline {
                    grades[papers[other].id] = 2
                } else if papers[other].category == paper.category {
                    grades[papers[other].id] = 1
                }
            }
            let stem = "q" + Self.padded(number + 1)
            for script in QueryScript.allCases {
                let id = stem + (script == .simplified ? "-s" : "-t")
                let written = script == .simplified ? text : TraditionalScript.traditional(text)
                queries.append(
                    EvalQuery(id: id, text: written, script: script, fields: fields, source: paper.id, kind: kind))
                qrels[id] = grades
            }
        }
        return QuerySet(queries: queries, qrels: qrels)
    }

    /// Each paper's keywords that may relate it to another: normalised, not too general.
    static func linkingKeywords(_ keywords: [[String]]) -> [Set<String>] {
        let normalized = keywords.map { Set($0.map(TextNormalizer.normalize).filter { !$0.isEmpty }) }
        var papersWith: [String: Int] = [:]
        for set in normalized {
            for keyword in set { papersWith[keyword, default: 0] += 1 }
        }
        return normalized.map { $0.filter { papersWith[$0, default: 0] <= genericKeywordPapers } }
    }

    /// The need text for a paper, and what it was built from (`keywords` or `title`).
    static func text(for paper: CSLPaper, keywords: [String], random: inout SplitMix64) -> (String, String) {
        let short = keywords.filter { (2...12).contains($0.count) }
        let topic = needTopic(fromTitle: paper.title)
        let byKeywords = random.below(100) < keywordShare
        if (byKeywords || topic.count < 4) && short.count >= 2 {
            var pool = Array(short.prefix(4))
            random.shuffle(&pool)
            let three = pool.count >= 3 && random.below(100) < 30
            let template = random.pick(three ? threeKeywordTemplates : twoKeywordTemplates)
            var text = template.replacingOccurrences(of: "{a}", with: pool[0]).replacingOccurrences(
                of: "{b}", with: pool[1])
            if three { text = text.replacingOccurrences(of: "{c}", with: pool[2]) }
            return ("keywords", text)
        }
        return ("title", random.pick(titleTemplates).replacingOccurrences(of: "{t}", with: topic))
    }

    /// A title without its academic framing: the subtitle, a leading 浅谈/试论/关于 and a
    /// trailing (的)研究/分析/探讨/综述 are taken off when enough is left.
    static func needTopic(fromTitle title: String) -> String {
        var topic = title.trimmingCharacters(in: .whitespacesAndNewlines)
        for mark in ["《", "》", "“", "”", "\"", "*", "∗"] { topic = topic.replacingOccurrences(of: mark, with: "") }
        for separator in ["——", "—", "--", "：", ":"] {
            if let range = topic.range(of: separator), topic[..<range.lowerBound].count >= 6 {
                topic = String(topic[..<range.lowerBound])
            }
        }
        for prefix in ["浅谈", "浅析", "试论", "关于", "论"] where topic.hasPrefix(prefix) && topic.count >= prefix.count + 6 {
            topic = String(topic.dropFirst(prefix.count))
            break
        }
        let suffixes = [
            "研究进展", "研究现状", "初步研究", "实验研究", "试验研究", "研究", "初步分析", "分析", "探讨", "初探", "浅析", "综述", "进展",
        ]
        for suffix in suffixes where topic.hasSuffix(suffix) && topic.count >= suffix.count + 5 {
            topic = String(topic.dropLast(suffix.count))
            if topic.hasSuffix("的") || topic.hasSuffix("及") || topic.hasSuffix("与") { topic = String(topic.dropLast()) }
            break
        }
        return topic.trimmingCharacters(in: .whitespaces)
    }

    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
