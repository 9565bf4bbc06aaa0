import Kernel

/// The audit module's refusals, with stable codes.
enum AuditProblem {
    static let noSigner = DomainError(
        .unavailable, code: "no_checkpoint_signer",
        zh: "未配置检查点签名密钥", en: "No checkpoint signing key is configured"
    )

    static func checkpointNotFound(_ size: Int64) -> DomainError {
        DomainError(
            .notFound, code: "checkpoint_not_found", field: "treeSize",
            zh: "没有树大小为 \(size) 的检查点", en: "There is no checkpoint of tree size \(size)"
        )
    }

    static func unknownWitness(_ name: String) -> DomainError {
        DomainError(
            .forbidden, code: "unknown_witness", field: "signature",
            zh: "见证方 \(name) 的密钥未登记", en: "The witness key \(name) is not configured here"
        )
    }

    static let badCosignature = DomainError.invalid(
        "bad_cosignature", field: "signature", zh: "联署签名验证失败",
        en: "The cosignature does not verify against the checkpoint"
    )

    static let malformedCosignature = DomainError.invalid(
        "malformed_cosignature", field: "signature",
        zh: "联署签名行格式应为 “— 名称 base64”", en: "A cosignature line is '— <name> <base64>'"
    )

    static func outOfRange(_ field: String, _ zh: String, _ en: String) -> DomainError {
        DomainError.invalid("\(field)_out_of_range", field: field, zh: zh, en: en)
    }

    static let leafNotFound = DomainError(
        .notFound, code: "leaf_not_found", field: "hash", zh: "日志中没有该叶哈希", en: "No leaf of the log has this hash"
    )
}
