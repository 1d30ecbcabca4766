import Foundation

/// Shrinks a failing case while it still fails the same way (the same `Failure.signature`):
/// first whole files, then lines of each file (experiment keys, runs, figures, prose), then the
/// comma-separated pieces of each remaining line (the keys of a flow map such as a run), in the
/// manner of delta debugging. Stops when nothing more can go or the time budget is spent.
public struct Minimiser {
    let runner: CaseRunner
    let budgetSeconds: Double

    public init(runner: CaseRunner, budgetSeconds: Double) {
        self.runner = runner
        self.budgetSeconds = budgetSeconds
    }

    public func minimise(_ fuzzCase: FuzzCase, signature: String) -> (minimised: FuzzCase, attempts: Int) {
        let deadline = Date().addingTimeInterval(budgetSeconds)
        let validateOnly = signature.hasPrefix("validate")
        var attempts = 0
        var best = fuzzCase
        func stillFails(_ candidate: FuzzCase) -> Bool {
            guard Date() < deadline else { return false }
            attempts += 1
            let failures = (try? runner.check(candidate, validate: validateOnly, build: !validateOnly)) ?? []
            return failures.contains { $0.signature == signature }
        }

        for path in best.files.keys.sorted() where best.files.count > 1 {
            var candidate = best
            candidate.files[path] = nil
            if stillFails(candidate) { best = candidate }
        }
        for path in best.symlinks.keys.sorted() {
            var candidate = best
            candidate.symlinks[path] = nil
            if stillFails(candidate) { best = candidate }
        }
        for path in best.files.keys.sorted() {
            guard let bytes = best.files[path] else { continue }
            let lines = Self.pieces(of: bytes, separator: [0x0A])
            let keptLines = Self.reduce(lines) { kept in
                var candidate = best
                candidate.files[path] = Array(kept.joined())
                return stillFails(candidate)
            }
            var lineBytes = keptLines
            for index in lineBytes.indices {
                let parts = Self.pieces(of: lineBytes[index], separator: Array(", ".utf8))
                guard parts.count > 1 else { continue }
                let keptParts = Self.reduce(parts) { kept in
                    var candidateLines = lineBytes
                    candidateLines[index] = Array(kept.joined())
                    var candidate = best
                    candidate.files[path] = Array(candidateLines.joined())
                    return stillFails(candidate)
                }
                lineBytes[index] = Array(keptParts.joined())
            }
            best.files[path] = Array(lineBytes.joined())
        }
        return (best, attempts)
    }

    /// `bytes` cut after each `separator`, the separators kept, so joining the pieces gives `bytes`.
    static func pieces(of bytes: [UInt8], separator: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + separator.count <= bytes.count, Array(bytes[index..<(index + separator.count)]) == separator {
                current += separator
                result.append(current)
                current = []
                index += separator.count
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Delta debugging's complement step: removes chunks of `items`, halving the chunk size each
    /// time no chunk can go, while `fails` holds for what is left.
    static func reduce<T>(_ items: [T], fails: ([T]) -> Bool) -> [T] {
        var kept = items
        var chunk = max(1, kept.count / 2)
        while !kept.isEmpty {
            var start = 0
            var removedAny = false
            while start < kept.count {
                let end = min(kept.count, start + chunk)
                let candidate = Array(kept[..<start] + kept[end...])
                if fails(candidate) {
                    kept = candidate
                    removedAny = true
                } else {
                    start = end
                }
            }
            if chunk == 1 && !removedAny { break }
            if !removedAny { chunk = max(1, chunk / 2) }
        }
        return kept
    }
}
