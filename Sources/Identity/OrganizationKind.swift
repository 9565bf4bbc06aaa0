/// What an organisation is; decides which roles its users may hold.
public enum OrganizationKind: String, Codable, CaseIterable, Sendable {
    case enterprise
    case university
    case institute
    case lab
    case provider
    case government
    case platform
}

/// Annual revenue bands, in the shape the SME classification uses.
public enum RevenueBand: String, Codable, CaseIterable, Sendable {
    case below20m = "below_20m"
    case from20mTo100m = "20m_to_100m"
    case from100mTo400m = "100m_to_400m"
    case above400m = "above_400m"
}
