/// Labels of the audit pages.
enum AuditText {
    static let table: [String: (String, String)] = [
        "audit.title": ("审计日志", "Audit log"),
        "audit.ledger.title": ("账本核对", "Ledger check"),
        "audit.ledger.heading": ("创新券账本核对", "Voucher ledger check"),
        "audit.ledger.hint": (
            "每次打开本页都从头核对账本：余额等于收支之差、全部账户合计为零、冻结与结算一致。",
            "Each visit checks the ledger from scratch: balances equal credits less debits, all accounts sum to zero, holds and settlements agree."
        ),
        "audit.ledger.clean": ("账本一致，未发现问题。", "The ledger is consistent."),
        "audit.ledger.violations": ("账本发现不一致：", "The ledger has inconsistencies:"),
        "audit.ledger.accounts": ("账户数", "Accounts"),
        "audit.ledger.transfers": ("转账笔数", "Transfers"),
        "audit.ledger.total": ("流转总额", "Total moved"),
        "audit.ledger.link": ("核对创新券账本", "Check the voucher ledger"),
        "audit.checkpoint": ("最新检查点", "Latest checkpoint"),
        "audit.origin": ("日志标识（origin）", "Origin"),
        "audit.size": ("树大小（条目数）", "Tree size (entries)"),
        "audit.root": ("根哈希", "Root hash"),
        "audit.created": ("签发时间", "Signed at"),
        "audit.hash": ("树哈希算法", "Tree hash"),
        "audit.signatures": ("签名与见证联署", "Signatures and witness cosignatures"),
        "audit.signer": ("签名方", "Signer"),
        "audit.key_id": ("密钥 ID", "Key ID"),
        "audit.role": ("类型", "Kind"),
        "audit.role_signer": ("日志签名", "Log signature"),
        "audit.role_witness": ("见证联署", "Witness cosignature"),
        "audit.role_unknown": ("未登记的密钥", "Unknown key"),
        "audit.signature_ok": ("签名有效", "Valid"),
        "audit.signature_bad": ("签名无效", "Invalid"),
        "audit.signature_unchecked": ("无法核验", "Not checked"),
        "audit.no_witnesses": ("尚无见证方联署。", "No witness has cosigned yet."),
        "audit.note": ("签名文本（signed note）", "Signed note"),
        "audit.growth": ("日志增长", "Growth of the log"),
        "audit.growth_chart": ("各检查点的树大小", "Tree size at each checkpoint"),
        "audit.growth_count": ("个检查点", "checkpoints"),
        "audit.keys": ("公钥", "Public keys"),
        "audit.key_name": ("名称", "Name"),
        "audit.algorithm": ("算法", "Algorithm"),
        "audit.verifier_key": ("验证密钥（verifier key）", "Verifier key"),
        "audit.witness_keys": ("登记的见证方", "Configured witnesses"),
        "audit.make_checkpoint": ("立即签发新检查点", "Sign a new checkpoint now"),
        "audit.prove": ("证明某条记录", "Prove this entry"),
        "audit.seq": ("记录序号（seq）", "Entry number (seq)"),
        "audit.prove_submit": ("查看并证明", "Show and prove"),
        "audit.entry": ("记录", "Entry"),
        "audit.entry_time": ("时间", "Time"),
        "audit.entry_action": ("操作", "Action"),
        "audit.entry_target": ("对象", "Target"),
        "audit.entry_request": ("请求 ID", "Request ID"),
        "audit.entry_bytes": ("记录的规范 JSON（即被哈希的叶子内容）", "The entry's canonical JSON (the bytes hashed as the leaf)"),
        "audit.leaf": ("叶哈希", "Leaf hash"),
        "audit.proof_hashes": ("审计路径", "Audit path"),
        "audit.server_result": ("服务器端核验", "Checked on the server"),
        "audit.browser_result": ("浏览器中核验", "Checked in this browser"),
        "audit.verified": (
            "已验证：第 {seq} 条记录包含在大小为 {size} 的树中，其根哈希与已签名检查点一致。",
            "Verified: entry {seq} is included in the tree of size {size}, whose root is the signed checkpoint's."
        ),
        "audit.not_verified": (
            "未通过验证：第 {seq} 条记录的包含证明与大小为 {size} 的树的根哈希不符。",
            "NOT verified: the inclusion proof of entry {seq} does not lead to the root of the tree of size {size}."
        ),
        "audit.checking": (
            "正在浏览器中获取检查点与证明并核验……", "Fetching the checkpoint and the proof and checking them in this browser…"
        ),
        "audit.browser_failed": ("浏览器核验失败：{error}", "The check in this browser failed: {error}"),
        "audit.browser_unsupported": (
            "此日志使用 SM3 哈希，浏览器无法本地计算；请以服务器端结果或 corridor audit prove 核验。",
            "This log hashes with SM3, which browsers cannot compute; rely on the server's check or on corridor audit prove."
        ),
        "audit.noscript": (
            "浏览器核验需要启用 JavaScript；以上为服务器端结果。", "Checking in the browser needs JavaScript; the server's result is above."
        ),
        "audit.not_covered": (
            "该记录晚于最新检查点（树大小 {size}），签发新检查点后即可证明。",
            "This entry is newer than the latest checkpoint (tree size {size}); sign a new checkpoint to prove it."
        ),
        "audit.no_entry": ("没有这条记录。", "There is no such entry."),
        "audit.seq_invalid": ("请输入正整数序号。", "Enter a whole number from 1."),
        "audit.checkpoint_signatures_ok": (
            "检查点签名已用登记的公钥核验。", "The checkpoint's signature checks out with the configured keys."
        ),
        "audit.checkpoint_signatures_bad": (
            "检查点签名未能用登记的公钥核验！", "The checkpoint's signature does NOT check out with the configured keys!"
        ),
    ]
}
