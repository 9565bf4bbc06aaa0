import Foundation
import GRDB
import Kernel

/// SQL for the contract tables; the only writer of them. The document holds the contract but
/// its payments, which are rows of their own (append-only).
enum ContractStore {
    static func find(_ db: Database, id: Int64) throws -> Contract? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT document, paid_fen FROM deal_contracts WHERE id = ?"), arguments: [id])
        else { return nil }
        var contract = try DealsCoding.decode(Contract.self, row["document"])
        contract.paidFen = row["paid_fen"]
        contract.payments = try payments(db, contract: id)
        return contract
    }

    static func payments(_ db: Database, contract: Int64) throws -> [Contract.Payment] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, instalment, amount_fen, paid_on, recorded_by_org_id, created_at
                    FROM deal_payments WHERE contract_id = ? ORDER BY id
                    """),
            arguments: [contract]
        ).map { row in
            Contract.Payment(
                id: row["id"], instalment: row["instalment"], amountFen: row["amount_fen"],
                paidOn: Timestamp.date(millis: row["paid_on"]), recordedByOrganizationId: row["recorded_by_org_id"],
                at: Timestamp.date(millis: row["created_at"]))
        }
    }

    /// The document as stored: payments left out (they are rows).
    static func document(_ contract: Contract) throws -> String {
        var stored = contract
        stored.payments = []
        return try DealsCoding.text(stored)
    }

    /// Inserts a new contract and assigns its id.
    static func insert(_ db: Database, _ contract: inout Contract) throws {
        contract.id = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM deal_contracts")) ?? 0) + 1
        try db.cachedStatement(
            sql: """
                INSERT INTO deal_contracts (id, buyer_org_id, seller_org_id, buyer_city, seller_city, type, field, status,
                    value_fen, paid_fen, version, terms_hash, connection_id, need_id, registration_number, document,
                    created_at, updated_at, signed_at, registered_at, broker_org_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, ?)
                """
        ).execute(arguments: [
            contract.id, contract.buyerOrganizationId, contract.sellerOrganizationId, contract.buyerCity.rawValue,
            contract.sellerCity.rawValue, contract.terms.type.rawValue, contract.field.rawValue,
            contract.status.rawValue, contract.terms.valueFen, contract.version, contract.termsHash,
            contract.terms.connectionId, contract.terms.needId, try document(contract),
            Timestamp.millis(contract.createdAt), Timestamp.millis(contract.updatedAt), contract.brokerOrganizationId,
        ])
        try replaceListings(db, contract)
    }

    /// Rewrites the row from the contract (the parties and cities never change).
    static func update(_ db: Database, _ contract: Contract) throws {
        try db.cachedStatement(
            sql: """
                UPDATE deal_contracts SET type = ?, field = ?, status = ?, value_fen = ?, paid_fen = ?, version = ?,
                    terms_hash = ?, connection_id = ?, need_id = ?, registration_number = ?, document = ?,
                    updated_at = ?, signed_at = ?, registered_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            contract.terms.type.rawValue, contract.field.rawValue, contract.status.rawValue, contract.terms.valueFen,
            contract.paidFen, contract.version, contract.termsHash, contract.terms.connectionId,
            contract.terms.needId, contract.registration.number, try document(contract),
            Timestamp.millis(contract.updatedAt), contract.signedAt.map(Timestamp.millis),
            contract.registration.registeredAt.map(Timestamp.millis), contract.id,
        ])
        try replaceListings(db, contract)
    }

    static func replaceListings(_ db: Database, _ contract: Contract) throws {
        try db.cachedStatement(sql: "DELETE FROM deal_contract_listings WHERE contract_id = ?")
            .execute(arguments: [contract.id])
        for listing in contract.terms.listingIds {
            try db.cachedStatement(sql: "INSERT INTO deal_contract_listings (contract_id, listing_id) VALUES (?, ?)")
                .execute(arguments: [contract.id, listing])
        }
    }

    /// Whether another live contract (not completed, terminated or cancelled) names the listing.
    static func namedElsewhere(_ db: Database, listing: Int64, except contract: Int64) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM deal_contract_listings l JOIN deal_contracts c ON c.id = l.contract_id
                    WHERE l.listing_id = ? AND l.contract_id <> ? AND c.status NOT IN ('completed', 'terminated', 'cancelled'))
                    """),
            arguments: [listing, contract]) ?? false
    }

    static func insertPayment(
        _ db: Database, contract: Int64, payment: NewPayment, organization: Int64, user: Int64?, now: Date
    ) throws -> Contract.Payment {
        try db.cachedStatement(
            sql: """
                INSERT INTO deal_payments (contract_id, instalment, amount_fen, paid_on, recorded_by_org_id,
                    recorded_by_user_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            contract, payment.instalment, payment.amountFen, Timestamp.millis(payment.paidOn), organization, user,
            Timestamp.millis(now),
        ])
        return Contract.Payment(
            id: db.lastInsertedRowID, instalment: payment.instalment, amountFen: payment.amountFen,
            paidOn: Timestamp.date(millis: Timestamp.millis(payment.paidOn)), recordedByOrganizationId: organization,
            at: Timestamp.date(millis: Timestamp.millis(now)))
    }

    /// The next registration number of the city and year: `YYYY` + division code + 6 digits.
    static func nextRegistrationNumber(_ db: Database, city: CityCode, year: Int) throws -> String {
        try db.cachedStatement(
            sql: """
                INSERT INTO deal_registration_sequences (city, year, last) VALUES (?, ?, 1)
                ON CONFLICT (city, year) DO UPDATE SET last = last + 1
                """
        ).execute(arguments: [city.rawValue, year])
        let last =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT last FROM deal_registration_sequences WHERE city = ? AND year = ?"),
                arguments: [city.rawValue, year]) ?? 0
        return String(format: "%04d", year) + city.divisionCode + String(format: "%06d", last)
    }
}
