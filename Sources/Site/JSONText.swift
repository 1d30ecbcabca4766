/// Text written as JSON: the results files, the manifest and the scripts pages load.
public enum JSONText {
    /// A JSON string literal, which is also a JavaScript one that is safe inside a `<script>`
    /// element: `<` is escaped so no text can close the element, and U+2028 and U+2029, which
    /// end a line in older JavaScript, are escaped too.
    public static func string(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "<": literal += "\\u003c"
            case "\u{2028}": literal += "\\u2028"
            case "\u{2029}": literal += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
