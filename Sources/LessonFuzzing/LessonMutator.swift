/// Byte-level mutations of real lessons (the course's own `lessons/*.md`): each case keeps one
/// lesson's front matter and one of its experiments, so it builds in a fraction of a second, then
/// flips, cuts, repeats and inserts bytes, swaps numbers for extreme ones, and sometimes rewrites
/// the line endings as CRLF, adds a byte-order mark or truncates the file.
public struct LessonMutator {
    var random: FuzzRandom
    let corpus: [(name: String, bytes: [UInt8])]

    public init(seed: UInt64, corpus: [(name: String, bytes: [UInt8])]) {
        random = FuzzRandom(seed: seed)
        self.corpus = corpus
    }

    static let tokens: [String] = [
        ".nan", ".inf", "-.inf", "1e308", "-1e308", "5e-324", "0", "-0", "99999999999999999999", "{", "}", "[", "]",
        ":", ": ", "- ", "&a ", "*a", "!!str ", "!!binary ", "? ", "|", ">", "#", "\n", "\n---\n", "```", "```experiment\n",
        "$", "$$", "\\$", "@fig-", "@exp-", "\r\n", "\r", "\u{FEFF}", "\u{0}", "\t", "梯度", "😀", "%", "\"", "'", "\\",
        "{{", "}}", "<script>", "](", "[^1]", "epochs: 1000000", "resolution: 400", "y: log", "lr: 1e20",
    ]

    public mutating func mutatedCase() -> FuzzCase {
        let source = random.pick(corpus)
        var bytes = excerpt(of: source.bytes)
        for _ in 0..<random.int(1...4) {
            mutate(&bytes)
        }
        if random.chance(0.1) { bytes = crlf(bytes) }
        if random.chance(0.05) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        if random.chance(0.05), !bytes.isEmpty { bytes = Array(bytes.prefix(random.int(0...bytes.count))) }
        var files = [source.name: bytes]
        if random.chance(0.05) {
            var generator = LessonGenerator(seed: random.next())
            files["_templates/page.mustache"] = Array(generator.template().utf8)
        }
        return FuzzCase(files: files, origin: "mutated \(source.name)")
    }

    /// The front matter, the prose up to the first experiment, and one experiment picked at random.
    mutating func excerpt(of bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let blocks = text.components(separatedBy: "```experiment")
        guard blocks.count > 1 else { return bytes }
        let chosen = blocks[random.int(1...(blocks.count - 1))]
        let experiment = chosen.components(separatedBy: "```").first ?? chosen
        return Array((blocks[0] + "```experiment" + experiment + "```\n\nSee @fig-x.\n").utf8)
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { bytes = Array(random.pick(Self.tokens).utf8); return }
        let position = random.int(0...(bytes.count - 1))
        switch random.int(0...6) {
        case 0:
            bytes[position] ^= UInt8(1 << random.int(0...7))
        case 1:
            let end = min(bytes.count, position + random.int(1...40))
            bytes.removeSubrange(position..<end)
        case 2:
            let end = min(bytes.count, position + random.int(1...80))
            let copy = Array(bytes[position..<end])
            for _ in 0..<random.int(1...(random.chance(0.1) ? 200 : 3)) { bytes.insert(contentsOf: copy, at: position) }
        case 3:
            bytes.insert(contentsOf: Array(random.pick(Self.tokens).utf8), at: position)
        case 4:
            bytes[position] = random.pick([0xFF, 0xC3, 0x80, 0x00, 0x0D, 0x09, 0x22, 0x27])
        default:
            replaceNumber(in: &bytes, near: position)
        }
    }

    /// Replaces the number nearest after `position` with an extreme one.
    mutating func replaceNumber(in bytes: inout [UInt8], near position: Int) {
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard let start = bytes[position...].firstIndex(where: isDigit) else { return }
        var end = start
        while end < bytes.count, isDigit(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x65 || bytes[end] == 0x2D { end += 1 }
        bytes.replaceSubrange(start..<end, with: Array(random.pick(LessonGenerator.extremeNumbers).utf8))
    }

    func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 20)
        for byte in bytes {
            if byte == 0x0A { result.append(0x0D) }
            result.append(byte)
        }
        return result
    }
}
