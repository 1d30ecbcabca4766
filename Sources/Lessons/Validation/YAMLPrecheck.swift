internal import CYaml

/// A pass over libyaml's events before Yams composes a tree, for what composing would get
/// wrong: anchors and aliases (an alias bomb expands exponentially, and Yams hashes every
/// expanded key), keys that are lists or mappings, duplicate keys (Yams names only the first),
/// and documents too large to hold. Nothing is built; the pass is linear in the text.
enum YAMLPrecheck {
    /// The most YAML nodes (scalars, lists, mappings) one block or front matter may hold.
    static let maximumNodes = 100_000
    /// The deepest nesting of lists and mappings: a spec needs five levels; libyaml's own
    /// limit (1,000) would otherwise end the parse with a C function's name.
    static let maximumDepth = 64
    /// The longest scalar (text or number), in characters.
    static let maximumScalarLength = 10_000
    /// The longest name (an id, a run label, a title): it becomes a legend entry, a heading
    /// and part of a file name (shortened with a hash). 500 leaves room for the long labels
    /// courses already use.
    static let maximumNameLength = 500
    /// The keys whose values are names.
    static let nameKeys: Set<String> = ["id", "label", "title"]

    /// A problem at a 1-based line and column of the YAML text.
    struct Problem: Equatable {
        var error: LessonsError
        var line: Int
        var column: Int
    }

    /// One open mapping or list, and where the next node sits in it.
    private struct Container {
        var isMapping: Bool
        var expectsKey: Bool
        var keys: [String: Int] = [:]
        /// The key whose value comes next, in a mapping.
        var key: String?
    }

    /// The problems of `yaml`; empty when Yams may compose it. A syntax error stops the pass
    /// and is reported at libyaml's problem mark, in words.
    static func problems(_ yaml: String) -> [Problem] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return [] }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        var problems: [Problem] = []
        bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var stack: [Container] = []
            var nodes = 0
            var reportedAnchor = false, reportedAlias = false
            var documents = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { break }
                let line = Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                func report(_ error: LessonsError) { problems.append(Problem(error: error, line: line, column: column)) }
                if type == YAML_DOCUMENT_START_EVENT {
                    documents += 1
                    if documents > 1 {
                        report(.yamlSecondDocument)
                        break
                    }
                }
                let isNode = type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT || type == YAML_ALIAS_EVENT
                if isNode {
                    nodes += 1
                    if nodes > maximumNodes {
                        report(.tooManyValues(limit: maximumNodes))
                        break
                    }
                    let isKey = stack.last.map { $0.isMapping && $0.expectsKey } ?? false
                    if type == YAML_SCALAR_EVENT, event.data.scalar.length > maximumNameLength {
                        // A UTF-8 length over the limit may still be few enough characters.
                        let key = isKey ? nil : stack.last?.key
                        let limit = key.map { nameKeys.contains($0) } == true ? maximumNameLength : maximumScalarLength
                        let length = event.data.scalar.length > limit ? string(event.data.scalar.value, length: event.data.scalar.length).count : 0
                        if length > limit {
                            report(.scalarTooLong(key: key, length: length, limit: limit))
                            break
                        }
                    }
                    if isKey {
                        stack[stack.count - 1].key = nil
                        if type == YAML_SCALAR_EVENT {
                            let key = string(event.data.scalar.value, length: event.data.scalar.length)
                            stack[stack.count - 1].key = key
                            if let first = stack[stack.count - 1].keys[key] {
                                report(.duplicateKey(key: key, firstLine: first))
                            } else {
                                stack[stack.count - 1].keys[key] = line
                            }
                        } else if type != YAML_ALIAS_EVENT {
                            report(.complexKey(kind: type == YAML_SEQUENCE_START_EVENT ? "a list" : "a mapping"))
                        }
                    }
                    if !stack.isEmpty, stack[stack.count - 1].isMapping { stack[stack.count - 1].expectsKey.toggle() }
                    // The first anchor and the first alias are enough to say what to change.
                    if type == YAML_ALIAS_EVENT, !reportedAlias {
                        report(.aliasNotSupported(name: string(event.data.alias.anchor)))
                        reportedAlias = true
                    }
                    let anchor: UnsafeMutablePointer<yaml_char_t>?
                    switch type {
                    case YAML_SCALAR_EVENT: anchor = event.data.scalar.anchor
                    case YAML_SEQUENCE_START_EVENT: anchor = event.data.sequence_start.anchor
                    case YAML_MAPPING_START_EVENT: anchor = event.data.mapping_start.anchor
                    default: anchor = nil
                    }
                    if let anchor, !reportedAnchor {
                        report(.anchorNotSupported(name: string(anchor)))
                        reportedAnchor = true
                    }
                    if type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT {
                        stack.append(Container(isMapping: type == YAML_MAPPING_START_EVENT, expectsKey: true))
                        if stack.count > maximumDepth {
                            report(.yamlTooDeep(limit: maximumDepth))
                            break
                        }
                    }
                } else if type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT {
                    _ = stack.popLast()
                }
            }
            if parser.error != YAML_NO_ERROR, problems.isEmpty {
                problems.append(syntaxProblem(parser, bytes: buffer))
            }
        }
        return problems
    }

    /// libyaml's error, in words, at its problem mark (a reader error has only a byte offset).
    private static func syntaxProblem(_ parser: yaml_parser_t, bytes: UnsafeMutableBufferPointer<UInt8>) -> Problem {
        let problem = parser.problem.map { String(cString: $0) } ?? "it cannot be read"
        if parser.error == YAML_READER_ERROR {
            let offset = min(max(0, parser.problem_offset), bytes.count)
            var line = 1, column = 1
            for byte in bytes[..<offset] {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            let error: LessonsError = problem.contains("control characters")
                ? .yamlControlCharacter(code: UInt32(truncatingIfNeeded: parser.problem_value))
                : .yamlSyntax(problem: problem)
            return Problem(error: error, line: line, column: column)
        }
        let mark = parser.problem_mark
        let context = parser.context.map { " (" + String(cString: $0) + ")" } ?? ""
        let error: LessonsError = problem.contains("nesting level")
            ? .yamlTooDeep(limit: maximumDepth)
            : .yamlSyntax(problem: problem + context)
        return Problem(error: error, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String {
        guard let pointer else { return "" }
        let count = length ?? strlen(pointer)
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func strlen(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> Int {
        var count = 0
        while pointer[count] != 0 { count += 1 }
        return count
    }
}
