import Foundation
import Kernel
import Testing

/// Attacks on eligibility: an enterprise that certifies itself, a certificate that ran out, a
/// requester who verifies their own request.
struct EligibilityAbuseTests {
    static let highTechOnly = #""eligibility":{"anyOf":["high_tech"]}"#

    @Test func eligibilityIsDecidedOnVerifiedAttributesOnly() async throws {
        let stage = try await AbuseWorld()
        let org = stage.enterpriseOrg
        try await stage.run { c in
            let (created, _) = try await c.post(
                "/v1/voucher-policies", "hs", String(AbuseClient.policy.dropLast()) + "," + Self.highTechOnly + "}")
            #expect(created == .created)
            // Giving up a qualification needs no one's word (it only lowers eligibility).
            let (dropped, drop) = try await c.post(
                "/v1/organizations/\(org)/certifications", "enterprise", #"{"attribute":"high_tech","holds":false}"#)
            #expect(dropped == .created && drop["status"] as? String == "verified", "\(drop)")
            // The old way in: the enterprise's own admin ticks "high-tech" on its profile.
            let (patched, patchProblem) = try await c.call(
                .patch, "/v1/organizations/\(org)", "enterprise",
                #"{"attributes":{"highTech":true,"techSME":false,"specialized":false}}"#)
            #expect(
                patched == .unprocessableContent && patchProblem["code"] as? String == "attributes_need_certification",
                "\(patchProblem)")
            let (refused, problem) = try await c.post("/v1/vouchers", "enterprise", #"{"amountFen":1000000}"#)
            #expect(refused == .forbidden && problem["code"] as? String == "not_eligible")
            // A request with its certificate: still not eligible while it waits.
            let until = Timestamp.format(AbuseWorld.start.addingTimeInterval(100 * 86_400))
            let (requested, request) = try await c.post(
                "/v1/organizations/\(org)/certifications", "enterprise",
                #"{"attribute":"high_tech","holds":true,"certificateNumber":"GR202342001234","validUntil":"\#(until)"}"#
            )
            #expect(requested == .created && request["status"] as? String == "pending", "\(request)")
            #expect(
                try await c.post("/v1/vouchers", "enterprise", #"{"amountFen":1000000}"#).1["code"] as? String
                    == "not_eligible")
            // The enterprise cannot verify its own request; another city cannot either.
            let decision = "/v1/certifications/\(request["id"] as? Int64 ?? 0)/decision"
            #expect(try await c.post(decision, "enterprise", #"{"approve":true}"#).0 == .forbidden)
            #expect(try await c.post(decision, "wh", #"{"approve":true}"#).1["code"] as? String == "wrong_city")
            let (verified, certification) = try await c.post(decision, "hs", #"{"approve":true}"#)
            #expect(
                verified == .ok && certification["status"] as? String == "verified" && certification["decidedBy"] != nil
            )
            let (applied, application) = try await c.post("/v1/vouchers", "enterprise", #"{"amountFen":1000000}"#)
            #expect(applied == .created)
            // The certificate ends before the city approves: the approval re-checks it.
            c.stage.clock.advance(by: 101 * 86_400)
            let (late, lateProblem) = try await c.post(
                "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", "hs", #"{"approve":true}"#)
            #expect(late == .forbidden && lateProblem["code"] as? String == "not_eligible", "\(lateProblem)")
            try await c.expectLedgerClean()
        }
    }

    @Test func aCertificationRequestIsCheckedAndQueued() async throws {
        let stage = try await AbuseWorld()
        let org = stage.enterpriseOrg
        try await stage.run { c in
            let path = "/v1/organizations/\(org)/certifications"
            let tooLong = Timestamp.format(AbuseWorld.start.addingTimeInterval(5 * 366 * 86_400))
            let cases: [(String, String)] = [
                (
                    #"{"attribute":"high_tech","holds":true,"validUntil":"2027-06-01T00:00:00Z"}"#,
                    "certificate_required"
                ),
                (#"{"attribute":"high_tech","holds":true,"certificateNumber":"GR1"}"#, "valid_until_required"),
                (
                    #"{"attribute":"high_tech","holds":true,"certificateNumber":"GR1","validUntil":"\#(tooLong)"}"#,
                    "validity_too_long"
                ),
                (
                    #"{"attribute":"high_tech","holds":true,"certificateNumber":"GR1","validUntil":"2020-01-01T00:00:00Z"}"#,
                    "certificate_expired"
                ),
                (#"{"attribute":"revenue_band"}"#, "revenue_band_required"),
                (
                    #"{"attribute":"specialized","holds":true,"certificateNumber":"GR\u0007","validUntil":"2027-06-01T00:00:00Z"}"#,
                    "control_characters"
                ),
            ]
            for (body, code) in cases {
                let (status, problem) = try await c.post(path, "enterprise", body)
                #expect(status == .unprocessableContent && problem["code"] as? String == code, "\(body) → \(problem)")
            }
            // A member, the city and another enterprise's admin do not request for it.
            let good = #"{"attribute":"revenue_band","revenueBand":"below_20m"}"#
            #expect(try await c.post(path, "member", good).0 == .forbidden)
            #expect(try await c.post(path, "hs", good).0 == .forbidden)
            #expect(try await c.post(path, "enterprise", good).0 == .created)
            let (twice, twiceProblem) = try await c.post(path, "enterprise", good)
            #expect(twice == .conflict && twiceProblem["code"] as? String == "certification_pending")
            let (_, queue) = try await c.call(.get, "/v1/certifications?status=pending", "hs")
            #expect((queue["items"] as? [[String: Any]])?.count == 1)
            let (_, otherCity) = try await c.call(.get, "/v1/certifications?status=pending", "wh")
            #expect((otherCity["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await c.call(.get, "/v1/certifications", "enterprise").0 == .forbidden)
        }
    }
}
