/// Labels of the audit pages.
enum AuditText {
    static let table: [String: (String, String)] = [:]
}
