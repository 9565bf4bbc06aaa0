/// Labels of the city pages.
enum CityText {
    static let table: [String: (String, String)] = [:]
}
