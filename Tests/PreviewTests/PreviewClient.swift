import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A raw HTTP/1.1 client over a loopback socket, so that a request line is sent exactly as
/// written (URL clients normalise `/../`). Every read waits at most `timeout` seconds, after
/// which it throws: a deadline that fails the test, never a sleep.
struct PreviewClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    var timeout: Int = 120

    /// A connected socket, with a receive timeout.
    func connect() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw Failure(description: "connect to port \(port) failed: errno \(code)")
        }
        return descriptor
    }

    /// Whether something listens on the port.
    var isListening: Bool {
        guard let descriptor = try? connect() else { return false }
        close(descriptor)
        return true
    }

    /// A GET with `path` as the request line has it: the status and the body.
    func get(_ path: String) throws -> (status: Int, body: String) {
        let (status, body) = try getBytes(path)
        return (status, String(decoding: body, as: UTF8.self))
    }

    /// A GET with `path` as the request line has it: the status and the body's bytes.
    func getBytes(_ path: String) throws -> (status: Int, body: [UInt8]) {
        let connection = try Connection(descriptor: connect())
        try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let (status, headers) = try connection.readHead()
        let body: [UInt8]
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            body = try connection.read(count: length)
        } else if headers["transfer-encoding"] == "chunked" {
            var all: [UInt8] = []
            while let chunk = try connection.readChunk() { all += chunk }
            body = all
        } else {
            body = try connection.readToEnd()
        }
        return (status, body)
    }

    /// Subscribes to the event stream.
    func events() throws -> EventStream {
        let connection = try Connection(descriptor: connect())
        try connection.send("GET /__descent/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let (status, headers) = try connection.readHead()
        guard status == 200, headers["content-type"]?.hasPrefix("text/event-stream") == true else {
            throw Failure(description: "the event stream answered \(status) \(headers)")
        }
        return EventStream(connection: connection, chunked: headers["transfer-encoding"] == "chunked")
    }

    /// A stream of Server-Sent Events.
    final class EventStream {
        let connection: Connection
        let chunked: Bool
        private var text = ""

        init(connection: Connection, chunked: Bool) {
            self.connection = connection
            self.chunked = chunked
        }

        /// The next event: its name and data.
        func next() throws -> (event: String, data: String) {
            while true {
                if let end = text.range(of: "\n\n") {
                    let block = text[..<end.lowerBound]
                    text = String(text[end.upperBound...])
                    var event = "message", data: [String] = []
                    for line in block.split(separator: "\n") {
                        if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                        if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                    }
                    return (event, data.joined(separator: "\n"))
                }
                let bytes = try chunked ? connection.readChunk() : connection.readSome()
                guard let bytes else { throw Failure(description: "the event stream ended") }
                text += String(decoding: bytes, as: UTF8.self)
            }
        }

        /// The next event named `name`, skipping others (a build of the preview's own start may
        /// still be reported); an error after 120 s, as the stream's comments would otherwise
        /// keep a missed event waiting for ever.
        func next(named name: String) throws -> String {
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                let (event, data) = try next()
                if event == name { return data }
            }
            throw Failure(description: "no `\(name)` event within 120 s")
        }

        deinit { close(connection.descriptor) }
    }

    final class Connection {
        let descriptor: Int32
        private var buffer: [UInt8] = []

        init(descriptor: Int32) {
            self.descriptor = descriptor
        }

        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent == bytes.count else { throw Failure(description: "send failed: errno \(errno)") }
        }

        /// More bytes into the buffer; false at the end of the stream.
        private func fill() throws -> Bool {
            var chunk = [UInt8](repeating: 0, count: 16384)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                throw Failure(description: errno == EAGAIN || errno == EWOULDBLOCK ? "nothing arrived before the deadline" : "recv failed: errno \(errno)")
            }
            buffer += chunk[..<count]
            return count > 0
        }

        func readLine() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[..<end]
                    buffer.removeFirst(end + 1)
                    return String(decoding: line, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                }
                guard try fill() else { throw Failure(description: "the connection closed inside a line") }
            }
        }

        func read(count: Int) throws -> [UInt8] {
            while buffer.count < count {
                guard try fill() else { throw Failure(description: "the connection closed after \(buffer.count) of \(count) bytes") }
            }
            defer { buffer.removeFirst(count) }
            return Array(buffer[..<count])
        }

        func readSome() throws -> [UInt8]? {
            if buffer.isEmpty { guard try fill() else { return nil } }
            defer { buffer = [] }
            return buffer
        }

        func readToEnd() throws -> [UInt8] {
            while try fill() {}
            defer { buffer = [] }
            return buffer
        }

        /// One chunk of a chunked body; nil after the last.
        func readChunk() throws -> [UInt8]? {
            let sizeLine = try readLine()
            guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                throw Failure(description: "not a chunk size: \(sizeLine)")
            }
            if size == 0 { return nil }
            let chunk = try read(count: size)
            _ = try readLine()
            return chunk
        }

        /// The status code and the headers (names in lower case).
        func readHead() throws -> (Int, [String: String]) {
            let statusLine = try readLine()
            let parts = statusLine.split(separator: " ")
            guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "not a status line: \(statusLine)") }
            var headers: [String: String] = [:]
            while true {
                let line = try readLine()
                if line.isEmpty { return (status, headers) }
                if let colon = line.firstIndex(of: ":") {
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
    }
}
