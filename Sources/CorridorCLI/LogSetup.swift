import Foundation
import HTTPAPI
import Logging
import Platform

enum LogSetup {
    static func bootstrap(_ log: ServerConfiguration.Log) {
        let level = Logger.Level(rawValue: log.level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                log.format == "json"
                ? JSONLogHandler(label: label)
                : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
