import Kernel

/// The self-registration lifecycle as a pure table (issue 18): a city verifies or rejects a
/// pending registration; the applicant corrects a rejected one and resubmits it; a verified one
/// is final. A new licence may be uploaded while the registration is not verified.
public enum RegistrationMachine {
    public enum Event: String, Sendable, CaseIterable {
        case verify, reject, resubmit, upload
    }

    public enum Party: Sendable, Equatable, CaseIterable {
        /// An administrator of the organisation itself.
        case applicant
        /// Its city's administrator, or the platform.
        case city
    }

    /// The next status, or nil when the event is not allowed from `status` by `party`.
    public static func next(
        _ status: Registration.Status, _ event: Event, by party: Party
    ) -> Registration.Status? {
        switch (status, event, party) {
        case (.pending, .verify, .city): .verified
        case (.pending, .reject, .city): .rejected
        case (.rejected, .resubmit, .applicant): .pending
        case (.pending, .upload, .applicant), (.rejected, .upload, .applicant): status
        default: nil
        }
    }

    /// The events `party` may take from `status`, for refusals and pages.
    public static func allowed(_ status: Registration.Status, by party: Party) -> [Event] {
        Event.allCases.filter { next(status, $0, by: party) != nil }
    }
}
