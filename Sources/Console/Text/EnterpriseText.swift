/// Labels of the enterprise pages.
enum EnterpriseText {
    static let table: [String: (String, String)] = [:]
}
