import Foundation
import Kernel

/// Turns scanned CSV rows or JSON lines into numbered records; shared by a reader's iterators.
final class RecordStream {
    private enum Scanner {
        case csv(CSVScanner, header: [String])
        case jsonLines(JSONLinesScanner, JSONDecoder)
    }

    private let scanner: Scanner
    private var number = 0
    private var ended = false

    init(csv scanner: CSVScanner, header: [String]) {
        self.scanner = .csv(scanner, header: header)
    }

    init(jsonLines scanner: JSONLinesScanner) {
        self.scanner = .jsonLines(scanner, JSONDecoder())
    }

    func next() -> Result<TabularRecord, TabularError>? {
        guard !ended else { return nil }
        do {
            let result: Result<TabularRecord, TabularError>?
            switch scanner {
            case .csv(let scanner, let header):
                result = try scanner.next().map { row in
                    number += 1
                    return Self.record(number: number, row: row, header: header)
                }
            case .jsonLines(let scanner, let decoder):
                result = try scanner.next().map { line in
                    number += 1
                    return Self.record(number: number, line: line, decoder: decoder, encoding: scanner.encoding)
                }
            }
            if result == nil { ended = true }
            return result
        } catch {
            ended = true
            return .failure(TabularError(line: currentLine, code: TabularError.Code.readFailed, message: "\(error)"))
        }
    }

    private var currentLine: Int {
        switch scanner {
        case .csv(let scanner, _): scanner.line
        case .jsonLines(let scanner, _): scanner.line
        }
    }

    private static func record(number: Int, row: CSVRow, header: [String]) -> Result<TabularRecord, TabularError> {
        row.fields.flatMap { fields in
            guard fields.count <= header.count else {
                return .failure(
                    TabularError(
                        line: row.line, code: TabularError.Code.tooManyColumns,
                        message: "the record has \(fields.count) values but the header has \(header.count) columns"
                    )
                )
            }
            var values: [String: JSONValue] = [:]
            values.reserveCapacity(fields.count)
            for (name, field) in zip(header, fields) where !field.isEmpty {
                values[name] = .string(field)
            }
            return .success(TabularRecord(number: number, line: row.line, values: values))
        }
    }

    private static func record(
        number: Int, line: JSONLine, decoder: JSONDecoder, encoding: TextEncoding
    ) -> Result<TabularRecord, TabularError> {
        line.text.flatMap { bytes in
            guard UTF8Validation.string(bytes) != nil else {
                return .failure(.invalidEncoding(line: line.line, encoding))
            }
            let value: JSONValue
            do {
                value = try decoder.decode(JSONValue.self, from: Data(bytes))
            } catch {
                return .failure(
                    TabularError(
                        line: line.line, code: TabularError.Code.badJSON,
                        message: "the line is not valid JSON (numbers must be integers)"
                    )
                )
            }
            guard case .object(let values) = value else {
                return .failure(
                    TabularError(
                        line: line.line, code: TabularError.Code.notAnObject,
                        message: "the line holds JSON but not an object"
                    )
                )
            }
            return .success(TabularRecord(number: number, line: line.line, values: values))
        }
    }
}
