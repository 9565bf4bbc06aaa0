import Foundation
import Testing
import TextAnalysis

@Suite("IPCCode")
struct IPCCodeTests {
    @Test(
        "valid codes parse, display and tokenise",
        arguments: [
            ("H01M 10/0525", "H01M 10/0525", "ipch01m0010052500", "H01M", "H01M0010052500"),
            ("H01M10/0525", "H01M 10/0525", "ipch01m0010052500", "H01M", "H01M0010052500"),
            ("h01m 10/0525", "H01M 10/0525", "ipch01m0010052500", "H01M", "H01M0010052500"),
            ("  G06F 16/33\n", "G06F 16/33", "ipcg06f0016330000", "G06F", "G06F0016330000"),
            ("A61K 31/00", "A61K 31/00", "ipca61k0031000000", "A61K", "A61K0031000000"),
            ("B60L 1/00", "B60L 1/00", "ipcb60l0001000000", "B60L", "B60L0001000000"),
            ("C12N 1234/123456", "C12N 1234/123456", "ipcc12n1234123456", "C12N", "C12N1234123456"),
            ("Ｇ０６Ｎ　３／０８", "G06N 3/08", "ipcg06n0003080000", "G06N", "G06N0003080000"),
        ])
    func valid(text: String, display: String, token: String, subclass: String, symbol: String) throws {
        let code = try #require(IPCCode.parse(text))
        #expect(code.display == display)
        #expect(code.description == display)
        #expect(code.token == token)
        #expect(code.subclass == subclass)
        #expect(code.symbol == symbol)
        #expect(code.section == display.first)
        #expect(IPCCode.parse(code.display) == code)
    }

    @Test("components")
    func components() throws {
        let code = try #require(IPCCode.parse("H01M 10/0525"))
        #expect(code.section == "H")
        #expect(code.classNumber == 1)
        #expect(code.subclassLetter == "M")
        #expect(code.mainGroup == 10)
        #expect(code.subgroup == "0525")
    }

    @Test(
        "invalid codes are refused",
        arguments: [
            "Z01M 10/05",  // section must be A–H
            "I01M 10/05",
            "H01M 1005",  // missing slash
            "H01M 10",
            "H01M 10/5",  // subgroup too short
            "H01M 10/",
            "H01M 10/1234567",  // subgroup too long
            "H01M /05",  // no main group
            "H01M 12345/05",  // main group too long
            "H1M 10/05",  // one-digit class
            "H001M 10/05",
            "H00M 10/05",  // class 00 does not exist
            "H011 10/05",  // subclass must be a letter
            "H01M 10/05 extra",
            "H01M 10/05a",
            "",
            "H01M",
        ])
    func invalid(text: String) {
        #expect(IPCCode.parse(text) == nil)
    }

    @Test("written variants of one group are one code")
    func equivalence() throws {
        let plain = try #require(IPCCode.parse("H01M 10/0525"))
        #expect(IPCCode.parse("H01M 010/0525") == plain)
        #expect(IPCCode.parse("H01M 10/052500") == plain)
        #expect(IPCCode.parse("H01M 10/052") != plain)
        // Without padding, 10/0525 and 100/525 would share a token.
        let other = try #require(IPCCode.parse("H01M 100/525"))
        #expect(other.token != plain.token)
    }

    @Test("codes sort in the order of the classification")
    func ordering() throws {
        let codes = try ["H01M 10/0525", "A61K 31/00", "H01M 4/58", "H01M 10/052", "H01M 10/05"].map {
            try #require(IPCCode.parse($0))
        }
        #expect(
            codes.sorted().map(\.display) == ["A61K 31/00", "H01M 4/58", "H01M 10/05", "H01M 10/052", "H01M 10/0525"])
    }

    @Test("JSON carries the display form and refuses an invalid code")
    func codable() throws {
        let code = try #require(IPCCode.parse("h01m10/0525"))
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["H01M 10\/0525"]"#)
        #expect(try JSONDecoder().decode([IPCCode].self, from: data) == [code])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IPCCode].self, from: Data(#"["Z01M 10/05"]"#.utf8))
        }
    }
}
