import Foundation
import Identity
import Kernel
@testable import Listings
import Store
import Testing

/// Files for an import, in a directory of their own that goes away with the value.
final class ImportFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "listings-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// The text in GB18030, made by the system's iconv (not by the code under test).
    func writeGB18030(_ name: String, _ text: String) throws -> URL {
        let source = try write(name + ".utf8", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", source.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try write(name, data)
    }
}

struct PatentImportTests {
    static let header = "number,title,abstract,legalStatus,fields,transferModes,priceMinFen,priceMaxFen,ipcCodes"
    static let numbers = [
        patentNumber(year: 2018, serial: 1_001), patentNumber(year: 2019, type: 2, serial: 2_002),
        patentNumber(year: 2020, serial: 3_003),
    ]

    static func rows(_ second: String? = nil) -> [String] {
        [
            "\(numbers[0]),一种锂电池正极材料,提高能量密度的正极材料,granted,new_energy_vehicles,assignment;equity,1000000,5000000,H01M 10/0525",
            second
                ?? "ZL\(numbers[1]),光纤光栅传感器,一种耐高温的光纤光栅,pending,optoelectronics；ai,licence_non_exclusive,0,2000000,G01D 5/353;G02B 6/02",
            "\(numbers[2]),\"北斗定位芯片,低功耗版\",\"摘要含\"\"引号\"\"\",granted,beidou,assignment,3000000,3000000,",
        ]
    }

    static func csv(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    struct Setting {
        let world: ListingsWorld
        let files: ImportFiles
        let university: Organization
        let member: Actor

        init() async throws {
            world = try ListingsWorld()
            files = try ImportFiles()
            university = try await world.organization(.university, .wuhan)
            member = world.actor(.orgMember, in: university)
        }

        func csv(
            _ url: URL, _ mode: PatentImport.Mode = .allOrNothing, by actor: Actor? = nil
        ) async throws -> PatentImport.Report {
            try await world.imports.run(
                file: url, format: .csv, encoding: nil, mode: mode, owner: nil, by: actor ?? member)
        }
    }

    @Test func cellsAreTrimmedExactlyAsFoundationTrimsWhitespace() {
        let cells = [
            "", " ", "\t\t", "  光谷  ", "\u{3000}全角空格\u{3000}", "\u{00A0}nbsp\u{00A0}", "\nline\n", " \u{301}accent ",
            "a b", "\u{2009}thin\u{200B}", "\t混合 text\u{3000} ", "\u{1680}\u{202F}\u{205F}x\u{200C}",
            "\u{FEFF}bom\u{85}",
        ]
        for cell in cells {
            #expect(
                PatentImportRow.trimmed(cell) == cell.trimmingCharacters(in: .whitespaces), "\(cell.debugDescription)")
        }
    }

    @Test func aLargeFileIsCheckedInChunksAndReportedInRowOrder() async throws {
        let setting = try await Setting()
        // Two chunks and a part, every 1,000th row bad: the errors come back in row order.
        let count = PatentImport.checkChunk * 2 + 100
        let rows = (1...count).map { index in
            let number = index % 1_000 == 0 ? "not a number" : patentNumber(year: 2021, serial: index)
            return "\(number),一种测试方法\(index),摘要\(index),granted,optoelectronics,assignment,0,0,"
        }
        let file = try setting.files.write("chunks.csv", Self.csv(rows))
        let report = try await setting.csv(file, .skipInvalid)
        #expect(report.rows == count)
        #expect(report.invalid == count / 1_000)
        #expect(report.errors.map(\.row) == (1...(count / 1_000)).map { $0 * 1_000 })
        #expect(report.created == count - count / 1_000)
    }

    @Test func aCSVFileImportsItsRowsInOneAuditedWrite() async throws {
        let setting = try await Setting()
        let world = setting.world
        let file = try setting.files.write("patents.csv", Self.csv(Self.rows()))
        let before = try world.footprint()
        let seq = try world.lastAuditSeq()

        let report = try await setting.csv(file)

        #expect(
            report.rows == 3 && report.created == 3 && report.updated == 0 && report.unchanged == 0
                && report.invalid == 0)
        #expect(report.committed)
        #expect(report.errors.isEmpty)
        #expect(report.format == "csv" && report.encoding == "utf8" && report.mode == .allOrNothing)
        // One audited batch (at most 500 rows each) and the import's own audited summary.
        #expect(try world.footprint() == [before[0] + 3, before[1] + 2, before[2] + 3])
        #expect(try world.auditActions(after: seq) == ["patent.import.batch", "patent.import"])

        let found = try await world.search.search(
            world.query(nil) { $0.ownerOrganizationId = setting.university.id }, viewer: nil)
        #expect(found.total == 3)
        let imported = try await world.database.read { db in
            try Self.numbers.map { try ListingStore.find(db, Patent.self, externalKey: $0) }
        }
        let first = try #require(imported[0])
        #expect(first.title == "一种锂电池正极材料" && first.legalStatus == .granted)
        #expect(first.transferModes == [.assignment, .equity])
        #expect(first.askingPrice == PriceRange(minFen: 1_000_000, maxFen: 5_000_000))
        #expect(first.ownerOrganizationId == setting.university.id && first.status == .listed)
        let second = try #require(imported[1])
        #expect(second.patentType == .utilityModel)
        #expect(second.fields == [.optoelectronics, .ai])  // ；(full-width) separates too
        #expect(second.ipcCodes == ["G01D 5/353", "G02B 6/02"])
        let third = try #require(imported[2])
        #expect(third.title == "北斗定位芯片,低功耗版" && third.abstract == "摘要含\"引号\"")
        #expect(third.ipcCodes.isEmpty)
        // Found by words, too.
        #expect(try await world.search.search(world.query("光纤光栅"), viewer: nil).items.map(\.id) == [second.id])
    }

    @Test func importingTheSameFileAgainChangesNothing() async throws {
        let setting = try await Setting()
        let world = setting.world
        let file = try setting.files.write("patents.csv", Self.csv(Self.rows()))
        _ = try await setting.csv(file)
        world.clock.advance(by: 3_600)
        let before = try world.footprint()

        let again = try await setting.csv(file)

        #expect(again.rows == 3)
        #expect(again.created == 0 && again.updated == 0 && again.unchanged == 3 && again.invalid == 0)
        #expect(again.committed == false)
        // Nothing written but the audited record that the file was imported again.
        #expect(try world.footprint() == [before[0], before[1] + 1, before[2]])

        // One row changed: that one is updated, in one audited batch beside the import's summary.
        let changed = try setting.files.write(
            "patents-2.csv",
            Self.csv(
                Self.rows(
                    "\(Self.numbers[1]),光纤光栅温度传感器,一种耐高温的光纤光栅,granted,optoelectronics;ai,licence_non_exclusive,0,2000000,G01D 5/353;G02B 6/02"
                ))
        )
        let update = try await setting.csv(changed)
        #expect(update.created == 0 && update.updated == 1 && update.unchanged == 2 && update.committed)
        #expect(try world.footprint() == [before[0], before[1] + 3, before[2]])
        let patent = try await world.database.read { db in
            try ListingStore.find(db, Patent.self, externalKey: Self.numbers[1])
        }
        #expect(patent?.title == "光纤光栅温度传感器" && patent?.legalStatus == .granted && patent?.version == 2)
        #expect(patent?.updatedAt == world.now)
        #expect(try await world.search.search(world.query("温度传感器"), viewer: nil).total == 1)
    }

    @Test func allOrNothingWritesNothingWhenARowIsBad() async throws {
        let setting = try await Setting()
        let world = setting.world
        let bad = String(Self.numbers[1].dropLast()) + (Self.numbers[1].last == "0" ? "1" : "0")
        let file = try setting.files.write(
            "patents.csv", Self.csv(Self.rows("\(bad),光纤光栅传感器,摘要,pending,optoelectronics,assignment,0,1,")))
        let before = try world.footprint()

        let report = try await setting.csv(file, .allOrNothing)

        #expect(report.committed == false)
        #expect(report.rows == 3 && report.invalid == 1)
        #expect(report.errors.count == 1)
        let error = try #require(report.errors.first)
        #expect(error.row == 2)
        #expect(error.line == 3)  // the header is line 1
        #expect(error.field == "number")
        #expect(error.code == "patent_check_digit")
        #expect(!error.messageZh.isEmpty && !error.messageEn.isEmpty)
        // Nothing written but the audited record of the refused import.
        #expect(try world.footprint() == [before[0], before[1] + 1, before[2]])
    }

    @Test func skipInvalidWritesTheGoodRows() async throws {
        let setting = try await Setting()
        let world = setting.world
        let bad = String(Self.numbers[1].dropLast()) + (Self.numbers[1].last == "0" ? "1" : "0")
        let file = try setting.files.write(
            "patents.csv", Self.csv(Self.rows("\(bad),光纤光栅传感器,摘要,pending,optoelectronics,assignment,0,1,")))
        let before = try world.footprint()

        let report = try await setting.csv(file, .skipInvalid)

        #expect(report.committed)
        #expect(report.rows == 3 && report.created == 2 && report.invalid == 1)
        #expect(report.errors.map(\.row) == [2] && report.errors.first?.code == "patent_check_digit")
        #expect(try world.footprint() == [before[0] + 2, before[1] + 2, before[2] + 2])
        let stored = try await world.database.read { db in
            try Self.numbers.map { try ListingStore.find(db, Patent.self, externalKey: $0) != nil }
        }
        #expect(stored == [true, false, true])
    }

    @Test(
        arguments: [
            (
                "number,title,abstract,legalStatus,fields,transferModes,colour\n\(patentNumber(serial: 9)),标题,摘要,granted,ai,equity,红",
                "unknown_field", "colour"
            ),
            (
                "number,title,abstract,legalStatus,fields,transferModes,priceMinFen\n\(patentNumber(serial: 9)),标题,摘要,granted,ai,equity,一百",
                "wrong_type", "priceMinFen"
            ),
            (
                "number,title,abstract,legalStatus,fields,transferModes\n\(patentNumber(serial: 9)),标题,摘要,作废中,ai,equity",
                "invalid_value", "legalStatus"
            ),
            (
                "number,title,abstract,legalStatus,fields,transferModes\n\(patentNumber(serial: 9)),标题,摘要,granted,ai,",
                "required", "transferModes"
            ),
            (
                "number,title,legalStatus,fields,transferModes\n\(patentNumber(serial: 9)),标题,granted,ai,equity",
                "required", "abstract"
            ),
            (
                "number,title,abstract,legalStatus,fields,transferModes,trl\n\(patentNumber(serial: 9)),标题,摘要,granted,ai,equity,12",
                "trl_out_of_range", "trl"
            ),
            (
                "number,title,abstract,legalStatus,fields,transferModes,priceMinFen,priceMaxFen\n\(patentNumber(serial: 9)),标题,摘要,granted,ai,equity,9,1",
                "inverted_range", "askingPrice.maxFen"
            ),
        ] as [(String, String, String)])
    func aBadRowIsReportedWithItsFieldAndCode(_ text: String, _ code: String, _ field: String) async throws {
        let setting = try await Setting()
        let file = try setting.files.write("one.csv", text + "\n")
        let before = try setting.world.footprint()
        let report = try await setting.csv(file, .skipInvalid)
        #expect(report.invalid == 1 && report.created == 0 && report.committed == false)
        #expect(report.errors.first?.code == code)
        #expect(report.errors.first?.field == field)
        #expect(report.errors.first?.row == 1 && report.errors.first?.line == 2)
        #expect(try setting.world.footprint() == [before[0], before[1] + 1, before[2]])
    }

    @Test func aGB18030FileWithChineseHeadersImports() async throws {
        let setting = try await Setting()
        let world = setting.world
        let text = """
            专利号,名称,摘要,法律状态,领域,转化方式,面议
            \(patentNumber(year: 2021, serial: 77)),一种半导体激光器腔面钝化方法,提高激光器寿命,granted,optoelectronics,assignment、equity,是
            ZL\(patentNumber(year: 2022, type: 3, serial: 78)),激光器外壳（外观设计）,外观,granted,optoelectronics,licence_exclusive,是

            """
        let file = try setting.files.writeGB18030("专利.csv", text)
        let bytes = try Data(contentsOf: file)
        #expect(String(data: bytes, encoding: .utf8) == nil)  // really not UTF-8

        let report = try await setting.csv(file)

        #expect(report.encoding == "gb18030")
        #expect(report.errors.isEmpty)
        #expect(report.created == 2 && report.committed)
        let patent = try await world.database.read { db in
            try ListingStore.find(db, Patent.self, externalKey: patentNumber(year: 2021, serial: 77))
        }
        #expect(patent?.title == "一种半导体激光器腔面钝化方法")
        #expect(patent?.askingPrice == PriceRange(negotiable: true))
        #expect(patent?.transferModes == [.assignment, .equity])
        let design = try await world.database.read { db in
            try ListingStore.find(db, Patent.self, externalKey: patentNumber(year: 2022, type: 3, serial: 78))
        }
        #expect(design?.patentType == .design && design?.title == "激光器外壳（外观设计）")
        #expect(try await world.search.search(world.query("激光器"), viewer: nil).total == 2)
    }

    @Test func jsonLinesImportWithArrays() async throws {
        let setting = try await Setting()
        let world = setting.world
        let lines = [
            #"{"number": "\#(patentNumber(year: 2023, serial: 501))", "title": "基于深度学习的缺陷检测方法", "abstract": "用于光伏组件的缺陷检测。", "legalStatus": "pending", "fields": ["ai", "high_end_equipment"], "transferModes": ["licence_exclusive", "licence_non_exclusive"], "askingPrice": {"minFen": 500000, "maxFen": 900000}, "ipcCodes": ["G06N 3/08", "G06T 7/00"], "keywords": ["深度学习", "缺陷检测"], "inventors": ["王五"], "trl": 4}"#,
            #"{"number": "\#(patentNumber(year: 2023, serial: 502))", "title": "手术机器人力反馈装置", "abstract": "一种力反馈装置。", "legalStatus": "granted", "fields": ["life_health"], "transferModes": ["equity"], "negotiable": true}"#,
        ]
        let file = try setting.files.write("patents.jsonl", lines.joined(separator: "\n") + "\n")
        let report = try await world.imports.run(
            file: file, format: .jsonLines, encoding: nil, mode: .allOrNothing, owner: nil, by: setting.member)
        #expect(report.format == "jsonLines" && report.encoding == "utf8")
        #expect(report.errors.isEmpty)
        #expect(report.created == 2 && report.rows == 2 && report.committed)
        let first = try await world.database.read { db in
            try ListingStore.find(db, Patent.self, externalKey: patentNumber(year: 2023, serial: 501))
        }
        #expect(first?.fields == [.ai, .highEndEquipment])
        #expect(first?.ipcCodes == ["G06N 3/08", "G06T 7/00"])
        #expect(first?.keywords == ["深度学习", "缺陷检测"])
        #expect(first?.trl == 4 && first?.inventors == ["王五"])
        #expect(first?.askingPrice == PriceRange(minFen: 500_000, maxFen: 900_000))
        let second = try await world.database.read { db in
            try ListingStore.find(db, Patent.self, externalKey: patentNumber(year: 2023, serial: 502))
        }
        #expect(second?.askingPrice == PriceRange(negotiable: true))
        #expect(try await world.search.search(world.query("缺陷检测") { $0.fields = [.ai] }, viewer: nil).total == 1)

        // A line of bad JSON and a line with a wrong type are reported by line.
        let broken = try setting.files.write("broken.jsonl", lines[0] + "\n{not json}\n" + #"{"number": 5}"# + "\n")
        let rejected = try await world.imports.run(
            file: broken, format: .jsonLines, encoding: nil, mode: .skipInvalid, owner: nil, by: setting.member)
        #expect(rejected.unchanged == 1 && rejected.invalid == 2)
        #expect(rejected.errors.map(\.line) == [2, 3])
        #expect(rejected.errors.map(\.code) == ["bad_json", "wrong_type"])
        #expect(rejected.errors.last?.field == "number")
    }

    @Test func aNumberOwnedByAnotherOrganisationIsTaken() async throws {
        let setting = try await Setting()
        let world = setting.world
        let rival = try await world.organization(.university, .wuhan, 1)
        let theirs = try await world.listPatent(Self.numbers[1], title: "别人的专利", by: world.actor(.orgMember, in: rival))
        let file = try setting.files.write("patents.csv", Self.csv(Self.rows()))
        let before = try world.footprint()

        let strict = try await setting.csv(file, .allOrNothing)
        #expect(strict.committed == false && strict.invalid == 1)
        #expect(strict.errors.first?.row == 2)
        #expect(strict.errors.first?.code == "patent_number_taken")
        #expect(strict.errors.first?.field == "number")
        #expect(try world.footprint() == [before[0], before[1] + 1, before[2]])

        let lenient = try await setting.csv(file, .skipInvalid)
        #expect(lenient.created == 2 && lenient.invalid == 1 && lenient.committed)
        // The rival's patent is untouched.
        #expect(try await world.patents.get(theirs.id, viewer: nil) == theirs)
    }

    @Test
    func reimportingDoesNotUndoATransfer() async throws {
        let setting = try await Setting()
        let world = setting.world
        let file = try setting.files.write("patents.csv", Self.csv(Self.rows()))
        _ = try await setting.csv(file)
        let id = try #require(
            try await world.database.read { db in
                try ListingStore.find(db, Patent.self, externalKey: Self.numbers[0])?.id
            })
        var patch = PatentPatch()
        patch.status = .transferred
        _ = try await world.patents.update(id, patch, by: setting.member)
        // Through the service, transferred is final…
        patch.status = .listed
        #expect(
            await domainError { try await world.patents.update(id, patch, by: setting.member) }?.code
                == "illegal_transition")
        // …and importing the original file again must not put it back on the market. The file
        // names no status, so the re-import succeeds and every row is left as it is.
        let again = try await setting.csv(file, .skipInvalid)
        #expect(again.invalid == 0 && again.errors.isEmpty)
        #expect(again.unchanged == 3 && again.created == 0 && again.updated == 0 && !again.committed)
        #expect(try await world.patents.get(id, viewer: setting.member).status == .transferred)
        // A file that asks for the listed status is refused for that row only.
        let relisting = ([Self.header + ",status"] + Self.rows().map { $0 + ",listed" }).joined(separator: "\n") + "\n"
        let relist = try setting.files.write("relist.csv", relisting)
        let refused = try await setting.csv(relist, .skipInvalid)
        #expect(
            refused.invalid == 1 && refused.errors.first?.row == 1 && refused.errors.first?.code == "illegal_transition"
        )
        #expect(try await world.patents.get(id, viewer: setting.member).status == .transferred)
    }

    @Test func onlyThoseWhoMayListPatentsImport() async throws {
        let setting = try await Setting()
        let world = setting.world
        let file = try setting.files.write("patents.csv", Self.csv(Self.rows()))
        let before = try world.footprint()
        let bureau = try await world.organization(.government, .wuhan)
        let government = await domainError { try await setting.csv(file, by: world.actor(.orgAdmin, in: bureau)) }
        #expect(government?.code == "organization_kind_not_allowed")
        let expert = await domainError { try await setting.csv(file, by: world.actor(.expert, in: setting.university)) }
        #expect(expert?.code == "forbidden")
        let other = try await world.organization(.university, .wuhan, 1)
        let foreign = await domainError {
            try await world.imports.run(
                file: file, format: .csv, encoding: nil, mode: .allOrNothing, owner: other.id, by: setting.member)
        }
        #expect(foreign?.code == "forbidden")
        #expect(try world.footprint() == before)

        // A platform administrator imports on an organisation's behalf.
        let platform = try await world.organization(.platform, .wuhan)
        let report = try await world.imports.run(
            file: file, format: .csv, encoding: nil, mode: .allOrNothing, owner: other.id,
            by: world.actor(.platformAdmin, in: platform)
        )
        #expect(report.created == 3)
        let owner = try await world.database.read { db in
            try ListingStore.find(db, Patent.self, externalKey: Self.numbers[0])?.ownerOrganizationId
        }
        #expect(owner == other.id)
    }

    /// A file that cannot be read at all is a clear refusal naming the file, not a server error.
    @Test(arguments: [("", "missing_header"), ("number,title,number\n1,2,3\n", "duplicate_header")])
    func anUnreadableFileIsRefused(_ text: String, _ code: String) async throws {
        let setting = try await Setting()
        let before = try setting.world.footprint()
        let refused = await domainError { try await setting.csv(try setting.files.write("bad.csv", text)) }
        #expect(refused?.code == code && refused?.field == "file" && refused?.kind == .invalid)
        #expect(try setting.world.footprint() == before)
    }
}
