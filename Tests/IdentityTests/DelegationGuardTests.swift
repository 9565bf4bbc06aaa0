import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

/// The write path's check of a broker's write (issue 18), straight on the database: each action
/// needs its scope; a money step needs the client's confirmation of that very step, used once.
struct DelegationGuardTests {
    struct Stage {
        let world: World
        let client: Organization
        let broker: Actor
        let clientAdmin: Actor
        let delegations: DelegationService

        init(scope: [DelegationScope]) async throws {
            world = try World()
            client = try await world.organization(.enterprise, .huangshi)
            let agencyOrganization = try await world.organization(.provider, .wuhan)
            let password = "Tea-kettle orbit 7 pelican"
            let brokerUser = try await world.users.create(
                in: agencyOrganization.id,
                NewUser(username: "jingliren.wh", displayName: "经理人", role: .orgMember, password: password),
                by: world.system
            ).user
            let adminUser = try await world.users.create(
                in: client.id, NewUser(username: "qiye.hs", displayName: "管理员", role: .orgAdmin, password: password),
                by: world.system
            ).user
            let brokers = BrokerService(database: world.database)
            let agency = try await brokers.registerAgency(
                organizationID: agencyOrganization.id, kind: .agency, by: world.system)
            _ = try await brokers.addBroker(
                agencyID: agency.id, NewBroker(userId: brokerUser.id, certificateNumber: nil), by: world.system)
            clientAdmin = world.actor(.orgAdmin, in: client, user: adminUser.id)
            delegations = DelegationService(database: world.database)
            _ = try await delegations.grant(
                NewDelegation(
                    clientOrganizationId: client.id, agencyId: agency.id, scope: scope, startsAt: nil,
                    endsAt: world.clock.now().addingTimeInterval(86_400)),
                by: clientAdmin)
            broker = try world.actor(.orgMember, in: agencyOrganization, user: brokerUser.id)
                .acting(for: ActingFor(client: client.id, city: client.city))
        }

        /// A write named `action` on contract `target` by the broker; its code when refused.
        func attempt(_ action: String, target: String = "7") async -> String {
            do {
                _ = try await world.database.write(as: broker, action: action) { _, _ in
                    Audited(true, target: "contract", id: target, change: ["test": true])
                }
                return "ok"
            } catch let error as DomainError {
                return error.code
            } catch {
                return "\(error)"
            }
        }
    }

    @Test func eachActionNeedsItsScopeAndOthersAreDenied() async throws {
        let stage = try await Stage(scope: [.needs, .contracts])
        #expect(await stage.attempt("need.create") == "ok")
        #expect(await stage.attempt("contract.create") == "ok")
        #expect(await stage.attempt("connection.request") == "delegation_out_of_scope")
        #expect(await stage.attempt("contract.record_payment") == "delegation_out_of_scope")
        // Anything not named as delegable is refused whatever the scope (deny by default).
        for action in ["contract.confirm", "delegation.grant", "user.create", "token.create", "voucher.apply"] {
            #expect(await stage.attempt(action) == "delegation_out_of_scope", "\(action)")
        }
    }

    @Test func aMoneyStepNeedsTheClientsConfirmationOfThatStepOnce() async throws {
        let stage = try await Stage(scope: [.money])
        #expect(await stage.attempt("contract.record_payment") == "money_confirmation_required")
        let delegation = try await stage.delegations.list(asBroker: false, viewer: stage.clientAdmin)[0]
        // Only the client's administrator confirms; the broker cannot confirm for itself.
        await #expect(throws: DomainError.self) {
            _ = try await stage.delegations.confirmPayment(delegation.id, contractID: 7, by: stage.broker)
        }
        _ = try await stage.delegations.confirmPayment(delegation.id, contractID: 7, by: stage.clientAdmin)
        // Confirmed for contract 7: not for contract 8; once for 7, then no more.
        #expect(await stage.attempt("contract.record_payment", target: "8") == "money_confirmation_required")
        #expect(await stage.attempt("contract.record_payment", target: "7") == "ok")
        #expect(await stage.attempt("contract.record_payment", target: "7") == "money_confirmation_required")
    }

    @Test func aDelegatedWriteWithoutTheGuardIsRefused() async throws {
        // A database opened without Identity's guard refuses every delegated write outright.
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let database = try AppDatabase.inMemory(clock: clock, modules: [])
        var actor = Actor(userID: 1, organizationID: 2, city: .wuhan, role: .orgMember, requestID: "t")
        actor.broker = BrokerStamp(organizationID: 3, role: .orgMember)
        await #expect(throws: DomainError.self) {
            _ = try await database.write(as: actor, action: "need.create") { _, _ in
                Audited(true, target: "need", id: "1", change: .null)
            }
        }
    }
}
