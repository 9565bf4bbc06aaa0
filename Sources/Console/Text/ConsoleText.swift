/// The console's words other parts of the server use (the notification e-mail's event titles).
public enum ConsoleText {
    /// What an event of this kind says, Chinese then English (the kind itself when unknown).
    @Sendable public static func eventTitle(_ kind: String) -> (zh: String, en: String) {
        let key = "event.\(kind)"
        return (Language.zh.text(key), Language.en.text(key))
    }

    /// The console page of an event's object that is the same for everyone who may see it (nil
    /// where the page depends on the viewer's role).
    @Sendable public static func targetPath(_ type: String, _ id: String) -> String? {
        switch type {
        case "connection": "/console/connections/\(id)"
        case "contract": "/console/contracts/\(id)"
        case "saved_search": "/console/saved-searches"
        case "patent", "achievement", "need": "/console/\(type)s/\(id)"
        default: nil
        }
    }
}
