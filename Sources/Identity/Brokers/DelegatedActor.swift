import Foundation
import GRDB
import Kernel
import Store

/// The client a broker's request names (`Corridor-On-Behalf-Of`), resolved to its city.
public struct ActingFor: Sendable, Equatable {
    public var client: Int64
    public var city: CityCode

    public init(client: Int64, city: CityCode) {
        self.client = client
        self.city = city
    }

    /// Only whether the client exists is read here (a missing one is refused as an absent
    /// delegation, telling nothing more); the delegation itself is checked inside the write's
    /// transaction by the write path.
    public static func resolve(_ client: Int64, database: AppDatabase) async throws -> ActingFor {
        let city = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT city FROM organizations WHERE id = ?", arguments: [client])
        }
        guard let city = city.flatMap(CityCode.init(rawValue:)) else { throw BrokerError.missing }
        return ActingFor(client: client, city: city)
    }
}

extension Actor {
    /// This user acting as a broker for a client: the client's organisation and city, as a
    /// member, with the broker's own organisation and role stamped for the audit entry.
    public func acting(for client: ActingFor) throws -> Actor {
        guard kind == .user, broker == nil, let organization = organizationID, let role, let userID else {
            throw BrokerError.notABroker
        }
        guard client.client != organization else { throw BrokerError.missing }
        var delegated = Actor(
            userID: userID, organizationID: client.client, city: client.city, role: .orgMember,
            requestID: requestID, idempotency: idempotency)
        delegated.broker = BrokerStamp(organizationID: organization, role: role)
        return delegated
    }
}
