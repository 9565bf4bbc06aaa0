import Foundation
import Kernel

/// One CSL paper (read from papers.jsonl at run time; never copied into the repository).
struct Paper: Decodable {
    var id: String
    var title: String
    var abstract: String
    var keywords: [String]
    var category: String
    var discipline: String
}

/// The papers, and what the generators and queries draw from them.
struct Corpus {
    let papers: [Paper]
    /// Per paper: its field, its keywords usable as listing keywords, its abstract's sentences.
    let fields: [Field]
    let keywords: [[String]]
    let sentences: [[String]]

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError("cannot read the papers at \(path) (pass --papers)")
        }
        let decoder = JSONDecoder()
        var papers: [Paper] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            papers.append(try decoder.decode(Paper.self, from: Data(line)))
        }
        guard !papers.isEmpty else { throw BenchError("no papers in \(path)") }
        self.papers = papers
        fields = papers.map { Self.field(discipline: $0.discipline, category: $0.category) }
        keywords = papers.map { Self.usableKeywords($0.keywords) }
        sentences = papers.map { Self.sentences($0.abstract) }
    }

    /// The six corridor fields, from the paper's discipline (学科), else its category (门类).
    static func field(discipline: String, category: String) -> Field {
        let byDiscipline: [String: Field] = [
            "光学工程": .optoelectronics, "电子科学与技术": .optoelectronics, "信息与通信工程": .optoelectronics,
            "物理学": .optoelectronics,
            "交通运输工程": .newEnergyVehicles, "动力工程及工程热物理": .newEnergyVehicles, "电气工程": .newEnergyVehicles,
            "石油与天然气工程": .newEnergyVehicles,
            "基础医学/临床医学": .lifeHealth, "中医学/中药学": .lifeHealth, "药学": .lifeHealth, "口腔医学": .lifeHealth,
            "公共卫生与预防医学": .lifeHealth, "生物学/生物科学与工程": .lifeHealth, "食品科学与工程": .lifeHealth,
            "畜牧学/兽医学": .lifeHealth,
            "机械工程": .highEndEquipment, "材料科学与工程": .highEndEquipment, "船舶与海洋工程": .highEndEquipment,
            "兵器科学与技术": .highEndEquipment, "冶金工程": .highEndEquipment, "核科学与技术": .highEndEquipment,
            "矿业工程": .highEndEquipment, "力学": .highEndEquipment,
            "测绘科学与技术": .beidou, "航空宇航科学与技术": .beidou, "地球物理学": .beidou, "天文学": .beidou,
            "大气科学": .beidou,
            "计算机科学与技术": .ai, "控制科学与工程": .ai,
        ]
        if let field = byDiscipline[discipline] { return field }
        return category == "医学" ? .lifeHealth : .other
    }

    /// IPC subclasses that fit a field, for generated patents.
    static let ipcSubclasses: [Field: [String]] = [
        .optoelectronics: ["G02B", "H01S", "H01L", "H04B", "G02F", "H04L"],
        .newEnergyVehicles: ["H01M", "B60L", "B60W", "H02J", "F02D", "B60K"],
        .lifeHealth: ["A61B", "A61K", "C12N", "A61P", "G01N", "A23L"],
        .highEndEquipment: ["B23K", "B25J", "F16H", "C22C", "B21D", "G05B"],
        .beidou: ["G01S", "G01C", "H04W", "G08G", "G01W", "B64G"],
        .ai: ["G06N", "G06F", "G06V", "G06T", "G06Q", "G10L"],
        .other: ["E02D", "A01G", "C02F", "E21B", "G09B", "B65G"],
    ]

    /// Keywords a listing accepts (≤ 30 characters, no list separators), at most 12.
    static func usableKeywords(_ keywords: [String]) -> [String] {
        var result: [String] = []
        for keyword in keywords {
            let trimmed = keyword.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 30, !trimmed.contains(where: { ";；、,\"\n".contains($0) }),
                !result.contains(trimmed)
            else { continue }
            result.append(trimmed)
            if result.count == 12 { break }
        }
        return result
    }

    /// The sentences of an abstract (split at 。；; and at a full stop not inside a number).
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            var ends = "。；;！？".contains(character)
            if character == "." {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                ends = !(before.isNumber && after.isNumber)
            }
            if ends {
                let sentence = current.trimmingCharacters(in: .whitespaces)
                if sentence.count >= 6 { result.append(sentence) }
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if last.count >= 6 { result.append(last) }
        return result.isEmpty ? [text] : result
    }

    static let surnames = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红飞鑫宇浩然晨曦思远子涵雨欣博文俊杰海燕志强晓东")

    static func personName(_ random: inout SeededGenerator) -> String {
        var name = String(random.pick(surnames))
        for _ in 0..<(random.chance(70) ? 2 : 1) { name.append(random.pick(givenNames)) }
        return name
    }
}
