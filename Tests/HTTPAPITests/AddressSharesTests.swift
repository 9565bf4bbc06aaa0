@testable import HTTPAPI
import NIOCore
import Testing

/// Connections counted per client address (issue 14), without sockets: each address has its own
/// share, an IPv6 subscriber's /64 is one address, closing gives the slot back.
struct AddressSharesTests {
    @Test func eachAddressHasItsOwnShare() throws {
        var shares = AddressShares(maximum: 2)
        let admitted = ["198.51.100.7", "198.51.100.7", "198.51.100.7", "203.0.113.9"].map { shares.admit($0) }
        #expect(
            admitted == [true, true, false, true],
            "a third from one address is refused, another address is not affected")
        shares.release("198.51.100.7")
        let again = shares.admit("198.51.100.7")
        #expect(again)
        for _ in 0..<3 { shares.release("198.51.100.7") }
        #expect(shares.open["198.51.100.7"] == nil, "released counts never go below zero")
        #expect(shares.open["203.0.113.9"] == 1)
    }

    @Test func anIPv6SubscriberIsOneAddress() throws {
        let a = try SocketAddress(ipAddress: "2001:db8:1:2::a", port: 1)
        let b = try SocketAddress(ipAddress: "2001:db8:1:2:ffff::b", port: 2)
        let other = try SocketAddress(ipAddress: "2001:db8:1:3::a", port: 1)
        let mapped = try SocketAddress(ipAddress: "::ffff:198.51.100.7", port: 3)
        #expect(RateLimitMiddleware.addressKey(a) == "2001:0db8:0001:0002::/64")
        #expect(RateLimitMiddleware.addressKey(a) == RateLimitMiddleware.addressKey(b))
        #expect(RateLimitMiddleware.addressKey(a) != RateLimitMiddleware.addressKey(other))
        #expect(RateLimitMiddleware.addressKey(mapped) == "198.51.100.7")
    }
}
