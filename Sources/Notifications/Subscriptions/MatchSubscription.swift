import Foundation
import Kernel

/// "Tell me of new matches" (issue 17): a research organisation's person hears of new needs
/// that match its portfolio; an enterprise's person of new patents and achievements that match
/// one of its needs — above a score, in thousandths of the match score.
public struct MatchSubscription: Codable, Sendable, Equatable {
    public enum Subject: String, Codable, Sendable, CaseIterable {
        /// New needs whose best research organisations include the subscriber's.
        case portfolio
        /// New supply that ranks for the subscriber's need.
        case need
    }

    public var id: Int64
    public var subject: Subject
    public var needId: Int64?
    /// 0…1000: the least match score (× 1000) worth a message.
    public var minScore: Int
    public var createdAt: Date
}

public struct NewMatchSubscription: Sendable {
    public var subject: MatchSubscription.Subject
    public var needId: Int64?
    public var minScore: Int

    public init(subject: MatchSubscription.Subject, needId: Int64? = nil, minScore: Int = 300) {
        self.subject = subject
        self.needId = needId
        self.minScore = minScore
    }
}
