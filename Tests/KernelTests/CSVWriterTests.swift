import Kernel
import Testing

/// The CSV writer (issue 14): RFC 4180 quoting of every text field, CRLF records, formula
/// prefixes neutralised, computed numbers bare.
struct CSVWriterTests {
    @Test func textIsAlwaysQuotedAndInnerQuotesDoubled() {
        #expect(CSVWriter.encode(.text("光谷")) == #""光谷""#)
        #expect(CSVWriter.encode(.text(#"科技"有限",公司"#)) == #""科技""有限"",公司""#)
        #expect(CSVWriter.encode(.text("a\r\nb")) == "\"a\r\nb\"")
        #expect(CSVWriter.encode(.text("")) == #""""#)
    }

    @Test func formulaPrefixesAreNeutralised() {
        for start in ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"] {
            #expect(CSVWriter.encode(.text(start + "1+1")) == "\"'" + start + "1+1\"", "\(start.debugDescription)")
        }
        #expect(CSVWriter.encode(.text(#"=HYPERLINK("http://x","y")"#)) == #""'=HYPERLINK(""http://x"",""y"")""#)
        // Only a leading one matters; a '-' inside is text.
        #expect(CSVWriter.encode(.text("武汉-黄石")) == #""武汉-黄石""#)
    }

    @Test func numbersTheServerComputedStayNumbers() {
        #expect(CSVWriter.encode(.integer(-5)) == "-5")
        #expect(CSVWriter.encode(.integer(3_000_000)) == "3000000")
        #expect(CSVWriter.encode(.yuan(fen: 3_000_000)) == "30000.00")
        #expect(CSVWriter.encode(.yuan(fen: -1_205)) == "-12.05")
        #expect(CSVWriter.encode(.yuan(fen: 7)) == "0.07")
        #expect(CSVWriter.encode(.yuan(fen: Int64.min)) == "-92233720368547758.08")
    }

    @Test func recordsEndInCRLF() {
        let document = CSVWriter.document(
            header: ["a", "b"], records: [[.text("x"), .integer(1)], [.text("-y"), .integer(-2)]])
        #expect(document == "\"a\",\"b\"\r\n\"x\",1\r\n\"'-y\",-2\r\n")
    }
}
