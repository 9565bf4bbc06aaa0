import Foundation
import HTTPTypes
import HummingbirdTesting
import Kernel
@testable import HTTPAPI
import Testing

/// The inbox through the routes (issue 17): a redemption opened by the enterprise reaches the
/// provider's inbox (after the delivery job's drain), not the enterprise's; marking read is the
/// user's own; the contract's event kinds are Kernel's.
struct NotificationRoutesTests {
    @Test func aProviderIsToldOfARedemptionWaitingForIt() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (opened, _) = try await c.open(voucher, contract: "WH-2026-7", fen: 6_000_000)
            #expect(opened == .created)
            try await c.stage.world.services.outboxDrain.drain()
            let (listed, inbox) = try await c.call(.get, "/v1/notifications", "provider")
            #expect(listed == .ok)
            let items = inbox["items"] as? [[String: Any]] ?? []
            #expect(items.first?["kind"] as? String == "redemption.awaiting_confirmation", "\(inbox)")
            #expect(inbox["unread"] as? Int64 ?? 0 >= 1)
            // Wuhan's clerk has nothing to act on here: its inbox is empty (but it has one).
            let (clerkStatus, theirs) = try await c.call(.get, "/v1/notifications?unread=true", "wh")
            #expect(clerkStatus == .ok && (theirs["items"] as? [Any])?.isEmpty == true, "\(theirs)")
            // Another user cannot mark the provider's item; the provider can.
            let id = items.first?["id"] as? Int64 ?? 0
            let (_, stranger) = try await c.call(.post, "/v1/notifications/read", "enterprise", #"{"ids":[\#(id)]}"#)
            #expect(stranger["marked"] as? Int64 == 0)
            let (_, marked) = try await c.call(.post, "/v1/notifications/read", "provider", #"{"ids":[\#(id)]}"#)
            #expect(marked["marked"] as? Int64 == 1)
            let (_, all) = try await c.call(.post, "/v1/notifications/read", "provider", "{}")
            #expect(all["unread"] as? Int64 == 0)
            let (bad, problem) = try await c.call(.get, "/v1/notifications?unread=maybe", "provider")
            #expect(bad == .unprocessableContent && problem["code"] as? String == "invalid_value")
            let (anonymous, _) = try await c.call(.get, "/v1/notifications", "nobody")
            #expect(anonymous == .unauthorized)
        }
    }

    @Test func theContractKnowsEveryEventKind() throws {
        let wire = Set(Components.Schemas.EventKind.allCases.map(\.rawValue))
        #expect(wire == Set(EventKind.allCases.map(\.rawValue)))
    }
}
