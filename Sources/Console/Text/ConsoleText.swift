/// The console's words other parts of the server use (the notification e-mail's event titles).
public enum ConsoleText {
    /// What an event of this kind says, Chinese then English (the kind itself when unknown).
    @Sendable public static func eventTitle(_ kind: String) -> (zh: String, en: String) {
        let key = "event.\(kind)"
        return (Language.zh.text(key), Language.en.text(key))
    }
}
