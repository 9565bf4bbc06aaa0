import Foundation
import HTTPAPI
import Platform
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// The limits below the router, against the real server on loopback with plain sockets: request
/// head size (431), slow clients (408 and closed), and the connection limit (queued).
@Suite(.serialized)
struct ConnectionLimitTests {
    static func plainConfiguration(
        _ adjust: (inout ServerConfiguration) -> Void = { _ in }
    ) throws -> ServerConfiguration {
        var configuration = LiveServer.configuration(dataDir: try LiveServer.temporaryDirectory())
        configuration.http.plaintext = true
        adjust(&configuration)
        return configuration
    }

    static func get(_ path: String = "/healthz", headers: [String] = []) -> String {
        "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    @Test func requestHeadsOverTheLimitGet431() async throws {
        let configuration = try Self.plainConfiguration()
        #expect(configuration.limits.maxHeaderBytes == 16_384)
        try await LiveServer.with(configuration) { port, _ in
            let results = try await offPool { () -> [String?] in
                let fine = try PlainSocket(port: port)
                defer { fine.close() }
                fine.send(Self.get(headers: ["X-Padding: " + String(repeating: "a", count: 8_000)]))
                let big = try PlainSocket(port: port)
                defer { big.close() }
                big.send(Self.get(headers: ["X-Padding: " + String(repeating: "a", count: 20_000)]))
                let many = try PlainSocket(port: port)
                defer { many.close() }
                many.send(Self.get(headers: (0..<40).map { "X-Field-\($0): " + String(repeating: "b", count: 500) }))
                return [fine.response(timeout: 5), big.untilClosed(timeout: 5), many.untilClosed(timeout: 5)]
            }
            #expect(results[0]?.hasPrefix("HTTP/1.1 200") == true)
            for refused in results.dropFirst() {
                #expect(refused?.hasPrefix("HTTP/1.1 431") == true)
                #expect(refused?.contains("\"code\":\"headers_too_large\"") == true)
                #expect(refused?.lowercased().contains("x-content-type-options: nosniff") == true)
            }
        }
    }

    @Test func requestHeadsOverTheLimitGet431OverTLS() async throws {
        let configuration = LiveServer.configuration(dataDir: try LiveServer.temporaryDirectory())
        try await LiveServer.with(configuration) { port, _ in
            let url = "https://127.0.0.1:\(port)/healthz"
            let big = try await curl([
                "-k", "--http1.1", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                "X-Padding: " + String(repeating: "a", count: 20_000), url,
            ])
            #expect(big.output == "431")
            let fine = try await curl([
                "-k", "--http1.1", "-D", "-", "-o", "/dev/null", "-H",
                "X-Padding: " + String(repeating: "a", count: 8_000), url,
            ])
            #expect(fine.output.hasPrefix("HTTP/1.1 200"))
            #expect(fine.output.lowercased().contains("strict-transport-security: max-age=31536000"))
        }
    }

    @Test func aSlowClientIsCutOffWhileOthersAreServed() async throws {
        let configuration = try Self.plainConfiguration { $0.limits.requestHeadTimeoutSeconds = 2 }
        try await LiveServer.with(configuration) { port, _ in
            // One byte of a never-ending head every half second: the idle timeout never fires.
            async let slow = offPool { () -> (TimeInterval, String) in
                let socket = try PlainSocket(port: port, timeout: 0.5)
                defer { socket.close() }
                let start = Date()
                let head = Array(
                    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + String(repeating: "s", count: 100))
                var received = ""
                var index = 0
                while Date().timeIntervalSince(start) < 12 {
                    if index < head.count, !socket.send(String(head[index])) { break }
                    index += 1
                    switch socket.read() {
                    case .data(let bytes): received += String(decoding: bytes, as: UTF8.self)
                    case .closed: return (Date().timeIntervalSince(start), received)
                    case .timedOut: continue
                    }
                }
                return (Date().timeIntervalSince(start), received)
            }
            // A client that connects and sends nothing is cut off the same way.
            async let silent = offPool { () -> (TimeInterval, String?) in
                let socket = try PlainSocket(port: port)
                defer { socket.close() }
                let start = Date()
                let received = socket.untilClosed(timeout: 12)
                return (Date().timeIntervalSince(start), received)
            }
            // Meanwhile other clients are served at once.
            async let normal = offPool { () -> [TimeInterval] in
                var times: [TimeInterval] = []
                for _ in 0..<6 {
                    let socket = try PlainSocket(port: port)
                    let start = Date()
                    socket.send(Self.get())
                    if socket.response(timeout: 3)?.hasPrefix("HTTP/1.1 200") == true {
                        times.append(Date().timeIntervalSince(start))
                    }
                    socket.close()
                    Thread.sleep(forTimeInterval: 0.3)
                }
                return times
            }
            let (slowElapsed, slowReceived) = try await slow
            #expect(slowElapsed >= 1.5 && slowElapsed < 6, "slow client cut off after \(slowElapsed) s")
            #expect(slowReceived.hasPrefix("HTTP/1.1 408"))
            let (silentElapsed, silentReceived) = try await silent
            #expect(silentElapsed >= 1.5 && silentElapsed < 6, "silent client cut off after \(silentElapsed) s")
            #expect(silentReceived != nil)
            let served = try await normal
            #expect(served.count == 6)
            #expect(served.allSatisfy { $0 < 2 })

            // A kept-alive connection idle between requests is the idle timeout's business, not this one's.
            let second = try await offPool { () -> String? in
                let socket = try PlainSocket(port: port)
                defer { socket.close() }
                socket.send(Self.get())
                guard socket.response(timeout: 3)?.hasPrefix("HTTP/1.1 200") == true else { return nil }
                Thread.sleep(forTimeInterval: 3)
                socket.send(Self.get())
                return socket.response(timeout: 3)
            }
            #expect(second?.hasPrefix("HTTP/1.1 200") == true)
        }
    }

    /// Design: over `limits.maxConnections` the server stops accepting; a new client waits in the
    /// listen backlog and is served as soon as a connection closes.
    @Test func connectionsOverTheLimitWaitUntilOneCloses() async throws {
        let configuration = try Self.plainConfiguration { $0.limits.maxConnections = 2 }
        try await LiveServer.with(configuration) { port, _ in
            let outcome = try await offPool { () -> [String?] in
                let first = try PlainSocket(port: port)
                let second = try PlainSocket(port: port)
                defer { second.close() }
                first.send(Self.get())
                let firstAnswer = first.response(timeout: 3)
                second.send(Self.get())
                let secondAnswer = second.response(timeout: 3)
                let third = try PlainSocket(port: port)
                defer { third.close() }
                third.send(Self.get())
                let whileFull = third.response(timeout: 1)
                first.close()
                let afterClose = third.response(timeout: 5)
                second.send(Self.get())
                let secondAgain = second.response(timeout: 3)
                return [firstAnswer, secondAnswer, whileFull, afterClose, secondAgain]
            }
            #expect(outcome[0]?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome[1]?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome[2] == nil, "served while the server was full")
            #expect(outcome[3]?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome[4]?.hasPrefix("HTTP/1.1 200") == true)
        }
    }
}

/// Runs blocking socket code on its own thread, never on the concurrency pool the server in this
/// process needs.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

struct SocketError: Error, CustomStringConvertible {
    let description: String
}

/// A blocking TCP client to 127.0.0.1 with short timeouts; a write to a closed peer fails
/// instead of raising SIGPIPE.
final class PlainSocket: @unchecked Sendable {
    enum ReadResult {
        case data([UInt8])
        case closed
        case timedOut
    }

    private var fd: Int32
    private var buffered: [UInt8] = []

    init(port: Int, timeout: TimeInterval = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw SocketError(description: "connect: \(errno)")
        }
        setTimeout(timeout)
    }

    func setTimeout(_ seconds: TimeInterval) {
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    /// False when the peer is gone.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// One read within the socket's timeout.
    func read() -> ReadResult {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count > 0 { return .data(Array(chunk[0..<count])) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return .timedOut }
        return .closed
    }

    /// One response (its head, and a body of Content-Length); nil when none is complete in time.
    func response(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        setTimeout(0.2)
        defer { setTimeout(5) }
        while Date() < deadline {
            if let end = Self.headEnd(buffered) {
                let head = String(decoding: buffered[0..<end], as: UTF8.self)
                let length =
                    head.split(separator: "\r\n").compactMap { line -> Int? in
                        let parts = line.split(separator: ":", maxSplits: 1)
                        guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                        return Int(parts[1].trimmingCharacters(in: .whitespaces))
                    }.first ?? 0
                if buffered.count >= end + length {
                    let text = String(decoding: buffered[0..<(end + length)], as: UTF8.self)
                    buffered.removeFirst(end + length)
                    return text
                }
            }
            switch read() {
            case .data(let bytes): buffered += bytes
            case .closed: return nil
            case .timedOut: continue
            }
        }
        return nil
    }

    /// Everything received until the server closed the connection; nil if it stayed open.
    func untilClosed(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        setTimeout(0.2)
        defer { setTimeout(5) }
        while Date() < deadline {
            switch read() {
            case .data(let bytes): buffered += bytes
            case .closed: return String(decoding: buffered, as: UTF8.self)
            case .timedOut: continue
            }
        }
        return nil
    }

    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    deinit { close() }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }
}
