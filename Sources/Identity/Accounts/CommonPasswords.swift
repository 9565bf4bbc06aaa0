import Foundation
import Synchronization

/// Passwords too common to accept: a short list of our own (keyboard runs, digits, the words
/// people reach for first) and, when installed, Debian's cracklib word list
/// (`/usr/share/dict/cracklib-small`, package cracklib-runtime), read once at run time.
enum CommonPasswords {
    /// Debian's word list (package cracklib-runtime), when present.
    static let wordListPath = "/usr/share/dict/cracklib-small"

    /// Our own list, lower case; variants with spaces removed are checked too.
    static let own: Set<String> = [
        "1234567890", "12345678910", "0123456789", "0987654321", "9876543210", "1111111111", "0000000000",
        "1234512345", "1122334455", "1357924680", "123456789a", "a123456789", "12345678900", "123123123123",
        "qwertyuiop", "qwertyuiop123", "1qaz2wsx3edc", "1q2w3e4r5t", "1q2w3e4r5t6y", "zaq12wsxcde3",
        "asdfghjkl;", "asdfghjkl1", "zxcvbnm123", "qazwsxedcrfv", "qweasdzxc123", "abcdefghij", "abcd123456",
        "abc1234567", "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "password!!",
        "iloveyou123", "iloveyou12", "letmein1234", "welcome123", "welcome1234", "changeme123", "administrator",
        "admin12345", "admin123456", "adminadmin", "root123456", "superuser1", "trustno1234", "football123",
        "baseball123", "dragon1234", "monkey12345", "sunshine123", "princess123", "starwars123", "whatever123",
        "woaini1314", "woaini520", "5201314520", "1314520520", "aini1314520", "qq123456789", "wangyang123",
        "zhangwei123", "corridor123", "corridor2026", "hubei123456", "wuhan123456", "china123456",
        "passwordpassword", "qwerty123456", "asdf123456", "aa123456789", "a1b2c3d4e5", "abc123abc123",
    ]

    private static let wordList = Mutex<Set<String>?>(nil)

    static func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        let squeezed = lowered.filter { !$0.isWhitespace }
        if own.contains(lowered) || own.contains(squeezed) { return true }
        let words = wordList.withLock { cached -> Set<String> in
            if let cached { return cached }
            let loaded = Self.load()
            cached = loaded
            return loaded
        }
        return words.contains(lowered) || words.contains(squeezed)
    }

    private static func load() -> Set<String> {
        guard let text = try? String(contentsOfFile: wordListPath, encoding: .utf8) else { return [] }
        // Only words long enough to pass the length rule matter.
        return Set(
            text.split(whereSeparator: \.isNewline).lazy.map { $0.lowercased() }
                .filter { $0.count >= Passwords.minimumLength })
    }
}
