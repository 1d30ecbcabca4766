import Foundation
import LessonFuzzing
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `descent preview` as an author uses it: the built `descent` in a child process, serving on a
/// port the system chooses, with the lesson edited on disk. Every wait has a deadline that fails
/// the test; nothing sleeps.
@Suite(.serialized)
struct PreviewServerTests {
    static let lesson = """
        ---
        title: First
        ---

        Some prose about descent.

        """

    /// A running `descent preview` and what it printed.
    final class RunningPreview: @unchecked Sendable {
        let process = Process()
        let folder: TemporaryFolder
        private let lock = NSLock()
        private var printed = ""
        private var errors = ""
        private let newLine = DispatchSemaphore(value: 0)
        private let exited = DispatchSemaphore(value: 0)

        init(arguments: [String], folder: TemporaryFolder, path: String? = nil) throws {
            self.folder = folder
            if let path {
                var environment = ProcessInfo.processInfo.environment
                environment["PATH"] = path
                process.environment = environment
            }
            let descent = try #require(DescentExecutable.path, Comment(rawValue: DescentExecutable.missing))
            process.executableURL = URL(fileURLWithPath: descent)
            process.arguments = ["preview", "--lessons", "lessons", "--output", "output", "--jobs", "1"] + arguments
            process.currentDirectoryURL = folder.url
            let output = Pipe(), error = Pipe()
            process.standardOutput = output
            process.standardError = error
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                lock.withLock { printed += String(decoding: data, as: UTF8.self) }
                newLine.signal()
            }
            error.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                lock.withLock { errors += String(decoding: data, as: UTF8.self) }
                newLine.signal()
            }
            process.terminationHandler = { [weak self] _ in
                self?.exited.signal()
                self?.newLine.signal()
            }
            try process.run()
        }

        var standardOutput: String { lock.withLock { printed } }
        var standardError: String { lock.withLock { errors } }

        /// Waits until standard output holds `text` (or the process ends, or 120 s pass).
        func waitForOutput(containing text: String) throws -> String {
            try waitFor(text, in: \.standardOutput)
        }

        /// Waits until standard output holds `text` `times` times (or the process ends, or 120 s pass).
        func waitForOutput(containing text: String, times: Int) throws -> String {
            try waitUntil("`\(text)` \(times) times", in: \.standardOutput) { $0.components(separatedBy: text).count > times }
        }

        /// Waits until standard error holds `text` (or the process ends, or 120 s pass).
        func waitForErrors(containing text: String) throws -> String {
            try waitFor(text, in: \.standardError)
        }

        private func waitFor(_ text: String, in stream: KeyPath<RunningPreview, String>) throws -> String {
            try waitUntil("`\(text)`", in: stream) { $0.contains(text) }
        }

        private func waitUntil(_ what: String, in stream: KeyPath<RunningPreview, String>, _ printed: (String) -> Bool) throws -> String {
            let deadline = DispatchTime.now() + 120
            while true {
                let output = self[keyPath: stream]
                if printed(output) { return output }
                guard process.isRunning, newLine.wait(timeout: deadline) == .success else {
                    throw PreviewClient.Failure(description: "\(what) never printed; standard output:\n\(standardOutput)\nstandard error:\n\(standardError)")
                }
            }
        }

        /// The port of the printed URL.
        func port() throws -> Int {
            let output = try waitForOutput(containing: "Ctrl-C stops")
            let url = try #require(output.split(separator: "\n").first { $0.hasPrefix("Serving ") }?.split(separator: " ").last)
            return try #require(Int(url.split(separator: ":").last?.trimmingCharacters(in: CharacterSet(charactersIn: "/")) ?? ""))
        }

        /// Waits at most 60 s for the process to exit; its status, or nil if it did not.
        func waitForExit() -> Int32? {
            guard exited.wait(timeout: .now() + 60) == .success else { return nil }
            exited.signal()
            return process.terminationStatus
        }

        func stop() {
            if process.isRunning { process.interrupt() }
            _ = waitForExit()
            folder.remove()
        }
    }

    /// Saves a lesson as many editors do: a new file renamed over the old one.
    func edit(_ folder: TemporaryFolder, _ text: String, file: String = "01-first.md") throws {
        let url = folder.url.appendingPathComponent("lessons/\(file)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    @Test func anEditReloadsTheServedPageABreakShowsItsErrorsAndARepairReloadsAgain() throws {
        let folder = try TemporaryFolder()
        try edit(folder, Self.lesson)
        let preview = try RunningPreview(arguments: ["--port", "0"], folder: folder)
        defer { preview.stop() }
        let client = PreviewClient(port: try preview.port())

        let first = try client.get("/01-first.html")
        #expect(first.status == 200)
        #expect(first.body.contains("Some prose about descent."))
        #expect(first.body.contains("<script data-descent-preview>"))
        // The script is added while serving only: the output folder is what `descent build` writes.
        let onDisk = try String(contentsOf: folder.url.appendingPathComponent("output/01-first.html"), encoding: .utf8)
        #expect(!onDisk.contains("data-descent-preview"))
        #expect(onDisk.contains("Some prose about descent."))

        let events = try client.events()
        #expect(try events.next().event == "ready")

        try edit(folder, Self.lesson.replacingOccurrences(of: "Some prose", with: "Edited prose"))
        // The reload names the files the build changed: the lesson's page, not the contents page.
        let reload = try events.next(named: "reload")
        #expect(reload.hasPrefix(#"{"changed":["#))
        #expect(reload.contains(#""01-first.html""#))
        #expect(!reload.contains(#""index.html""#))
        #expect(try client.get("/01-first.html").body.contains("Edited prose about descent."))

        try edit(folder, "---\ntitle: First\nbogus: 3\n---\n\nBroken prose.\n")
        let errors = try events.next(named: "errors")
        #expect(errors == #"{"problems":[{"column":1,"file":"lessons/01-first.md","line":3,"message":"error: Unknown key `bogus` in the front matter; allowed keys: title, summary, order, lang.","source":"bogus: 3"}]}"#)
        // The last good page stays served under the overlay; the terminal prints the same problem.
        let served = try client.get("/01-first.html").body
        #expect(served.contains("Edited prose about descent."))
        #expect(!served.contains("Broken prose."))
        #expect(try preview.waitForErrors(containing: "1 error;").contains("lessons/01-first.md:3:1: error: Unknown key `bogus` in the front matter; allowed keys: title, summary, order, lang.\n    3 | bogus: 3\n        ^\n"))

        // A page that opens now gets the errors at once.
        let late = try client.events()
        #expect(try late.next().event == "ready")
        #expect(try late.next().event == "errors")

        try edit(folder, Self.lesson.replacingOccurrences(of: "Some prose", with: "Repaired prose"))
        _ = try events.next(named: "reload")
        _ = try late.next(named: "reload")
        #expect(try client.get("/01-first.html").body.contains("Repaired prose about descent."))
    }

    @Test func aChangedExperimentReloadsBeforeItsFiguresAreDrawnAndServesThemOnceDrawn() throws {
        let lesson = """
            ---
            title: First
            ---

            A valley.

            ```experiment
            id: valley
            model: {kind: surface, function: quadratic, a: 1, b: 4}
            init: {x: 3, y: 1}
            epochs: 8
            runs:
              - {label: GD, lr: 0.1}
            figures:
              - {kind: loss}
              - {kind: contour}
            ```

            """
        let folder = try TemporaryFolder()
        try edit(folder, lesson)
        let preview = try RunningPreview(arguments: ["--port", "0"], folder: folder)
        defer { preview.stop() }
        let client = PreviewClient(port: try preview.port())
        let events = try client.events()
        #expect(try events.next().event == "ready")
        let loss = "figures/01-first/valley-1@2x.png", background = "figures/01-first/valley-2.bg.dark.png"
        let before = try client.getBytes("/" + loss)
        #expect(before.status == 200)

        try edit(folder, lesson.replacingOccurrences(of: "lr: 0.1", with: "lr: 0.2"))
        // The pages reload when the site is computed; the changed figures are named, though
        // they are still being drawn, so that a page can scroll to them.
        let reload = try events.next(named: "reload")
        #expect(reload.contains(#""\#(loss)""#))
        #expect(reload.contains(#""01-first.html""#))
        // A request for a figure being drawn is answered once it is drawn.
        let after = try client.getBytes("/" + loss), dark = try client.getBytes("/" + background)
        #expect(after.status == 200 && dark.status == 200)
        #expect(after.body != before.body)
        // The served figures are the files the build writes.
        _ = try preview.waitForOutput(containing: "Built in", times: 2)
        let output = folder.url.appendingPathComponent("output")
        #expect(try Array(Data(contentsOf: output.appendingPathComponent(loss))) == after.body)
        #expect(try Array(Data(contentsOf: output.appendingPathComponent(background))) == dark.body)
        // Filling in the figures told the pages nothing: the next reload is the next edit's.
        try edit(folder, lesson.replacingOccurrences(of: "lr: 0.1", with: "lr: 0.2").replacingOccurrences(of: "A valley.", with: "A long valley."))
        let next = try events.next(named: "reload")
        #expect(next.contains(#""01-first.html""#))
        #expect(!next.contains("figures/"))
    }

    @Test func openGivesTheURLToXdgOpen() throws {
        let folder = try TemporaryFolder()
        try edit(folder, Self.lesson)
        // A stand-in for xdg-open that writes the URL it is given into a FIFO the test reads.
        let fifo = folder.url.appendingPathComponent("opened").path
        #expect(mkfifo(fifo, 0o600) == 0)
        try folder.write("#!/bin/sh\nprintf '%s\\n' \"$1\" > '\(fifo)'\n", to: "bin/xdg-open")
        #expect(chmod(folder.url.appendingPathComponent("bin/xdg-open").path, 0o755) == 0)
        let opened = LockedText()
        let read = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            // Opening a FIFO for reading waits for its writer; the read ends when it closes.
            let data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            opened.set(String(decoding: data, as: UTF8.self))
            read.signal()
        }
        let preview = try RunningPreview(arguments: ["--port", "0", "--open"], folder: folder,
                                         path: folder.url.appendingPathComponent("bin").path + ":/usr/bin:/bin")
        defer { preview.stop() }
        let port = try preview.port()
        #expect(read.wait(timeout: .now() + 120) == .success)
        #expect(opened.get() == "http://127.0.0.1:\(port)/\n")
    }

    @Test(arguments: [[], ["--poll"]])
    func renamingDeletingAndHalfWritingALessonRebuildsWithoutACrash(_ watching: [String]) throws {
        let folder = try TemporaryFolder()
        try edit(folder, Self.lesson)
        try edit(folder, Self.lesson.replacingOccurrences(of: "First", with: "Second"), file: "02-second.md")
        let preview = try RunningPreview(arguments: ["--port", "0"] + watching, folder: folder)
        defer { preview.stop() }
        #expect(try preview.waitForOutput(containing: "Watching lessons/").contains(watching.isEmpty ? "(inotify)" : "(polling)"))
        let client = PreviewClient(port: try preview.port())
        let events = try client.events()
        #expect(try events.next().event == "ready")
        #expect(try client.get("/02-second.html").status == 200)

        let lessons = folder.url.appendingPathComponent("lessons")
        try FileManager.default.moveItem(at: lessons.appendingPathComponent("02-second.md"), to: lessons.appendingPathComponent("03-third.md"))
        _ = try events.next(named: "reload")
        #expect(try client.get("/02-second.html").status == 404)
        #expect(try client.get("/03-third.html").body.contains("Second"))

        try FileManager.default.removeItem(at: lessons.appendingPathComponent("03-third.md"))
        _ = try events.next(named: "reload")
        #expect(try client.get("/03-third.html").status == 404)

        try edit(folder, "---\ntitle: Fir")
        let errors = try events.next(named: "errors")
        #expect(errors.contains(#""file":"lessons/01-first.md""#))
        try edit(folder, Self.lesson.replacingOccurrences(of: "Some prose", with: "Whole prose"))
        _ = try events.next(named: "reload")
        #expect(try client.get("/01-first.html").body.contains("Whole prose about descent."))
        #expect(preview.process.isRunning)
    }

    @Test func onlyFilesInsideTheOutputFolderAreServed() throws {
        let folder = try TemporaryFolder()
        try edit(folder, Self.lesson)
        try folder.write("secret", to: "secret.txt")
        let preview = try RunningPreview(arguments: ["--port", "0"], folder: folder)
        defer { preview.stop() }
        let client = PreviewClient(port: try preview.port())
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("output/leak.txt").path, withDestinationPath: "../secret.txt")

        #expect(try client.get("/index.html").status == 200)
        #expect(try client.get("/").status == 200)
        #expect(try client.get("/../Package.swift").status == 404)
        #expect(try client.get("/../secret.txt").status == 404)
        #expect(try client.get("/%2e%2e/secret.txt").status == 404)
        #expect(try client.get("/assets/../../secret.txt").status == 404)
        #expect(try client.get("/leak.txt").status == 404)
        #expect(try client.get("/no-such-page.html").status == 404)
    }

    @Test func ctrlCStopsTheServerWithStatusZeroAndFreesThePort() throws {
        let folder = try TemporaryFolder()
        try edit(folder, Self.lesson)
        let preview = try RunningPreview(arguments: ["--port", "0"], folder: folder)
        defer { preview.stop() }
        let client = PreviewClient(port: try preview.port())
        let events = try client.events()
        #expect(try events.next().event == "ready")

        preview.process.interrupt()
        #expect(preview.waitForExit() == 0)
        #expect(preview.standardOutput.hasSuffix("Stopped.\n"))
        #expect(!client.isListening)
    }

    @Test func aPortInUseIsAClearError() throws {
        let folder = try TemporaryFolder()
        try edit(folder, Self.lesson)
        // Something else listens on a port the system chose.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let preview = try RunningPreview(arguments: ["--port", String(port)], folder: folder)
        defer { preview.stop() }
        #expect(preview.waitForExit() == 1)
        #expect(preview.standardError == "Port \(port) on 127.0.0.1 is in use by another program; give another with --port, or leave --port out to take the first free port from 8000.\n")
    }
}

/// A string shared with another thread.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ value: String) { lock.withLock { text = value } }
    func get() -> String { lock.withLock { text } }
}
