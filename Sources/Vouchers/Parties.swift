import Foundation
import Identity
import Kernel

/// The parties of a redemption and who acted for each. A party's step is taken by a user of
/// that party's own organisation — never by a platform or city administrator standing in — and
/// no user takes steps for two parties of one flow.
enum Parties {
    typealias Party = Redemption.Party

    /// The actor belongs to the organisation (the platform's own jobs excepted).
    static func require(_ actor: Actor, organization: Int64) throws {
        guard actor.kind == .system || actor.organizationID == organization else {
            throw VoucherError.notYourParty
        }
    }

    static func isMember(_ actor: Actor, of organization: Int64) -> Bool {
        actor.kind == .user && actor.organizationID == organization
    }

    /// Refuses a user who already acted for another party of this redemption.
    static func checkSeparation(_ redemption: Redemption, step: String, party: Party, actor: Actor) throws {
        guard let user = actor.userID else { return }
        if let earlier = redemption.acts?.first(where: { $0.userId == user && $0.party != party }) {
            throw VoucherError.samePerson(step: step, earlier: earlier.step)
        }
    }

    static func record(_ redemption: inout Redemption, step: String, party: Party, actor: Actor, now: Date) {
        let act = Redemption.Act(
            step: step, party: party, userId: actor.userID, at: Timestamp.date(millis: Timestamp.millis(now)))
        redemption.acts = (redemption.acts ?? []) + [act]
    }
}
