import Foundation

/// JSON coders that write times as whole milliseconds since 1970 (integers, no floating
/// point): how modules store their documents.
public enum MillisJSON {
    public static func makeEncoder(sortedKeys: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        if sortedKeys { encoder.outputFormatting = [.sortedKeys] }
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.millis(date))
        }
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Timestamp.date(millis: try decoder.singleValueContainer().decode(Int64.self))
        }
        return decoder
    }
}
