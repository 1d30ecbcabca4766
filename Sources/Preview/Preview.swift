import Build
import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import Lessons

/// What `descent preview` was asked for.
public struct PreviewOptions: Sendable {
    public var lessons: URL
    public var output: URL
    public var jobs: Int
    /// The port; nil takes the first free one from 8000 up, 0 one the system chooses.
    public var port: Int?
    /// The address to listen on; loopback unless `--host` says otherwise.
    public var host: String
    /// Open the page in the browser once the server listens.
    public var open: Bool
    /// Compare modification times every 500 ms instead of asking inotify.
    public var polling: Bool

    public init(lessons: URL, output: URL, jobs: Int, port: Int?, host: String = "127.0.0.1", open: Bool = false, polling: Bool = false) {
        self.lessons = lessons
        self.output = output
        self.jobs = jobs
        self.port = port
        self.host = host
        self.open = open
        self.polling = polling
    }
}

/// Why the preview could not start, as a sentence.
public struct PreviewError: Error, CustomStringConvertible {
    public var description: String
}

/// `descent preview`: build the course, serve its output folder over HTTP with a reload script
/// in every page, and rebuild after each burst of changes in the lessons folder, telling the
/// pages to reload (or showing the build's errors over the last good page).
public enum Preview {
    /// The ports tried, in order, when `--port` is not given.
    static let defaultPorts = 8000...8099

    /// Runs until SIGINT or SIGTERM, then exits with status 0.
    public static func run(_ options: PreviewOptions) throws -> Never {
        var options = options
        if options.host.lowercased() == "localhost" { options.host = "127.0.0.1" }
        _ = try listeningAddress(host: options.host, port: 0)
        let address = try listeningAddress(host: options.host, port: try choosePort(options))
        let session = PreviewSession(options: options)
        session.buildNow()

        let server = HTTPServer(address: address, timeout: 60, logger: .disabled)
        let events = session.events, root = options.output
        let started = DispatchSemaphore(value: 0)
        let failure = LockedValue<Error?>(nil)
        Task {
            await server.appendRoute(HTTPRoute("GET \(ReloadScript.eventsPath)")) { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: "text/event-stream", HTTPHeader("Cache-Control"): "no-store"],
                             body: HTTPBodySequence(from: EventStreamBody(events: events.subscribe())))
            }
            await server.appendRoute("GET,HEAD *") { request in
                Self.respond(to: request, root: root, lastGood: await session.site(serving: request.path))
            }
            do {
                try await server.run()
            } catch {
                failure.set(error)
                started.signal()
            }
        }
        Task {
            try? await server.waitUntilListening(timeout: 30)
            started.signal()
        }
        started.wait()
        if let error = failure.get() {
            throw PreviewError(description: "Cannot listen on \(options.host) port \(options.port.map(String.init) ?? "8000 and up"): \(error).")
        }
        let port = LockedValue<Int>(0)
        let waited = DispatchSemaphore(value: 0)
        Task {
            if case let .ip4(_, listening)? = await server.listeningAddress { port.set(Int(listening)) }
            if case let .ip6(_, listening)? = await server.listeningAddress { port.set(Int(listening)) }
            waited.signal()
        }
        waited.wait()
        let hostInURL = options.host.contains(":") ? "[\(options.host)]" : options.host
        let url = "http://\(hostInURL):\(port.get())/"
        let mode = FolderWatcher(folder: options.lessons, onChange: { session.changed() }).start(forcePolling: options.polling)
        say("Serving \(session.displayOutput)/ at \(url)")
        say("Watching \(session.displayLessons)/ (\(mode.rawValue)); Ctrl-C stops.")
        if options.open { openInBrowser(url) }

        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                events.finishAll()
                // The sockets close with the process; waiting for the server is a courtesy.
                DispatchQueue.global().asyncAfter(deadline: .now() + 2) { stop() }
                Task {
                    await server.stop(timeout: 1)
                    stop()
                }
            }
            source.resume()
            signalSources.append(source)
        }
        dispatchMain()
    }

    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    private static func stop() -> Never {
        say("Stopped.")
        exit(0)
    }

    /// The response to a GET or HEAD: a file of the last good build, held in memory, or else
    /// of the output folder (files the course's builds did not make; one an earlier build made
    /// and the last one did not is gone); a page gets the reload script; anything else is a 404.
    static func respond(to request: HTTPRequest, root: URL, lastGood: (files: [String: [UInt8]], made: Set<String>)?) -> HTTPResponse {
        let found: (name: String, data: Data)?
        if let lastGood, let file = ServedFile.resolve(request.path, in: lastGood.files) {
            found = (file.path, Data(file.contents))
        } else if let lastGood, ServedFile.resolve(request.path, where: lastGood.made.contains) != nil {
            found = nil
        } else if let file = ServedFile.resolve(request.path, in: root), let data = FileManager.default.contents(atPath: file.path) {
            found = (file.lastPathComponent, data)
        } else {
            found = nil
        }
        guard let (name, contents) = found else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Not found.\n".utf8))
        }
        let type = ServedFile.contentType(of: name)
        let data = type.hasPrefix("text/html") ? ReloadScript.inject(into: contents) : contents
        var headers: HTTPHeaders = [.contentType: type, HTTPHeader("Cache-Control"): "no-store"]
        if request.method == .HEAD {
            headers[.contentLength] = String(data.count)
            return HTTPResponse(statusCode: .ok, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: data)
    }

    /// `--port`, checked free, or the first free port from 8000 up.
    static func choosePort(_ options: PreviewOptions) throws -> Int {
        if let port = options.port {
            guard (0...65535).contains(port) else {
                throw PreviewError(description: "--port \(port) is not a port; give one from 1 to 65535, 0 for any free port, or leave --port out to take the first free port from 8000.")
            }
            if port != 0, let reason = unavailable(host: options.host, port: port) {
                throw PreviewError(description: "Port \(port) on \(options.host) \(reason); give another with --port, or leave --port out to take the first free port from 8000.")
            }
            return port
        }
        guard let port = defaultPorts.first(where: { unavailable(host: options.host, port: $0) == nil }) else {
            throw PreviewError(description: "Ports \(defaultPorts.lowerBound)–\(defaultPorts.upperBound) on \(options.host) are all in use; give a free one with --port.")
        }
        return port
    }

    /// Why a port cannot be listened on (bound as the server binds it), or nil when it can.
    static func unavailable(host: String, port: Int) -> String? {
        do {
            let socket = try Socket(domain: host.contains(":") ? AF_INET6 : AF_INET)
            defer { try? socket.close() }
            try socket.setValue(true, for: .localAddressReuse)
            if host.contains(":") {
                try socket.bind(to: sockaddr_in6.inet6(ip6: host, port: UInt16(port)))
            } else {
                try socket.bind(to: sockaddr_in.inet(ip4: host, port: UInt16(port)))
            }
            try socket.listen()
            return nil
        } catch let error as SocketError {
            if case let .failed(_, errno, _) = error, errno == EADDRINUSE { return "is in use by another program" }
            if case let .failed(_, errno, _) = error, errno == EACCES { return "needs privileges this user does not have" }
            return "cannot be listened on (\(error))"
        } catch {
            return "cannot be listened on (\(error))"
        }
    }

    /// The socket address for `host` (an IPv4 or IPv6 address, or `localhost`).
    static func listeningAddress(host: String, port: Int) throws -> any SocketAddress {
        do {
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: UInt16(port)) }
            return try sockaddr_in.inet(ip4: host, port: UInt16(port))
        } catch {
            throw PreviewError(description: "--host \(host) is not an IP address; give one such as 127.0.0.1 (this machine only, the default), ::1, or 0.0.0.0 (every network the machine is on).")
        }
    }

    static func openInBrowser(_ url: String) {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let opener = folders.map({ "\($0)/xdg-open" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            say("No xdg-open on this machine to open a browser with; open \(url) yourself.")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { say("Could not open a browser (\(error)); open \(url) yourself.") }
    }
}

/// A line on standard output, written at once (a pipe would buffer print's).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func sayError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
