import Kernel
import Testing

@testable import Identity

/// A user's own e-mail address: folded to one spelling, refused when malformed, one user per
/// address (migration identity-006).
struct UserEmailTests {
    @Test func addressesAreFoldedCheckedAndUnique() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let admin = world.actor(.orgAdmin, in: enterprise)
        let created = try await world.users.create(
            in: enterprise.id,
            NewUser(
                username: "li.na", displayName: "李娜", role: .orgMember, password: "plum blossom in xianning",
                email: "  Li.Na@Example.CN "),
            by: admin)
        #expect(created.user.email == "li.na@example.cn")
        let listed = try await world.users.list(in: enterprise.id, page: PageRequest(), by: admin)
        #expect(listed.items.first { $0.username == "li.na" }?.email == "li.na@example.cn")

        // The same address in another spelling belongs to the first user already.
        do {
            _ = try await world.users.create(
                in: enterprise.id,
                NewUser(
                    username: "li.na2", displayName: "x", role: .orgMember, password: "plum blossom in xianning",
                    email: "LI.NA@example.cn"),
                by: admin)
            Issue.record("a second user with one address")
        } catch let error as DomainError {
            #expect(error.code == "email_taken" && error.field == "email" && error.kind == .conflict)
        }
        for bad in ["no-at-sign", "a@b", "two@@example.cn", "a b@example.cn", "x@.example.cn", "tab\t@example.cn"] {
            do {
                _ = try await world.users.create(
                    in: enterprise.id,
                    NewUser(
                        username: "bad.mail", displayName: "x", role: .orgMember,
                        password: "plum blossom in xianning", email: bad),
                    by: admin)
                Issue.record("accepted \(bad.debugDescription)")
            } catch let error as DomainError {
                #expect(error.field == "email", "\(bad.debugDescription): \(error.code)")
            }
        }
        // A blank address is no address; nothing was written by the refusals.
        let blank = try await world.users.create(
            in: enterprise.id,
            NewUser(
                username: "no.mail", displayName: "x", role: .orgMember, password: "plum blossom in xianning",
                email: "   "),
            by: admin)
        #expect(blank.user.email == nil)
        let all = try await world.users.list(in: enterprise.id, page: PageRequest(), by: admin)
        #expect(Set(all.items.map(\.username)) == ["li.na", "no.mail"])
    }
}
