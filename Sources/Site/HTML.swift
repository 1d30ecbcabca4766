/// Escaping for text placed in HTML.
public enum HTML {
    /// Escapes `text` for an element's content or a double-quoted attribute value.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension HTML {
    /// A path of the site as a relative URL: each byte of its UTF-8 other than letters, digits,
    /// `-._~`, `/` and `@` percent-encoded, so that a lesson named `a #1?.md` or `η.md` links to its
    /// file from `file://` too (`#` and `?` would start a fragment or query, `:` a scheme).
    public static func url(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "@"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// A path for an `href` or `src` attribute: URL-encoded, then HTML-escaped.
    static func attribute(path: String) -> String {
        escape(url(path))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
