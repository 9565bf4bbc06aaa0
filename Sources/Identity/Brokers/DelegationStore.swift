import Foundation
import GRDB
import Kernel

/// The SQL of broker organisations, brokers and delegations.
enum DelegationStore {
    static func scope(from text: String) -> [DelegationScope] {
        text.split(separator: ",").compactMap { DelegationScope(rawValue: String($0)) }.sorted()
    }

    static func scopeText(_ scope: [DelegationScope]) -> String {
        Set(scope).sorted().map(\.rawValue).joined(separator: ",")
    }

    static let agencySelect = """
        SELECT a.id, a.organization_id, a.kind, a.registered_at, o.name, o.city
        FROM broker_agencies a JOIN organizations o ON o.id = a.organization_id
        """

    static func agency(_ row: Row) -> BrokerAgency {
        BrokerAgency(
            id: row["id"], organizationId: row["organization_id"], organizationName: row["name"],
            city: CityCode(rawValue: row["city"]) ?? .wuhan, kind: BrokerAgency.Kind(rawValue: row["kind"]) ?? .agency,
            registeredAt: Timestamp.date(millis: row["registered_at"]))
    }

    static func agency(_ db: Database, id: Int64) throws -> BrokerAgency? {
        try Row.fetchOne(db, sql: "\(agencySelect) WHERE a.id = ?", arguments: [id]).map(agency)
    }

    static func agency(_ db: Database, organization: Int64) throws -> BrokerAgency? {
        try Row.fetchOne(db, sql: "\(agencySelect) WHERE a.organization_id = ?", arguments: [organization]).map(agency)
    }

    static func agencies(_ db: Database, limit: Int) throws -> [BrokerAgency] {
        try Row.fetchAll(db, sql: "\(agencySelect) ORDER BY a.id LIMIT ?", arguments: [limit]).map(agency)
    }

    static func brokers(_ db: Database, agency: Int64, limit: Int) throws -> [Broker] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT b.*, u.display_name FROM brokers b JOIN users u ON u.id = b.user_id
                WHERE b.agency_id = ? ORDER BY b.id LIMIT ?
                """, arguments: [agency, limit]
        ).map { row in
            Broker(
                id: row["id"], agencyId: row["agency_id"], userId: row["user_id"], displayName: row["display_name"],
                certificateNumber: row["certificate_number"], registeredAt: Timestamp.date(millis: row["registered_at"])
            )
        }
    }

    static let delegationSelect = """
        SELECT d.*, c.name AS client_name, a.organization_id AS agency_org_id, ao.name AS agency_name
        FROM delegations d JOIN organizations c ON c.id = d.client_org_id
        JOIN broker_agencies a ON a.id = d.agency_id JOIN organizations ao ON ao.id = a.organization_id
        """

    static func delegation(_ row: Row) -> Delegation {
        Delegation(
            id: row["id"], clientOrganizationId: row["client_org_id"], clientName: row["client_name"],
            agencyId: row["agency_id"], agencyOrganizationId: row["agency_org_id"], agencyName: row["agency_name"],
            scope: scope(from: row["scope"]), startsAt: Timestamp.date(millis: row["starts_at"]),
            endsAt: Timestamp.date(millis: row["ends_at"]), grantedBy: row["granted_by"],
            grantedAt: Timestamp.date(millis: row["granted_at"]), revokedBy: row["revoked_by"],
            revokedAt: (row["revoked_at"] as Int64?).map { Timestamp.date(millis: $0) })
    }

    static func delegation(_ db: Database, id: Int64) throws -> Delegation? {
        try Row.fetchOne(db, sql: "\(delegationSelect) WHERE d.id = ?", arguments: [id]).map(delegation)
    }

    /// Newest first; `client` or `agency` picks the side.
    static func delegations(
        _ db: Database, client: Int64? = nil, agency: Int64? = nil, limit: Int
    ) throws
        -> [Delegation]
    {
        let (column, value) = client.map { ("d.client_org_id", $0) } ?? ("d.agency_id", agency ?? 0)
        return try Row.fetchAll(
            db, sql: "\(delegationSelect) WHERE \(column) = ? ORDER BY d.id DESC LIMIT ?", arguments: [value, limit]
        ).map(delegation)
    }

    static func audit(_ delegation: Delegation) -> JSONValue {
        [
            "client": .int(delegation.clientOrganizationId), "agency": .int(delegation.agencyId),
            "brokerOrganization": .int(delegation.agencyOrganizationId),
            "scope": .array(delegation.scope.map { .string($0.rawValue) }),
            "startsAt": .string(Timestamp.format(delegation.startsAt)),
            "endsAt": .string(Timestamp.format(delegation.endsAt)),
        ]
    }
}
