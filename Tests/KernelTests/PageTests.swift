import Foundation
import Kernel
import Testing

struct PageTests {
    @Test func cursorRoundTrips() throws {
        for id: Int64 in [0, 1, 42, 9_007_199_254_740_993] {
            #expect(try Cursor.decode(Cursor.encode(id)) == id)
        }
    }

    @Test(arguments: ["", "abc", "YzE6LTE", "!!!", String(repeating: "A", count: 100)])
    func badCursorsAreRefused(_ cursor: String) {
        #expect(throws: DomainError.self) { try Cursor.decode(cursor) }
    }

    @Test(arguments: [0, -1, 101])
    func limitOutsideRangeIsRefused(_ limit: Int) {
        do {
            _ = try PageRequest(limit: limit, cursor: nil)
            Issue.record("limit \(limit) accepted")
        } catch let error as DomainError {
            #expect(error.code == "limit_out_of_range")
            #expect(error.field == "limit")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func pageCutsAtLimitAndPointsPastTheLastItem() throws {
        let request = try PageRequest(limit: 2, cursor: nil)
        let page = request.page([Int64(3), 5, 8], id: { $0 })
        #expect(page.items == [3, 5])
        #expect(try page.nextCursor.map(Cursor.decode) == 5)
        #expect(request.page([Int64(3)], id: { $0 }).nextCursor == nil)
    }

    /// The last page says so with an explicit null, as its schema requires the key.
    @Test func theLastPageEncodesANullCursor() throws {
        let last = Page(items: [1, 2], nextCursor: nil)
        #expect(String(decoding: try JSONEncoder().encode(last), as: UTF8.self).contains("\"nextCursor\":null"))
        let decoded = try JSONDecoder().decode(Page<Int>.self, from: Data(#"{"items":[3],"nextCursor":null}"#.utf8))
        #expect(decoded.items == [3] && decoded.nextCursor == nil)
    }
}
