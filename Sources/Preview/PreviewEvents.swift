import FlyingFox
import FlyingSocks
import Foundation

/// The open event streams of the pages being previewed, and the events sent to them: `ready`
/// when a page subscribes, `reload` after each good build, `errors` after each failed one.
/// A page that subscribes while the last build failed gets its `errors` at once.
/// A lock, not an actor: events are sent from the build thread in build order, synchronously.
final class PreviewEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var lastErrors: [UInt8]?

    init() {
        // A comment line every 15 s: a page that went away is noticed when its write fails.
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 15)
                lock.withLock { for continuation in subscribers.values { continuation.yield(Array(": keep-alive\n\n".utf8)) } }
            }
        }
        thread.name = "descent preview: keep-alive"
        thread.start()
    }

    /// One page's stream of Server-Sent Events, as bytes.
    func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.withLock {
            subscribers[id] = continuation
            continuation.yield(Self.encode(event: "ready", data: "{}"))
            if let lastErrors { continuation.yield(lastErrors) }
        }
        return stream
    }

    /// How many pages are listening.
    var count: Int { lock.withLock { subscribers.count } }

    /// Tells every page to reload, with the files of the site the build changed (paths in the
    /// output folder, at most 500), so that a page can find the figure an edit redrew.
    func sendReload(seconds: Double, changed: [String]) {
        let reload = Reload(changed: Array(changed.sorted().prefix(500)), seconds: (seconds * 1000).rounded() / 1000)
        send(Self.encode(event: "reload", data: Self.json(reload)), errors: false)
    }

    struct Reload: Encodable {
        var changed: [String]
        var seconds: Double
    }

    /// Tells every page (and every page that subscribes until the next good build) the problems.
    func sendErrors(_ problems: [PreviewProblem]) {
        send(Self.encode(event: "errors", data: Self.json(ProblemList(problems: problems))), errors: true)
    }

    /// Ends every stream (on Ctrl-C, so that the connections close).
    func finishAll() {
        let all = lock.withLock { () -> [AsyncStream<[UInt8]>.Continuation] in
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        all.forEach { $0.finish() }
    }

    private func send(_ bytes: [UInt8], errors: Bool) {
        lock.withLock {
            lastErrors = errors ? bytes : nil
            for continuation in subscribers.values { continuation.yield(bytes) }
        }
    }

    private func remove(_ id: UUID) {
        _ = lock.withLock { subscribers.removeValue(forKey: id) }
    }

    /// One line of JSON with sorted keys.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// One event in the text/event-stream format; `data` is one line of JSON.
    static func encode(event: String, data: String) -> [UInt8] {
        Array("event: \(event)\ndata: \(data)\n\n".utf8)
    }

    struct ProblemList: Encodable {
        var problems: [PreviewProblem]
    }
}

/// A stream of events as the bytes of a streamed (chunked) response body.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let events: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(events: events.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = event[...]
            }
            let taken = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(taken.count)
            return Array(taken)
        }
    }
}
