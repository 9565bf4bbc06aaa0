import Foundation
import GRDB
import Kernel

/// What a module's write hands back: its result, and what the audit entry records.
public struct Audited<Value: Sendable>: Sendable {
    public var value: Value
    public var targetType: String
    public var targetID: String
    public var change: JSONValue
    /// False when the write found nothing to change: no audit entry, nothing stored for replay.
    public var changed = true
    /// Who must hear of the change: appended to the outbox in the same transaction.
    public var events: [OutboxEvent] = []

    public init(_ value: Value, target targetType: String, id targetID: String, change: JSONValue) {
        self.value = value
        self.targetType = targetType
        self.targetID = targetID
        self.change = change
    }

    /// The same result, telling `events` to their recipients once the write commits.
    public func notifying(_ events: [OutboxEvent]) -> Audited {
        var result = self
        result.events += events
        return result
    }

    /// The answer of a write that changed nothing (for example re-importing the same file).
    public static func unchanged(_ value: Value) -> Audited {
        var result = Audited(value, target: "", id: "", change: .null)
        result.changed = false
        return result
    }
}

/// The facts a write's body may use: who acts and the transaction's one "now".
public struct WriteContext: Sendable {
    public let actor: Actor
    public let now: Date
}

extension AppDatabase {
    /// The single write path. In one transaction: replays a stored response for a repeated
    /// `Idempotency-Key`, or runs the module's checks and writes, appends one audit entry and
    /// stores the response for the key. All of it commits together or none of it does. A broken
    /// constraint or an unavailable database comes back as its `StoreErrors` domain error.
    public func write<Value: Codable & Sendable>(
        as actor: Actor,
        action: String,
        _ body: @escaping @Sendable (Database, WriteContext) throws -> Audited<Value>
    ) async throws -> Value {
        let clock = self.clock
        let lifetime = idempotencyLifetime
        let observers = auditObservers
        let guards = writeGuards
        let recordsEvents = self.recordsEvents
        return try await writeMetrics.timed(action) {
            try await translatingErrors {
                try await writer.write { db in
                    try Self.perform(
                        db, actor: actor, action: action, now: clock.now(), lifetime: lifetime, observers: observers,
                        guards: guards, recordsEvents: recordsEvents, body)
                }
            }
        }
    }

    /// The same path for synchronous callers (the command line, seeding).
    public func writeSync<Value: Codable & Sendable>(
        as actor: Actor,
        action: String,
        _ body: (Database, WriteContext) throws -> Audited<Value>
    ) throws -> Value {
        let clock = self.clock
        let lifetime = idempotencyLifetime
        return try writeMetrics.timedSync(action) {
            try translatingErrorsSync {
                try writer.write { db in
                    try Self.perform(
                        db, actor: actor, action: action, now: clock.now(), lifetime: lifetime,
                        observers: auditObservers, guards: writeGuards, recordsEvents: recordsEvents, body)
                }
            }
        }
    }

    private static func perform<Value: Codable & Sendable>(
        _ db: Database, actor: Actor, action: String, now: Date, lifetime: TimeInterval,
        observers: [ModuleMigrations.AuditObserver], guards: [ModuleMigrations.WriteGuard], recordsEvents: Bool,
        _ body: (Database, WriteContext) throws -> Audited<Value>
    ) throws -> Value {
        let context = WriteContext(actor: actor, now: now)
        // A broker's write is checked against the client's delegation first, inside this
        // transaction (so a revocation and the write are strictly ordered), replays included.
        if actor.broker != nil {
            guard !guards.isEmpty else { throw DomainError.forbidden }
            for check in guards { try check.before(db, context, action) }
        }
        if let claim = actor.idempotency,
            let replay: Value = try IdempotencyStore.replay(db, caller: actor.callerKey, claim: claim, now: now)
        {
            return replay
        }
        let result = try body(db, context)
        if actor.broker != nil {
            for check in guards { try check.after(db, context, action, result.targetType, result.targetID) }
        }
        guard result.changed else { return result.value }
        let (seq, bytes) = try AuditEntry.append(
            db, actor: actor, action: action, time: now,
            targetType: result.targetType, targetID: result.targetID, change: result.change
        )
        for observer in observers { try observer(db, seq, bytes) }
        if recordsEvents, !result.events.isEmpty { try Outbox.append(db, result.events, auditSeq: seq, now: now) }
        if let claim = actor.idempotency {
            // A secret shown once is never stored: the replay says it was already shown.
            let stored =
                (result.value as? any SecretBearing).map { $0.withoutSecret() as? Value ?? result.value }
                ?? result.value
            try IdempotencyStore.remember(
                db, caller: actor.callerKey, claim: claim, response: stored, now: now, lifetime: lifetime
            )
        }
        return result.value
    }
}
