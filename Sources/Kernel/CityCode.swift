/// The five cities of the Optics Valley corridor (武鄂黄黄咸).
public enum CityCode: String, Codable, CaseIterable, Sendable, Comparable {
    case wuhan = "WH"
    case ezhou = "EZ"
    case huangshi = "HS"
    case huanggang = "HG"
    case xianning = "XN"

    public var nameZh: String {
        switch self {
        case .wuhan: "武汉"
        case .ezhou: "鄂州"
        case .huangshi: "黄石"
        case .huanggang: "黄冈"
        case .xianning: "咸宁"
        }
    }

    public var nameEn: String {
        switch self {
        case .wuhan: "Wuhan"
        case .ezhou: "Ezhou"
        case .huangshi: "Huangshi"
        case .huanggang: "Huanggang"
        case .xianning: "Xianning"
        }
    }

    /// Administrative division code (GB/T 2260).
    public var divisionCode: String {
        switch self {
        case .wuhan: "420100"
        case .ezhou: "420700"
        case .huangshi: "420200"
        case .huanggang: "421100"
        case .xianning: "421200"
        }
    }

    public static func < (lhs: CityCode, rhs: CityCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
