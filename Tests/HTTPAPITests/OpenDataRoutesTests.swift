import Foundation
import HTTPTypes
import HummingbirdTesting
import Kernel
import NIOCore
import Testing

@testable import HTTPAPI
@testable import Tabular

/// Open data (issue 17): the daily snapshot holds exactly what an anonymous API client can
/// read, document for document; its files are gzip at stable URLs, 0600 in 0700 folders; the
/// Atom feed lists new public listings per city and escapes what it quotes.
struct OpenDataRoutesTests {
    @Test func theSnapshotIsWhatAnAnonymousClientReads() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-open-data-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let world = try HTTPWorld { $0.database.dataDir = folder.path }
        let routes = ListingRoutesTests()
        let university = try await routes.signIn(world, "university", "WH", .orgAdmin, "tto.open")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "eng.open")
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        let store = OpenDataStore(configuration: world.configuration)
        try await world.test { client in
            func call(
                _ uri: String, _ token: String? = nil, method: HTTPRequest.Method = .get, body: String? = nil
            )
                async throws -> (HTTPResponse.Status, ByteBuffer, HTTPFields)
            {
                var result: (HTTPResponse.Status, ByteBuffer, HTTPFields) = (.ok, ByteBuffer(), [:])
                try await client.execute(
                    uri: uri, method: method, headers: token.map { headers(token: $0) } ?? [:],
                    body: body.map { ByteBuffer(string: $0) }
                ) { response in result = (response.status, response.body, response.headers) }
                return result
            }
            let (notYet, problem, _) = try await call("/v1/open-data")
            let notYetCode = try json(problem)["code"] as? String
            #expect(notYet == .notFound && notYetCode == "open_data_not_ready")

            // Public: a listed patent with a hostile title, and a need. Not public: a draft.
            let hostile = ListingRoutesTests.patent.replacingOccurrences(
                of: "一种高能量密度锂电池正极材料的制备方法", with: "=HYPERLINK(\\\"x\\\") <script>锂电池</script>")
            let (listed, listedBody, _) = try await call("/v1/patents", university, method: .post, body: hostile)
            #expect(listed == .created, "\(String(buffer: listedBody))")
            let draftBody = ListingRoutesTests.patent
                .replacingOccurrences(of: "ZL201710601862.3", with: "ZL201510000001.0")
                .replacingOccurrences(of: #""trl":6"#, with: #""trl":6,"status":"draft""#)
            let (drafted, draft, _) = try await call("/v1/patents", university, method: .post, body: draftBody)
            #expect(drafted == .created, "\(String(buffer: draft))")
            let draftID = (try json(draft))["id"] as? Int64 ?? 0
            let (needStatus, _, _) = try await call(
                "/v1/needs", enterprise, method: .post, body: ListingRoutesTests.need(deadline: deadline))
            #expect(needStatus == .created)

            #expect(try await store.publishIfDue(world.services))
            #expect(try await store.publishIfDue(world.services) == false, "one snapshot a day")
            let (ready, indexBody, _) = try await call("/v1/open-data")
            let index = try json(indexBody)
            #expect(ready == .ok && index["records"] as? Int64 == 2, "\(index)")
            #expect((index["columns"] as? [[String: Any]])?.first?["name"] as? String == "kind")

            let (_, packed, fileHeaders) = try await call("/v1/open-data/listings.jsonl.gz")
            #expect(fileHeaders[.contentType] == "application/gzip")
            let files = index["files"] as? [[String: Any]] ?? []
            #expect(
                files.first { $0["name"] as? String == "listings.jsonl.gz" }?["bytes"] as? Int64
                    == Int64(packed.readableBytes))
            let lines = String(decoding: try Gzip.decompress(Data(buffer: packed)), as: UTF8.self)
                .split(separator: "\n")
            var seen: Set<Int64> = []
            for line in lines {
                let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let kind = try #require(record["kind"] as? String)
                let listing = try #require(record["listing"] as? [String: Any])
                let id = try #require(listing["id"] as? Int64)
                seen.insert(id)
                let (status, answered, _) = try await call("/v1/\(kind)s/\(id)")
                #expect(status == .ok)
                let anonymous = try JSONSerialization.jsonObject(with: Data(buffer: answered)) as? NSDictionary
                #expect(anonymous == listing as NSDictionary, "the snapshot's \(kind) \(id) is the API's document")
            }
            #expect(!seen.contains(draftID))
            let (hidden, _, _) = try await call("/v1/patents/\(draftID)")
            #expect(hidden == .notFound, "the draft is not public, and not in the snapshot")

            let (_, csvPacked, _) = try await call("/v1/open-data/listings.csv.gz")
            let csv = String(decoding: try Gzip.decompress(Data(buffer: csvPacked)), as: UTF8.self)
            #expect(csv.hasPrefix(#""kind","id","title","city","fields","status","url""#))
            #expect(csv.contains(#""'=HYPERLINK"#), "a formula-looking title is neutralised: \(csv)")
            let (badFile, badBody, _) = try await call("/v1/open-data/secrets.db")
            let badCode = try json(badBody)["code"] as? String
            #expect(badFile == .unprocessableContent && badCode == "invalid_value")

            let day = folder.appendingPathComponent("open-data").appendingPathComponent(index["date"] as? String ?? "")
            let file = try FileManager.default.attributesOfItem(
                atPath: day.appendingPathComponent("listings.csv.gz").path)
            #expect((file[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let dir = try FileManager.default.attributesOfItem(atPath: day.path)
            #expect((dir[.posixPermissions] as? NSNumber)?.intValue == 0o700)

            let (feedStatus, feedBody, feedHeaders) = try await call("/v1/feeds/listings.atom?city=WH")
            let feed = String(buffer: feedBody)
            #expect(feedStatus == .ok && feedHeaders[.contentType]?.hasPrefix("application/atom+xml") == true)
            #expect(feed.contains("&lt;script&gt;锂电池&lt;/script&gt;") && !feed.contains("<script>"))
            #expect(feed.components(separatedBy: "<entry>").count == 2, "one public Wuhan listing: \(feed)")
            let (badCity, _, _) = try await call("/v1/feeds/listings.atom?city=BJ")
            #expect(badCity == .unprocessableContent)
        }
    }
}
