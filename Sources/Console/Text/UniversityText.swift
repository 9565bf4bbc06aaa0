/// Labels of the university pages.
enum UniversityText {
    static let table: [String: (String, String)] = [:]
}
