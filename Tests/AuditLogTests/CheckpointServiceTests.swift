import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store
import Testing

/// Checkpoints are made when the log grew, signed by every configured key, and take cosignatures
/// from configured witnesses only.
struct CheckpointServiceTests {
    @Test func checkpointsFollowTheLogAndCarryBothSignatures() async throws {
        let world = try AuditLogWorld()
        let ed = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(.ed25519))
        let sm2 = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(.sm2))
        let service = CheckpointService(
            database: world.database, signing: AuditSigning(origin: "corridor.example/audit", signers: [ed, sm2]))
        try world.write(5)
        let first = try await service.checkpoint()
        #expect(first.treeSize == 5 && first.signers == ["corridor.example/audit", "corridor.example/audit"])
        let note = try SignedNote(parsing: first.note)
        #expect(note.verified(by: [try ed.verifier, try sm2.verifier])?.count == 2)
        let leaves = try world.entries().map(TreeHasher(.sha256).leafHash)
        #expect(try Checkpoint(body: note.text).rootHash == naiveRoot(leaves[...], TreeHasher(.sha256)))
        // Nothing new: the same checkpoint; forced: a new one of the same size.
        #expect(try await service.checkpoint() == first)
        #expect(try await service.checkpoint(force: true).id == first.id + 1)
        try world.write(2, from: 5)
        let third = try await service.checkpoint()
        #expect(third.treeSize == 7 && third.id == first.id + 2)
        #expect(try await service.history(limit: 2).map(\.id) == [third.id, third.id - 1])
        #expect(try await service.latest() == third)
    }

    /// Without a signing key there is no checkpoint, and nothing is stored.
    @Test func noSignerNoCheckpoint() async throws {
        let world = try AuditLogWorld()
        try world.write(2)
        let service = CheckpointService(
            database: world.database, signing: AuditSigning(origin: "corridor.example/audit", signers: []))
        let error = await #expect(throws: DomainError.self) { try await service.checkpoint(force: true) }
        #expect(error?.code == "no_checkpoint_signer" && error?.kind == .unavailable)
        #expect(try await service.latest() == nil)
        #expect(
            try await world.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_checkpoints") }
                == 0)
    }

    @Test func witnessesCosign() async throws {
        let world = try AuditLogWorld()
        let log = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(.ed25519))
        let witness = try NoteSigner(
            name: "witness.xianning.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
        let stranger = try NoteSigner(
            name: "witness.elsewhere.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
        let service = CheckpointService(
            database: world.database,
            signing: AuditSigning(origin: "corridor.example/audit", signers: [log], witnesses: [try witness.verifier])
        )
        try world.write(3)
        let checkpoint = try await service.checkpoint()
        let body = try SignedNote(parsing: checkpoint.note).text
        func refusal(_ work: () async throws -> Void) async -> String? {
            do { try await work(); return nil } catch let error as DomainError { return error.code } catch {
                return "\(error)"
            }
        }
        #expect(
            await refusal {
                _ = try await service.cosign(treeSize: 3, line: try stranger.cosignatureLine(for: body, time: 1))
            } == "unknown_witness")
        let otherBody = Checkpoint(
            origin: "corridor.example/audit", size: 3, rootHash: [UInt8](repeating: 0, count: 32)
        ).body
        #expect(
            await refusal {
                _ = try await service.cosign(treeSize: 3, line: try witness.cosignatureLine(for: otherBody, time: 1))
            } == "bad_cosignature")
        #expect(
            await refusal {
                _ = try await service.cosign(treeSize: 4, line: try witness.cosignatureLine(for: body, time: 1))
            } == "checkpoint_not_found")
        #expect(
            await refusal { _ = try await service.cosign(treeSize: 3, line: "not a line") } == "malformed_cosignature")
        // The configured witness's name on another key: not the witness, whatever the name says…
        let impostor = try NoteSigner(
            name: "witness.xianning.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
        let impostorLine = try impostor.cosignatureLine(for: body, time: 1)
        #expect(await refusal { _ = try await service.cosign(treeSize: 3, line: impostorLine) } == "unknown_witness")
        // …and with the witness's key ID put in front of its signature, the signature does not verify.
        let signed = try #require(Data(base64Encoded: String(impostorLine.split(separator: " ").last!.dropLast())))
        let borrowed =
            "— witness.xianning.example " + Data(try witness.verifier.keyID + signed.dropFirst(4)).base64EncodedString()
        #expect(await refusal { _ = try await service.cosign(treeSize: 3, line: borrowed) } == "bad_cosignature")
        #expect(try await service.latest()?.witnesses == [])
        let cosigned = try await service.cosign(
            treeSize: 3, line: try witness.cosignatureLine(for: body, time: 1_795_000_000))
        #expect(cosigned.witnesses == ["witness.xianning.example"])
        let note = try SignedNote(parsing: cosigned.note)
        #expect(note.signatures.count == 2)
        #expect(note.verified(by: [try log.verifier, try witness.verifier])?.count == 2)
    }

    @Test func proofsAreServedForTheCurrentTree() async throws {
        let world = try AuditLogWorld()
        try world.write(10)
        let proofs = ProofService(database: world.database)
        let proof = try await proofs.inclusion(index: 6, size: nil)
        #expect(proof.treeSize == 10 && proof.hashes.count == 4)
        let byHash = try await proofs.inclusion(leafHash: [UInt8](Data(base64Encoded: proof.leafHash)!), size: 10)
        #expect(byHash == proof)
        let consistency = try await proofs.consistency(first: 3, second: 10)
        #expect(
            MerkleVerifier.verifyConsistency(
                first: 3, second: 10, firstRoot: [UInt8](Data(base64Encoded: consistency.firstRoot)!),
                secondRoot: [UInt8](Data(base64Encoded: proof.rootHash)!),
                proof: consistency.hashes.map { [UInt8](Data(base64Encoded: $0)!) }, hasher: TreeHasher(.sha256)
            ))
        func code(_ work: () async throws -> Void) async -> String? {
            do { try await work(); return nil } catch let error as DomainError { return error.code } catch {
                return "\(error)"
            }
        }
        #expect(await code { _ = try await proofs.inclusion(index: 10, size: nil) } == "index_out_of_range")
        #expect(await code { _ = try await proofs.inclusion(index: 0, size: 11) } == "size_out_of_range")
        // A leaf the log has, but beyond the tree size asked for, has no proof in that tree.
        #expect(await code { _ = try await proofs.inclusion(index: 7, size: 5) } == "index_out_of_range")
        #expect(await code { _ = try await proofs.inclusion(index: 5, size: 5) } == "index_out_of_range")
        let seventh = try #require(Data(base64Encoded: try await proofs.inclusion(index: 7, size: nil).leafHash))
        #expect(await code { _ = try await proofs.inclusion(leafHash: [UInt8](seventh), size: 5) } == "leaf_not_found")
        #expect(try await proofs.inclusion(leafHash: [UInt8](seventh), size: 8).leafIndex == 7)
        #expect(await code { _ = try await proofs.inclusion(index: -1, size: nil) } == "index_out_of_range")
        #expect(
            await code { _ = try await proofs.inclusion(leafHash: [UInt8](repeating: 9, count: 32), size: nil) }
                == "leaf_not_found")
        #expect(await code { _ = try await proofs.consistency(first: 0, second: 5) } == "first_out_of_range")
        #expect(await code { _ = try await proofs.consistency(first: 6, second: 5) } == "first_out_of_range")
        #expect(await code { _ = try await proofs.consistency(first: 1, second: 11) } == "second_out_of_range")
    }
}
