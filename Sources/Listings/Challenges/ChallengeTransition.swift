import Foundation
import Kernel

/// One lifecycle event with what it needs (`POST /v1/challenges/{id}/transitions`).
public struct ChallengeTransition: Sendable {
    public enum Name: String, Codable, CaseIterable, Sendable {
        case submit, approve
        case rejectApproval = "reject_approval"
        case closeApplications = "close_applications"
        case extend
        case startReview = "start_review"
        case award, begin, close, cancel, terminate
    }

    public var event: Name
    /// Required for reject_approval, cancel, terminate, and an award against the scores.
    public var reason: String?
    /// For extend: the new application deadline (at most one year past the current one).
    public var deadline: Date?
    /// For award: the applications chosen; omitted, the top-scored are awarded.
    public var applicationIds: [Int64]?

    public init(event: Name, reason: String? = nil, deadline: Date? = nil, applicationIds: [Int64]? = nil) {
        self.event = event
        self.reason = reason
        self.deadline = deadline
        self.applicationIds = applicationIds
    }
}
