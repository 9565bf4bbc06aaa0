/// What a user may do, independent of which organisation they belong to.
public enum Role: String, Codable, CaseIterable, Sendable {
    /// Runs the platform: every organisation, every city.
    case platformAdmin = "platform_admin"
    /// A city science bureau's administrator, scoped to that one city.
    case cityAdmin = "city_admin"
    /// Administers one organisation: its profile, users and API tokens.
    case orgAdmin = "org_admin"
    /// Acts for one organisation.
    case orgMember = "org_member"
    /// Reviews challenge applications.
    case expert
    /// Reads everything, the audit log included; changes nothing.
    case auditor
}
