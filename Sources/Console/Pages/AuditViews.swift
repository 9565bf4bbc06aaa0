/// The view model of the auditor's page (audit-overview.mustache): the latest checkpoint, its
/// signatures, the log's growth, the public keys, and the entry asked to be proved.
enum AuditViews {
    struct Overview: Sendable {
        let origin: String
        let size: Int64
        let root: String
        let created: String
        let hash: String
        let signatures: [Signature]
        let hasWitnesses: Bool
        let note: String
        let signaturesOK: Bool
        /// The log's growth as a line chart (SVG, rendered unescaped).
        let growth: String
        let checkpointCount: Int
        let canCheckpoint: Bool
        let keys: [Key]
        let witnessKeys: [String]
        let hasWitnessKeys: Bool
        /// The sequence number asked for, as typed.
        let seq: String
        let errors: FieldErrors?
        let entry: Entry?
    }

    /// A signature line of the checkpoint's note, checked against the configured keys.
    struct Signature: Sendable {
        let name: String
        let keyId: String
        let role: String
        let checked: Bool
        let ok: Bool
        let result: String
    }

    /// A checkpoint signer's public key.
    struct Key: Sendable {
        let name: String
        let algorithm: String
        let keyId: String
        let verifierKey: String
        let pem: String
    }

    /// The entry to prove, and the proof when the checkpoint covers it.
    struct Entry: Sendable {
        let seq: Int64
        let index: Int64
        let time: String
        let action: String
        let target: String
        let requestId: String
        let bytes: String
        let entryBase64: String
        let hashName: String
        var notCovered: String?
        /// Who acted, in words: "broker X (its organisation) for client Y" for a delegated write.
        var actor: String?
        var covered = false
        var leaf: String?
        var path: [String] = []
        var verified = false
        var result: String?
        var resultText: String?
    }

    /// What "prove this entry" found: the entry, or why there is none.
    struct Proof: Sendable {
        var errors: FieldErrors?
        var entry: Entry?
    }
}
