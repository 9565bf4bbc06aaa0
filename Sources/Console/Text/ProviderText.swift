/// Labels of the provider pages.
enum ProviderText {
    static let table: [String: (String, String)] = [:]
}
