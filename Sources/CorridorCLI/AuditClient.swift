import ArgumentParser
import AsyncHTTPClient
import AuditLog
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Options for talking to a Corridor server from the audit tools. TLS only carries the data:
/// every checkpoint and proof is checked cryptographically, so `--insecure` (a development
/// certificate) weakens nothing the tools conclude.
struct ServerOptions: ParsableArguments {
    @Option(help: "The server, e.g. https://127.0.0.1:8443.") var url: String
    @Option(name: .customLong("ca"), help: "PEM certificate authority to trust for the server's TLS certificate.")
    var caFile: String?
    @Flag(help: "Accept any TLS certificate (development servers with a self-signed certificate).") var insecure = false
}

/// A small JSON-over-HTTPS client for the audit tools.
struct AuditClient {
    let base: String
    let client: HTTPClient

    init(_ options: ServerOptions) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if options.insecure { tls.certificateVerification = .none }
        if let ca = options.caFile { tls.trustRoots = .file(ca) }
        base = options.url.hasSuffix("/") ? String(options.url.dropLast()) : options.url
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        try decode(try await send(HTTPClientRequest(url: base + path)), path: path)
    }

    func post<T: Decodable>(_ path: String, json: some Encodable, as type: T.Type) async throws -> T {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: Array(try JSONEncoder().encode(json))))
        return try decode(try await send(request), path: path)
    }

    private func send(_ request: HTTPClientRequest) async throws -> (UInt, Data) {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (response.status.code, Data(body.readableBytesView))
    }

    private func decode<T: Decodable>(_ answer: (UInt, Data), path: String) throws -> T {
        guard (200..<300).contains(answer.0) else {
            throw ValidationError("\(path): HTTP \(answer.0): \(String(decoding: answer.1.prefix(500), as: UTF8.self))")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: answer.1)
        } catch {
            throw ValidationError("\(path): unexpected answer: \(error)")
        }
    }
}

/// The parts of the server's answers the tools read.
struct CheckpointAnswer: Decodable {
    var treeSize: Int64
    var note: String
}

struct KeysAnswer: Decodable {
    struct Key: Decodable { var verifierKey: String }
    var keys: [Key]
}
