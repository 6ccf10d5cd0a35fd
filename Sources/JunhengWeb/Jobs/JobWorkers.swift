import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs blocking work (CBC, Chromium) on a thread of its own, so neither the event loops nor Swift's cooperative
/// pool wait behind it: logins, bcrypt and page rendering go on while a solver runs.
enum SolverThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "junheng-job"
            thread.stackSize = 16 << 20
            thread.start()
        }
    }
}

/// What a running job's handler shares with its worker: progress to report, and whether to stop.
final class JobControl: Sendable {
    /// Why a job should stop early.
    enum Stop: Sendable { case cancel, lost, shutdown }
    private struct State { var fraction = 0.0; var message = ""; var stop: Stop? }
    private let state = NIOLockedValueBox(State())

    func report(_ fraction: Double, _ message: String) {
        state.withLockedValue { $0.fraction = min(max(fraction, 0), 1); $0.message = message }
    }
    var progress: (fraction: Double, message: String) { state.withLockedValue { ($0.fraction, $0.message) } }
    func requestStop(_ reason: Stop) { state.withLockedValue { if $0.stop == nil { $0.stop = reason } } }
    var stop: Stop? { state.withLockedValue { $0.stop } }
    var shouldStop: Bool { stop != nil }
}

/// The bounded worker pool started with the app: `settings.workers` loops, each claiming one job at a time.
final class JobWorkers: LifecycleHandler, Sendable {
    let settings: JobSettings
    private struct State {
        var loops: [Task<Void, Never>] = []
        var wakes = 0
        var running: [UUID: JobControl] = [:]
    }
    private let state = NIOLockedValueBox(State())
    /// This process's prefix for worker ids (pid and a random part: a restarted process never reuses one).
    private let process = "pid\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    init(settings: JobSettings) { self.settings = settings }

    func didBoot(_ app: Application) throws {
        guard settings.startWorkers else { return }
        let loops = (0..<settings.workers).map { index in
            Task.detached { [self] in await self.loop(index: index, app: app) }
        }
        state.withLockedValue { $0.loops = loops }
    }

    func shutdown(_ app: Application) {
        let loops = state.withLockedValue { s in
            for c in s.running.values { c.requestStop(.shutdown) }
            return s.loops
        }
        for l in loops { l.cancel() }
    }

    func shutdownAsync(_ app: Application) async {
        shutdown(app)
        for l in state.withLockedValue({ $0.loops }) { await l.value }
    }

    /// Wakes idle workers (a job was queued).
    func wake() { state.withLockedValue { $0.wakes &+= 1 } }

    /// Asks the job, if it runs in this process, to stop now (its cancel was requested).
    func stopIfRunning(_ id: UUID) { state.withLockedValue { $0.running[id] }?.requestStop(.cancel) }

    private func loop(index: Int, app: Application) async {
        let worker = "\(process):w\(index)"
        var lastRecovery = Date.distantPast
        while !Task.isCancelled {
            do {
                if index == 0, Date().timeIntervalSince(lastRecovery) >= settings.leaseSeconds / 3 {
                    lastRecovery = Date()
                    try await JobRunner.recover(app)
                }
                if let job = try await JobQueue.claim(worker: worker, leaseSeconds: settings.leaseSeconds, on: app.db) {
                    await run(job, worker: worker, app: app)
                    continue
                }
            } catch {
                if Task.isCancelled { break }
                app.logger.error("job worker \(worker): \(error)")
            }
            await idle()
        }
    }

    /// Sleeps up to the poll interval, less when a job is queued meanwhile.
    private func idle() async {
        let seen = state.withLockedValue { $0.wakes }
        let steps = max(1, Int(settings.pollSeconds / 0.05))
        for _ in 0..<steps {
            guard (try? await Task.sleep(nanoseconds: 50_000_000)) != nil else { return }
            if state.withLockedValue({ $0.wakes }) != seen { return }
        }
    }

    private func run(_ job: Job, worker: String, app: Application) async {
        guard let id = job.id else { return }
        let control = JobControl()
        state.withLockedValue { $0.running[id] = control }
        defer { state.withLockedValue { $0.running[id] = nil } }
        let settings = settings
        let heartbeat = Task {
            while !Task.isCancelled {
                guard (try? await Task.sleep(nanoseconds: UInt64(settings.heartbeatSeconds * 1e9))) != nil else { return }
                let (fraction, message) = control.progress
                do {
                    let (held, cancel) = try await JobQueue.heartbeat(id, worker: worker, leaseSeconds: settings.leaseSeconds,
                                                                      progress: fraction, message: message, on: app.db)
                    if !held { control.requestStop(.lost) } else if cancel { control.requestStop(.cancel) }
                } catch {
                    app.logger.error("job \(id) heartbeat: \(error)")
                }
            }
        }
        await JobRunner.execute(job, worker: worker, control: control, app: app)
        heartbeat.cancel()
    }
}

extension Application {
    private struct JobWorkersKey: StorageKey { typealias Value = JobWorkers }

    /// The app's worker pool (nil before `configure`).
    var jobWorkers: JobWorkers? {
        get { storage[JobWorkersKey.self] }
        set { storage[JobWorkersKey.self] = newValue }
    }
}
