import Foundation
import HTTPAPI
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The background jobs as services: shutdown waits for a run in progress (a sweep is never cut
/// off mid-transaction), interrupts the wait between runs, and a failing run is logged and
/// followed by the next one.
struct PeriodicJobTests {
    /// A one-shot signal: `wait()` suspends until `open()`. A cancelled waiter stops waiting and
    /// throws, so a job that gets cancelled is seen to stop early.
    final class Gate: Sendable {
        private let stream: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        func open() { continuation.finish() }

        func wait() async throws {
            for await _ in stream {}
            try Task.checkCancellation()
        }
    }

    let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Whether `task` finishes within `limit`; when it does not, it is cancelled (so that a
    /// broken service fails the test instead of hanging it).
    func finishes(_ task: Task<Void, any Error>, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await task.result
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            if !first { task.cancel() }
            group.cancelAll()
            return first
        }
    }

    @Test func gracefulShutdownWaitsForTheRunInProgress() async throws {
        // Given a job whose run is under way and blocks until the test releases it
        let started = Gate()
        let release = Gate()
        let events = Mutex<[String]>([])
        let job = PeriodicJob(name: "blocking", every: .seconds(3_600), logger: quiet) {
            started.open()
            try await release.wait()
            events.withLock { $0.append("run finished") }
        }
        let group = ServiceGroup(services: [job], logger: quiet)
        let running = Task {
            try await group.run()
            events.withLock { $0.append("group finished") }
        }
        try await started.wait()
        // When graceful shutdown is triggered mid-run
        await group.triggerGracefulShutdown()
        try await Task.sleep(for: .milliseconds(300))
        // Then the group is still waiting for the run
        #expect(events.withLock { $0 } == [])
        release.open()
        #expect(await finishes(running, within: .seconds(10)))
        // And the run did its work before the group finished, and no second run started
        #expect(events.withLock { $0 } == ["run finished", "group finished"])
        try await running.value
    }

    @Test func aRunInProgressIsNotCancelledEvenWhenTheGroupIs() async throws {
        // Given a run under way
        let started = Gate()
        let release = Gate()
        let finished = Mutex(false)
        let job = PeriodicJob(name: "blocking", every: .seconds(3_600), logger: quiet) {
            started.open()
            try await release.wait()
            finished.withLock { $0 = true }
        }
        let group = ServiceGroup(services: [job], logger: quiet)
        let running = Task { try await group.run() }
        try await started.wait()
        // When the whole group is cancelled (not a graceful shutdown)
        running.cancel()
        try await Task.sleep(for: .milliseconds(300))
        // Then the run is still waited for and completes its work
        #expect(!finished.withLock { $0 })
        release.open()
        #expect(await finishes(running, within: .seconds(10)))
        #expect(finished.withLock { $0 })
    }

    @Test func aJobSleepingBetweenRunsStopsPromptly() async throws {
        // Given a job that ran once and now waits an hour for its next run
        let ran = Gate()
        let runs = Mutex(0)
        let job = PeriodicJob(name: "sleeper", every: .seconds(3_600), logger: quiet) {
            runs.withLock { $0 += 1 }
            ran.open()
        }
        let group = ServiceGroup(services: [job], logger: quiet)
        let running = Task { try await group.run() }
        try await ran.wait()
        try await Task.sleep(for: .milliseconds(50))
        // When graceful shutdown is triggered
        let clock = ContinuousClock()
        let start = clock.now
        await group.triggerGracefulShutdown()
        // Then the group finishes without waiting out the hour (the bound is loose: a shared,
        // busy machine may take seconds to schedule the shutdown), and without another run
        #expect(await finishes(running, within: .seconds(60)))
        #expect(clock.now - start < .seconds(60))
        #expect(runs.withLock { $0 } == 1)
        try await running.value
    }

    @Test func aFailingRunIsLoggedAndTheJobKeepsRunning() async throws {
        // Given a job whose first two runs fail, run every 10 ms
        struct SweepFailed: Error, CustomStringConvertible {
            var description: String { "disk on fire" }
        }
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "corridor") { CapturingLogHandler(label: $0, lines: lines) }
        let fourth = Gate()
        let runs = Mutex(0)
        let job = PeriodicJob(name: "flaky sweep", every: .milliseconds(10), logger: logger) {
            let run = runs.withLock {
                $0 += 1
                return $0
            }
            if run == 4 { fourth.open() }
            if run <= 2 { throw SweepFailed() }
        }
        let group = ServiceGroup(services: [job], logger: quiet)
        let running = Task { try await group.run() }
        // When it has run four times
        let reachedFourth = Task { try await fourth.wait() }
        #expect(
            await finishes(reachedFourth, within: .seconds(10)), "the job stopped after \(runs.withLock { $0 }) runs")
        await group.triggerGracefulShutdown()
        #expect(await finishes(running, within: .seconds(10)))
        // Then both failures were logged with the job's name and the error, and the group
        // ended without an error
        try await running.value
        let failures = lines.all.filter { $0.message == "flaky sweep failed" }
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.metadata["job"] == "flaky sweep" && $0.metadata["error"] == "disk on fire" })
        #expect(runs.withLock { $0 } >= 4)
    }
}
