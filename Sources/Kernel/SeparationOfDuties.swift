/// One person must not carry a money flow alone: two steps of one flow that must come from
/// different parties are refused when the same user would take both.
public enum SeparationOfDuties {
    public static func samePerson(step: String, earlier: String) -> DomainError {
        DomainError(
            .forbidden, code: "same_person", zh: "同一人不能既\(earlier)又\(step)（职责分离）",
            en: "The same person cannot both \(earlier) and \(step) (separation of duties)",
            details: ["step": .string(step), "earlierStep": .string(earlier)]
        )
    }

    /// A step that belongs to one party (the enterprise, the provider) taken by someone else,
    /// however strong their role.
    public static var notYourParty: DomainError {
        DomainError(
            .forbidden, code: "not_your_party", zh: "此步骤只能由当事机构本身办理",
            en: "Only the party itself can take this step"
        )
    }
}
