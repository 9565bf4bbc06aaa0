import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing

/// Notification preferences through the routes (issue 17): the platform's defaults (money at
/// once by inbox and e-mail, discoveries in the daily digest), an organisation's defaults set
/// by its administrator and inherited by its people, a person's own choice winning over both;
/// a member or another organisation's administrator cannot set an organisation's defaults.
struct PreferenceRoutesTests {
    func rows(_ answer: [String: Any]) -> [String: [String: Any]] {
        Dictionary(
            uniqueKeysWithValues: ((answer["items"] as? [[String: Any]]) ?? []).map {
                ($0["category"] as? String ?? "", $0)
            })
    }

    @Test func aPersonsChoiceWinsOverTheOrganisationsWhichWinsOverThePlatforms() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let (read, platform) = try await c.call(.get, "/v1/notifications/preferences", "member")
            let first = rows(platform)
            #expect(read == .ok && first.count == 3, "\(platform)")
            #expect(first["money"]?["timing"] as? String == "immediate" && first["money"]?["email"] as? Bool == true)
            #expect(first["money"]?["inbox"] as? Bool == true && first["money"]?["source"] as? String == "platform")
            #expect(first["discovery"]?["timing"] as? String == "daily_digest")
            let defaults = "/v1/organizations/\(c.stage.enterpriseOrg)/notification-defaults"
            let workflow =
                #"{"items":[{"category":"workflow","inbox":true,"email":true,"webhook":true,"timing":"immediate"}]}"#
            let (set, organization) = try await c.call(.put, defaults, "enterprise", workflow)
            #expect(set == .ok && rows(organization)["workflow"]?["source"] as? String == "organization")
            let (_, inherited) = try await c.call(.get, "/v1/notifications/preferences", "member")
            #expect(rows(inherited)["workflow"]?["webhook"] as? Bool == true)
            #expect(rows(inherited)["workflow"]?["source"] as? String == "organization")
            let own =
                #"{"items":[{"category":"workflow","inbox":true,"email":false,"webhook":false,"timing":"daily_digest"}]}"#
            let (mine, chosen) = try await c.call(.put, "/v1/notifications/preferences", "member", own)
            #expect(mine == .ok && rows(chosen)["workflow"]?["source"] as? String == "user", "\(chosen)")
            #expect(rows(chosen)["workflow"]?["timing"] as? String == "daily_digest")
            #expect(rows(chosen)["money"]?["source"] as? String == "platform", "a category left out keeps its own")
            // The same choice again changes nothing and writes no audit entry.
            let before = try await c.stage.world.snapshot()
            _ = try await c.call(.put, "/v1/notifications/preferences", "member", own)
            #expect(try await c.stage.world.snapshot()[3] == before[3])
        }
    }

    @Test func onlyTheOrganisationsAdministratorsSetItsDefaultsAndChoicesAreChecked() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let defaults = "/v1/organizations/\(c.stage.enterpriseOrg)/notification-defaults"
            let body =
                #"{"items":[{"category":"money","inbox":true,"email":false,"webhook":false,"timing":"immediate"}]}"#
            let before = try await c.stage.world.snapshot()
            for who in ["member", "provider"] {
                let (status, problem) = try await c.call(.put, defaults, who, body)
                #expect(status == .forbidden && problem["code"] as? String == "forbidden", "\(who) \(problem)")
                let (read, _) = try await c.call(.get, defaults, who)
                #expect(read == .forbidden, "\(who)")
            }
            let silent =
                #"{"items":[{"category":"money","inbox":false,"email":false,"webhook":false,"timing":"immediate"}]}"#
            let (none, noChannel) = try await c.call(.put, "/v1/notifications/preferences", "member", silent)
            #expect(none == .unprocessableContent && noChannel["code"] as? String == "preference_no_channel")
            let twice =
                #"{"items":[{"category":"money","inbox":true,"email":false,"webhook":false,"timing":"immediate"},{"category":"money","inbox":true,"email":true,"webhook":false,"timing":"immediate"}]}"#
            let (repeated, again) = try await c.call(.put, "/v1/notifications/preferences", "member", twice)
            #expect(repeated == .unprocessableContent && again["code"] as? String == "preference_repeated")
            #expect(try await c.stage.world.snapshot() == before, "nothing written by the refused")
        }
    }
}
