/// The names Descent gives the files it writes: readable, unique within their folder, and
/// valid on every file system by construction (letters and digits of any script, hyphens,
/// dots only between digits, at most `maximumBytes` bytes of UTF-8).
enum FileNames {
    /// The longest name part Descent makes, in UTF-8 bytes; with an extension such as `@2x.png`
    /// it stays far below the 255 bytes every common file system allows.
    static let maximumBytes = 96

    /// The longest lesson page name, in UTF-8 bytes: with `.html` it stays below the 255 bytes
    /// a file name may have.
    static let maximumLessonBytes = 200

    /// A lesson's page name: its file name without `.md`, as the author chose it, unless that is
    /// too long to be a file name with `.html`; then it is cut and ends with a hash of the name.
    static func lessonSlug(fileName: String) -> String {
        fileName.utf8.count > maximumLessonBytes
            ? shortened(fileName, suffix: "-" + shortHash(fileName), limit: maximumLessonBytes) : fileName
    }

    /// Lesson file names that would give a page over a file or folder of the site itself.
    static let reservedLessonNames: Set<String> = ["index", "assets", "figures", "data", "search"]

    /// Whether a lesson's slug (its file name without `.md`) is reserved, ignoring case for
    /// the file systems that do.
    static func isReserved(lessonSlug: String) -> Bool {
        reservedLessonNames.contains(lessonSlug.lowercased())
    }

    /// A file name per run label, in order: the label's letters and digits joined by hyphens
    /// (`η = 0.02` → `η-0.02`). Labels whose names would be the same (`a!`, `a?`) each get a
    /// short hash of the label, so no two runs share a file and every name depends only on its
    /// label and the other labels, never on the order of the runs.
    static func runFileNames(_ labels: [String]) -> [String] {
        let bases = labels.map { slug($0, fallback: "run") }
        var counts: [String: Int] = [:]
        for base in bases { counts[base, default: 0] += 1 }
        var used = Set(bases.filter { counts[$0] == 1 })
        return zip(labels, bases).map { label, base in
            guard counts[base, default: 0] > 1 else { return base }
            var name = shortened(base, suffix: "-" + shortHash(label))
            var extra = 2
            // Two identical labels share a hash; number the later ones.
            while used.contains(name) {
                name = shortened(base, suffix: "-" + shortHash(label) + "-\(extra)")
                extra += 1
            }
            used.insert(name)
            return name
        }
    }

    /// A name part made from text such as an id or a label, shortened with a hash when long.
    static func component(_ text: String, fallback: String = "item") -> String {
        slug(text, fallback: fallback)
    }

    /// Lower-case letters and digits of any script, hyphens for runs of anything else, a dot
    /// kept between two digits; longer than `maximumBytes`, cut and ended with a hash of `text`.
    static func slug(_ text: String, fallback: String) -> String {
        let scalars = Array(text.lowercased().unicodeScalars)
        var slug = String.UnicodeScalarView()
        var pendingHyphen = false
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isAlphabetic || isDigit(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(scalar)
            } else if scalar == ".", let previous = slug.last, isDigit(previous), !pendingHyphen,
                      index + 1 < scalars.count, isDigit(scalars[index + 1]) {
                slug.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        let name = slug.isEmpty ? fallback : String(slug)
        return name.utf8.count > maximumBytes ? shortened(name, suffix: "-" + shortHash(text)) : name
    }

    /// `name` cut at a character boundary so that it and `suffix` fit in `limit` bytes.
    static func shortened(_ name: String, suffix: String, limit: Int = maximumBytes) -> String {
        var kept = ""
        var bytes = 0
        for character in name {
            let size = character.utf8.count
            if bytes + size + suffix.utf8.count > limit { break }
            kept.append(character)
            bytes += size
        }
        while kept.hasSuffix("-") { kept.removeLast() }
        return kept + suffix
    }

    /// Eight hex digits of the SHA-256 of `text`: the same on every machine.
    static func shortHash(_ text: String) -> String {
        String(CacheKey.sha256(Array(text.utf8)).prefix(8))
    }
}
