import Foundation
import Kernel

/// One paper of the CSL set (../shared/eval/csl/papers.jsonl), read at run time: the papers
/// are never copied into the repository.
public struct CSLPaper: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var abstract: String
    public var keywords: [String]
    /// 门类, e.g. 工学.
    public var category: String
    /// 学科, e.g. 光学工程.
    public var discipline: String

    public init(id: String, title: String, abstract: String, keywords: [String], category: String, discipline: String) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.keywords = keywords
        self.category = category
        self.discipline = discipline
    }
}

/// Reading the papers and what an achievement or a query takes from them.
public enum PaperCorpus {
    public static let maxPapers = 100_000

    public static func read(_ url: URL) throws -> [CSLPaper] {
        let decoder = JSONDecoder()
        var papers: [CSLPaper] = []
        var ids = Set<String>()
        for (number, line) in try EvaluationFiles.lines(url).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let paper: CSLPaper
            do {
                paper = try decoder.decode(CSLPaper.self, from: Data(line.utf8))
            } catch {
                throw EvaluationError("\(url.path) line \(number + 1): not a paper (\(error))")
            }
            guard ids.insert(paper.id).inserted else {
                throw EvaluationError("\(url.path) line \(number + 1): paper \(paper.id) twice")
            }
            papers.append(paper)
            guard papers.count <= maxPapers else { throw EvaluationError("\(url.path): more than \(maxPapers) papers") }
        }
        guard !papers.isEmpty else { throw EvaluationError("no papers in \(url.path)") }
        return papers
    }

    /// The corridor field a discipline (学科) belongs to; medicine (医学) without a listed
    /// discipline is life & health; everything else is `other`.
    public static func field(discipline: String, category: String) -> Field {
        if let field = fieldOfDiscipline[discipline] { return field }
        return category == "医学" ? .lifeHealth : .other
    }

    static let fieldOfDiscipline: [String: Field] = {
        let groups: [(Field, [String])] = [
            (.optoelectronics, ["光学工程", "电子科学与技术", "信息与通信工程", "物理学"]),
            (.newEnergyVehicles, ["交通运输工程", "动力工程及工程热物理", "电气工程", "石油与天然气工程"]),
            (
                .lifeHealth,
                [
                    "基础医学/临床医学", "中医学/中药学", "药学", "口腔医学", "公共卫生与预防医学", "生物学/生物科学与工程",
                    "食品科学与工程", "畜牧学/兽医学",
                ]
            ),
            (
                .highEndEquipment,
                [
                    "机械工程", "材料科学与工程", "船舶与海洋工程", "兵器科学与技术", "冶金工程", "核科学与技术", "矿业工程", "力学",
                ]
            ),
            (.beidou, ["测绘科学与技术", "航空宇航科学与技术", "地球物理学", "天文学", "大气科学"]),
            (.ai, ["计算机科学与技术", "控制科学与工程"]),
        ]
        var map: [String: Field] = [:]
        for (field, disciplines) in groups {
            for discipline in disciplines { map[discipline] = field }
        }
        return map
    }()

    /// The keywords a listing accepts, in order: trimmed, 1–30 characters, without the list
    /// separators a listing's keywords may not hold, each once, at most 12.
    public static func usableKeywords(_ keywords: [String]) -> [String] {
        var result: [String] = []
        for keyword in keywords {
            let trimmed = keyword.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 30, !trimmed.contains(where: { ";；、,，\"\n".contains($0) }),
                !result.contains(trimmed)
            else { continue }
            result.append(trimmed)
            if result.count == 12 { break }
        }
        return result
    }
}
