import AuditLog
import CorridorCrypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `/v1/audit/*` over the router: the signed checkpoint, proofs that verify against it, the
/// public key, on-demand checkpoints for admins, and refusals.
struct AuditRoutesTests {
    @Test func checkpointProofsAndKeysFitTogether() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            let open = headers(json: false)
            let keys = try await client.execute(uri: "/v1/audit/public-key", method: .get, headers: open) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                return try (body["keys"] as? [[String: Any]] ?? []).map {
                    try NoteVerifier(verifierKey: $0["verifierKey"] as? String ?? "")
                }
            }
            #expect(keys.count == 1)
            let note = try await client.execute(
                uri: "/v1/audit/checkpoint", method: .get,
                headers: headers(json: false, extra: ["Accept": "text/plain"])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                return String(buffer: response.body)
            }
            let signed = try SignedNote(parsing: note)
            #expect(signed.verified(by: keys)?.count == 1)
            let checkpoint = try Checkpoint(body: signed.text)
            #expect(checkpoint.size > 10)
            let index = checkpoint.size / 2
            let proof = try await client.execute(
                uri: "/v1/audit/proof/inclusion?index=\(index)&size=\(checkpoint.size)", method: .get, headers: open
            ) { response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(InclusionProof.self, from: Data(buffer: response.body))
            }
            let hashes = proof.hashes.map { [UInt8](Data(base64Encoded: $0)!) }
            #expect(
                MerkleVerifier.verifyInclusion(
                    index: index, size: checkpoint.size, leafHash: [UInt8](Data(base64Encoded: proof.leafHash)!),
                    proof: hashes,
                    root: checkpoint.rootHash, hasher: TreeHasher(.sha256)
                ))
            // The same leaf found by its hash (hex).
            let hex = [UInt8](Data(base64Encoded: proof.leafHash)!).hexString
            try await client.execute(
                uri: "/v1/audit/proof/inclusion?hash=\(hex)&size=\(checkpoint.size)", method: .get, headers: open
            ) { response in
                let found = try JSONDecoder().decode(InclusionProof.self, from: Data(buffer: response.body))
                #expect(found == proof)
            }
            // Entries (auditors and admins) carry the same leaf hash.
            try await client.execute(
                uri: "/v1/audit/entries?start=\(index + 1)&limit=1", method: .get,
                headers: headers(token: world.adminToken, json: false)
            ) { response in
                let items = try json(response.body)["items"] as? [[String: Any]]
                #expect(items?.first?["leafHash"] as? String == proof.leafHash)
                #expect(items?.first?["leafIndex"] as? Int == Int(index))
            }
        }
    }

    @Test func consistencyAcrossNewEntries() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            let admin = headers(token: world.adminToken)
            let first = try await client.execute(uri: "/v1/audit/checkpoints", method: .post, headers: admin) {
                response in
                #expect(response.status == .created)
                return try JSONDecoder.corridor.decode(StoredCheckpoint.self, from: Data(buffer: response.body))
            }
            _ = try await client.execute(
                uri: "/v1/organizations/1", method: .patch, headers: admin,
                body: ByteBuffer(string: #"{"nameEn":"Renamed"}"#)
            ) { $0.status }
            let second = try await client.execute(uri: "/v1/audit/checkpoints", method: .post, headers: admin) {
                response in
                try JSONDecoder.corridor.decode(StoredCheckpoint.self, from: Data(buffer: response.body))
            }
            #expect(second.treeSize == first.treeSize + 1)
            try await client.execute(
                uri: "/v1/audit/proof/consistency?first=\(first.treeSize)&second=\(second.treeSize)", method: .get,
                headers: headers(json: false)
            ) { response in
                let proof = try JSONDecoder().decode(ConsistencyProof.self, from: Data(buffer: response.body))
                #expect(proof.firstRoot == first.rootHash && proof.secondRoot == second.rootHash)
                #expect(
                    MerkleVerifier.verifyConsistency(
                        first: first.treeSize, second: second.treeSize,
                        firstRoot: [UInt8](Data(base64Encoded: first.rootHash)!),
                        secondRoot: [UInt8](Data(base64Encoded: second.rootHash)!),
                        proof: proof.hashes.map { [UInt8](Data(base64Encoded: $0)!) },
                        hasher: TreeHasher(.sha256)
                    ))
            }
            try await client.execute(uri: "/v1/audit/checkpoints?limit=5", method: .get, headers: headers(json: false))
            { response in
                let items = try json(response.body)["items"] as? [[String: Any]]
                #expect(items?.map { $0["id"] as? Int } == [Int(second.id), Int(first.id)])
            }
        }
    }

    @Test(arguments: [
        ("/v1/audit/proof/inclusion?index=999999", "index_out_of_range"),
        ("/v1/audit/proof/inclusion?index=1&size=0", "size_out_of_range"),
        ("/v1/audit/proof/inclusion", "required"),
        ("/v1/audit/proof/inclusion?index=1&hash=AAAA", "index_or_hash"),
        ("/v1/audit/proof/inclusion?hash=AAAA", "bad_hash"),
        ("/v1/audit/proof/inclusion?hash=\(String(repeating: "ab", count: 32))", "leaf_not_found"),
        ("/v1/audit/proof/inclusion?index=x", "wrong_type"),
        ("/v1/audit/proof/consistency?first=0", "first_out_of_range"),
        ("/v1/audit/proof/consistency", "required"),
        ("/v1/audit/checkpoints?limit=0", "limit_out_of_range"),
    ])
    func badQueriesGetProblems(_ uri: String, _ code: String) async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(uri: uri, method: .get, headers: headers(json: false)) { response in
                #expect([.unprocessableContent, .notFound, .badRequest].contains(response.status))
                let problem = try json(response.body)
                #expect(problem["code"] as? String == code, "\(problem)")
            }
        }
    }

    @Test func onlyAdminsAndAuditorsMakeCheckpointsAndOnlyKnownWitnessesCosign() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(uri: "/v1/audit/checkpoints", method: .post, headers: headers()) { response in
                #expect(response.status == .unauthorized)
            }
            let stranger = try NoteSigner(
                name: "witness.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
            let checkpoint = try await client.execute(
                uri: "/v1/audit/checkpoint", method: .get, headers: headers(json: false)
            ) { response in
                try JSONDecoder.corridor.decode(StoredCheckpoint.self, from: Data(buffer: response.body))
            }
            let body = try SignedNote(parsing: checkpoint.note).text
            let line = try stranger.cosignatureLine(for: body, time: 1)
            let request = try JSONEncoder().encode(
                ["treeSize": .int(checkpoint.treeSize), "signature": JSONValueLite.string(line)]
                    as [String: JSONValueLite])
            try await client.execute(
                uri: "/v1/audit/cosignatures", method: .post, headers: headers(), body: ByteBuffer(bytes: request)
            ) { response in
                #expect(response.status == .forbidden)
                let problem = try json(response.body)
                #expect(problem["code"] as? String == "unknown_witness")
            }
        }
    }
}

/// Just enough JSON to build a request body in a test.
enum JSONValueLite: Encodable {
    case int(Int64)
    case string(String)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

extension JSONDecoder {
    /// Dates as the API writes them (ISO 8601 with milliseconds).
    static var corridor: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
            }
            return date
        }
        return decoder
    }
}
