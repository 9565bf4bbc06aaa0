import GRDB
import Identity
import Kernel
import Store

/// Whom a voucher write tells, resolved in its transaction: whoever must act next on a
/// redemption or an application, or the parties when it is settled or closed.
enum VoucherEvents {
    /// After a redemption step (or its opening): the next actor by the new state.
    static func redemption(_ db: Database, _ redemption: Redemption) throws -> [OutboxEvent] {
        let kind: EventKind
        let users: [Int64]
        let organizations: [Int64]
        let enterprise = redemption.enterpriseOrganizationId
        let provider = redemption.providerOrganizationId
        switch (redemption.status, redemption.review) {
        case (.held, _):
            (kind, users, organizations) = (
                .redemptionAwaitingConfirmation, try UserDirectory.members(db, organization: provider), [provider]
            )
        case (.delivered, .pending), (.claimed, .pending):
            (kind, users, organizations) = (
                .redemptionAwaitingReview, try cityStaff(db, redemption.issuingCity), []
            )
        case (.delivered, _):
            (kind, users, organizations) = (
                .redemptionAwaitingAcceptance, try UserDirectory.members(db, organization: enterprise), [enterprise]
            )
        case (.disputed, _):
            (kind, users, organizations) = (.redemptionAwaitingRuling, try cityStaff(db, redemption.issuingCity), [])
        case (.claimed, _):
            (kind, users, organizations) = (
                .redemptionAwaitingClaimDecision, try cityStaff(db, redemption.issuingCity), []
            )
        case (.captured, _):
            (kind, users, organizations) = (
                .redemptionSettled, try parties(db, enterprise, provider), [enterprise, provider]
            )
        case (.cancelled, _), (.released, _), (.rejected, _), (.reversed, _):
            (kind, users, organizations) = (
                .redemptionClosed, try parties(db, enterprise, provider), [enterprise, provider]
            )
        }
        return [
            OutboxEvent(
                kind: kind, target: "redemption", id: String(redemption.id), users: users,
                organizations: organizations,
                payload: [
                    "voucherNumber": .string(redemption.voucherNumber), "status": .string(redemption.status.rawValue),
                    "voucherFen": .int(redemption.voucherFen), "contractNumber": .string(redemption.contractNumber),
                ])
        ]
    }

    static func applicationSubmitted(_ db: Database, _ application: VoucherApplication) throws -> [OutboxEvent] {
        [
            OutboxEvent(
                kind: .voucherApplicationAwaitingDecision, target: "voucher_application", id: String(application.id),
                users: try cityStaff(db, application.city),
                payload: ["amountFen": .int(application.amountFen), "year": .int(Int64(application.year))])
        ]
    }

    static func applicationDecided(_ db: Database, _ application: VoucherApplication) throws -> [OutboxEvent] {
        [
            OutboxEvent(
                kind: .voucherApplicationDecided, target: "voucher_application", id: String(application.id),
                users: try UserDirectory.members(db, organization: application.enterpriseOrganizationId),
                organizations: [application.enterpriseOrganizationId],
                payload: ["status": .string(application.status.rawValue), "amountFen": .int(application.amountFen)])
        ]
    }

    static func cityStaff(_ db: Database, _ city: CityCode) throws -> [Int64] {
        try UserDirectory.staff(db, city: city, roles: [.cityAdmin])
    }

    static func parties(_ db: Database, _ enterprise: Int64, _ provider: Int64) throws -> [Int64] {
        try UserDirectory.members(db, organization: enterprise) + UserDirectory.members(db, organization: provider)
    }
}
