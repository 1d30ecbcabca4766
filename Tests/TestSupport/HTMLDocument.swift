import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed page for tests. Descent writes well-formed (polyglot) HTML, so an XML parser
/// reads it; a page that is not well-formed fails to parse, which is itself worth a test.
public final class HTMLElement: @unchecked Sendable {
    public let name: String
    public let attributes: [String: String]
    public fileprivate(set) var children: [HTMLElement] = []
    public fileprivate(set) var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All text inside the element, in order.
    public var text: String {
        ownText + children.map(\.text).joined()
    }

    /// Every descendant element (depth first) named `name`.
    public func all(_ name: String) -> [HTMLElement] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    public func first(_ name: String) -> HTMLElement? {
        all(name).first
    }

    /// Every descendant element with the class `className`.
    /// Every descendant element, depth first.
    public var allElements: [HTMLElement] {
        children.flatMap { [$0] + $0.allElements }
    }

    public func all(class className: String) -> [HTMLElement] {
        children.flatMap { child -> [HTMLElement] in
            let classes = child.attributes["class"]?.split(separator: " ").map(String.init) ?? []
            return (classes.contains(className) ? [child] : []) + child.all(class: className)
        }
    }
}

public enum HTMLDocument {
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses a page into its root element.
    public static func parse(_ html: String) throws -> HTMLElement {
        // The doctype is HTML's, not XML's; drop it before handing the page to the XML parser.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed: \(parser.parserError.map { "\($0)" } ?? "no root element") at line \(parser.lineNumber)")
        }
        return root
    }

    public static func parse(contentsOf url: URL) throws -> HTMLElement {
        try parse(String(contentsOf: url, encoding: .utf8))
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: HTMLElement?
        var stack: [HTMLElement] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = HTMLElement(name: name, attributes: attributes)
            if let parent = stack.last {
                parent.children.append(element)
            } else {
                root = element
            }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Text after a child is kept as a text child so that `text` keeps document order.
            guard let current = stack.last else { return }
            if current.children.isEmpty {
                current.ownText += string
            } else {
                let text = HTMLElement(name: "#text", attributes: [:])
                text.ownText = string
                current.children.append(text)
            }
        }
    }
}
