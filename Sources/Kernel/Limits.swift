/// "Put a limit on everything": the maximum lengths shared across modules.
public enum Limits {
    public static let name = 200
    public static let shortText = 100
    public static let phone = 40
    public static let email = 254
    public static let address = 300
    public static let pageSizeDefault = 20
    public static let pageSizeMax = 100
}
