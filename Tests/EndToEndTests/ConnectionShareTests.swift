import Foundation
import HTTPAPI
import Identity
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// One client cannot take every connection (issue 14), against the real server on 127.0.0.1: a
/// body trickled a byte at a time is cut off with 408 so the client waiting behind it is served,
/// and one address holds at most its share of connections. Also: an upload waiting for its body
/// sits in a temporary file only this user can read.
@Suite(.serialized)
struct ConnectionShareTests {
    static func post(_ path: String, length: Int, headers: [String] = []) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n"
            + headers.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    @Test func aTricklingBodyDoesNotKeepTheNextClientWaiting() async throws {
        // One connection in all: whoever holds it makes everyone else wait.
        let configuration = try ConnectionLimitTests.plainConfiguration {
            $0.limits.maxConnections = 1
            $0.limits.minBodyBytesPerSecond = 100
            $0.limits.bodyGraceSeconds = 2
        }
        try await LiveServer.with(configuration) { port, _ in
            // A complete head, then a 1,000-byte body at one byte every half second: the idle
            // timeout (60 s) restarts on each byte and would never fire.
            async let trickler = offPool { () -> (TimeInterval, String) in
                let socket = try PlainSocket(port: port, timeout: 0.5)
                defer { socket.close() }
                let start = Date()
                socket.send(Self.post("/v1/auth/login", length: 1_000))
                var received = ""
                while Date().timeIntervalSince(start) < 15 {
                    if !socket.send("{") { break }
                    switch socket.read() {
                    case .data(let bytes): received += String(decoding: bytes, as: UTF8.self)
                    case .closed: return (Date().timeIntervalSince(start), received)
                    case .timedOut: continue
                    }
                }
                return (Date().timeIntervalSince(start), received)
            }
            // A second client arrives just after, while the trickler holds the only connection.
            async let next = offPool { () -> (TimeInterval, String?) in
                Thread.sleep(forTimeInterval: 0.3)
                let socket = try PlainSocket(port: port)
                defer { socket.close() }
                let start = Date()
                socket.send(ConnectionLimitTests.get())
                let answer = socket.response(timeout: 10)
                return (Date().timeIntervalSince(start), answer)
            }
            let (trickled, refusal) = try await trickler
            #expect(trickled >= 1.5 && trickled < 6, "trickler cut off after \(trickled) s")
            #expect(refusal.hasPrefix("HTTP/1.1 408"), "\(refusal)")
            #expect(refusal.contains(#""code":"body_too_slow""#) && refusal.lowercased().contains("connection: close"))
            let (waited, answer) = try await next
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true)
            #expect(waited < 6, "the next client waited \(waited) s")

            // A body that keeps pace is not cut off, however long it takes overall.
            let steady = try await offPool { () -> String? in
                let socket = try PlainSocket(port: port)
                defer { socket.close() }
                let body = #"{"username":"nobody.here","password":"\#(String(repeating: "p", count: 560))"}"#
                socket.send(Self.post("/v1/auth/login", length: body.utf8.count))
                // 200 bytes a second (twice the minimum) for about three seconds.
                for chunk in Array(body).chunks(of: 40) {
                    socket.send(String(chunk))
                    Thread.sleep(forTimeInterval: 0.2)
                }
                return socket.response(timeout: 5)
            }
            // Answered by the route (a refused sign-in), not by the guard.
            #expect(
                steady?.hasPrefix("HTTP/1.1 4") == true && steady?.hasPrefix("HTTP/1.1 408") == false,
                "\(steady ?? "no answer")")
        }
    }

    @Test func oneAddressHoldsAtMostItsShareOfConnections() async throws {
        let configuration = try ConnectionLimitTests.plainConfiguration {
            $0.limits.maxConnections = 10
            $0.limits.maxConnectionsPerAddress = 2
        }
        try await LiveServer.with(configuration) { port, _ in
            let outcome = try await offPool { () -> [String?] in
                let first = try PlainSocket(port: port)
                let second = try PlainSocket(port: port)
                defer { second.close() }
                first.send(ConnectionLimitTests.get())
                let firstAnswer = first.response(timeout: 3)
                second.send(ConnectionLimitTests.get())
                let secondAnswer = second.response(timeout: 3)
                // The address has its two: a third connection is closed at once, unanswered.
                let third = try PlainSocket(port: port)
                defer { third.close() }
                third.send(ConnectionLimitTests.get())
                let thirdClosed = third.untilClosed(timeout: 3)
                // The two it holds still work; when one closes, a new one is served.
                second.send(ConnectionLimitTests.get())
                let secondAgain = second.response(timeout: 3)
                first.close()
                Thread.sleep(forTimeInterval: 0.3)
                let fourth = try PlainSocket(port: port)
                defer { fourth.close() }
                fourth.send(ConnectionLimitTests.get())
                return [firstAnswer, secondAnswer, thirdClosed, secondAgain, fourth.response(timeout: 3)]
            }
            #expect(outcome[0]?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome[1]?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome[2] == "", "a third connection from the address was served: \(outcome[2] ?? "still open")")
            #expect(outcome[3]?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome[4]?.hasPrefix("HTTP/1.1 200") == true)
        }
    }

    @Test func anUploadWaitsInAFileOnlyThisUserCanRead() async throws {
        let configuration = try ConnectionLimitTests.plainConfiguration()
        try await LiveServer.with(configuration) { port, database in
            let token = try PlatformBootstrap.createAdministrator(
                database: database, username: "admin", displayName: "管理员", password: "upload admin password",
                passwords: Passwords(cost: 4), tokenLifetime: 3_600
            ).token.token
            let before = Set(Self.uploads())
            let (modes, answer) = try await offPool { () -> ([UInt16], String?) in
                let socket = try PlainSocket(port: port)
                defer { socket.close() }
                let rows = "number,title\r\n"
                socket.send(
                    Self.post(
                        "/v1/patents/import", length: rows.utf8.count + 10, headers: ["Authorization: Bearer \(token)"]
                    )
                    .replacingOccurrences(of: "application/json", with: "text/csv")
                )
                socket.send(rows)
                Thread.sleep(forTimeInterval: 0.5)
                // The upload is being received: its file exists.
                let modes = Self.uploads().filter { !before.contains($0) }.map(Self.mode)
                socket.send("1234567890")
                return (modes, socket.response(timeout: 5))
            }
            #expect(!modes.isEmpty, "no upload file while the body arrived")
            #expect(modes.allSatisfy { $0 == 0o600 }, "modes \(modes.map { String($0, radix: 8) })")
            #expect(answer?.hasPrefix("HTTP/1.1 ") == true)
            #expect(Set(Self.uploads()).subtracting(before).isEmpty, "the upload file is removed")
        }
    }

    static func uploads() -> [String] {
        let directory = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix("corridor-import-") }.map { directory.appendingPathComponent($0).path }
    }

    static func mode(_ path: String) -> UInt16 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return UInt16(info.st_mode & 0o777)
    }
}

extension Array {
    fileprivate func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
