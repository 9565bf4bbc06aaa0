import COpenSSL

/// AES-256-GCM through OpenSSL's EVP interface: a sealed box is a 12-byte random nonce, the
/// ciphertext and the 16-byte tag. Used to keep secrets that must stay usable (a TOTP secret)
/// under a server key kept outside the database.
public enum AESGCM {
    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    /// `EVP_CTRL_AEAD_GET_TAG` and `EVP_CTRL_AEAD_SET_TAG` (macros of macros in OpenSSL's headers).
    static let getTag: Int32 = 0x10
    static let setTag: Int32 = 0x11

    /// nonce ‖ ciphertext ‖ tag of `plaintext` under `key` (32 bytes), bound to `context`.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], context: [UInt8] = []) -> [UInt8] {
        precondition(key.count == keyLength, "AES-256-GCM needs a 32-byte key")
        let nonce = SecureRandom.bytes(nonceLength)
        guard let ctx = EVP_CIPHER_CTX_new() else { preconditionFailure("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: tagLength)
        var length: Int32 = 0
        var finalLength: Int32 = 0
        var ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1
        if ok, !context.isEmpty {
            ok = EVP_EncryptUpdate(ctx, nil, &length, context, Int32(context.count)) == 1
        }
        if ok {
            ok = EVP_EncryptUpdate(ctx, &out, &length, plaintext, Int32(plaintext.count)) == 1
        }
        let total = Int(length)
        if ok {
            ok = out.withUnsafeMutableBufferPointer { buffer in
                EVP_EncryptFinal_ex(ctx, buffer.baseAddress! + total, &finalLength) == 1
            }
        }
        if ok {
            ok = EVP_CIPHER_CTX_ctrl(ctx, getTag, Int32(tagLength), &tag) == 1
        }
        precondition(ok, "AES-256-GCM seal failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return nonce + Array(out[0..<(total + Int(finalLength))]) + tag
    }

    /// The plaintext of a sealed box, or nil when it was not sealed under this key and context.
    public static func open(_ box: [UInt8], key: [UInt8], context: [UInt8] = []) -> [UInt8]? {
        guard key.count == keyLength, box.count >= nonceLength + tagLength else { return nil }
        let nonce = Array(box[0..<nonceLength])
        let ciphertext = Array(box[nonceLength..<(box.count - tagLength)])
        var tag = Array(box[(box.count - tagLength)...])
        guard let ctx = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1 else { return nil }
        if !context.isEmpty {
            guard EVP_DecryptUpdate(ctx, nil, &length, context, Int32(context.count)) == 1 else { return nil }
        }
        guard EVP_DecryptUpdate(ctx, &out, &length, ciphertext, Int32(ciphertext.count)) == 1 else { return nil }
        let total = Int(length)
        guard EVP_CIPHER_CTX_ctrl(ctx, setTag, Int32(tagLength), &tag) == 1 else { return nil }
        var finalLength: Int32 = 0
        let finished = out.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(ctx, buffer.baseAddress! + total, &finalLength) == 1
        }
        if !finished { _ = OpenSSLErrorQueue.drain() }
        return finished ? Array(out[0..<(total + Int(finalLength))]) : nil
    }
}
