import Yams

extension ExperimentParser {
    /// The keys that set how any image figure is drawn.
    static let drawingOptionKeys = ["size", "title", "x_label", "y_label"]

    /// The drawing options a figure kind accepts: none for a table; a size and a title for
    /// the `batch-sizes` grid, whose four panels label their own axes; all of them otherwise.
    static func drawingOptions(_ kind: String) -> [String] {
        switch kind {
        case "table", "hessian": return []
        case "batch-sizes": return ["size", "title"]
        default: return drawingOptionKeys
        }
    }

    /// The figure's size, title and axis labels; a drawing option the kind does not accept is
    /// reported naming the kinds that do.
    mutating func parseDrawingOptions(_ fields: Fields, kind: String) -> FigureSpec.Options {
        var options = FigureSpec.Options()
        let accepted = Self.drawingOptions(kind)
        for key in Self.drawingOptionKeys where !accepted.contains(key) {
            guard let keyNode = fields.keys[key] else { continue }
            let reason = accepted.isEmpty ? "which is a table, not an image" : "whose four panels label their own axes"
            let kinds = Self.figureKinds.filter { Self.drawingOptions($0).contains(key) }
            reader.report(.figureOptionNotApplicable(key: key, kind: kind, reason: reason, appliesTo: kinds), at: keyNode)
        }
        if accepted.contains("size"), let node = fields["size"] {
            options.size = parseSize(node, panelGrid: kind == "batch-sizes")
        }
        func text(_ key: String) -> String? {
            guard accepted.contains(key), let node = fields[key], let value = reader.string(node, key: key) else { return nil }
            guard !value.allSatisfy(\.isWhitespace) else {
                reader.report(.invalidValue(key: key, value: "empty", allowed: "a text to draw, such as \(key == "title" ? "“Adam against SGD”" : "“Epoch”")"), at: node)
                return nil
            }
            return value
        }
        options.title = text("title")
        options.xLabel = text("x_label")
        options.yLabel = text("y_label")
        return options
    }

    /// `wide`, `square`, `small`, or `[width, height]` in CSS pixels within the bounds.
    private mutating func parseSize(_ node: Node, panelGrid: Bool) -> FigureSpec.Size? {
        let bounds = FigureSpec.Size.bounds(panelGrid: panelGrid)
        let allowed = "wide, square, small, or [width, height] in CSS pixels with width from \(bounds.width.lowerBound) to \(bounds.width.upperBound) and height from \(bounds.height.lowerBound) to \(bounds.height.upperBound)"
        if case .sequence = node {
            guard let items = reader.sequence(node, key: "size") else { return nil }
            guard items.count == 2 else {
                reader.report(.invalidValue(key: "size", value: "a list of \(items.count) number\(items.count == 1 ? "" : "s")", allowed: allowed), at: node)
                return nil
            }
            let width = reader.int(items[0], key: "size", in: bounds.width, allowed: allowed)
            let height = reader.int(items[1], key: "size", in: bounds.height, allowed: allowed)
            guard let width, let height else { return nil }
            return .pixels(width: width, height: height)
        }
        guard let name = reader.string(node, key: "size") else { return nil }
        switch name {
        case "wide": return .wide
        case "square": return .square
        case "small": return .small
        default:
            let hint = nearest(to: name, in: FigureSpec.Size.names).map { " (did you mean `\($0)`?)" } ?? ""
            reader.report(.invalidValue(key: "size", value: "`\(name)`", allowed: allowed + hint), at: node)
            return nil
        }
    }

    /// A run's colour by its name in the palette; an unknown name is reported with the
    /// palette's names, nearest first.
    mutating func parseColor(_ node: Node) -> RunColor? {
        guard let name = reader.string(node, key: "color") else { return nil }
        if let color = RunColor(rawValue: name) { return color }
        let names = RunColor.names(nearestTo: name).map { "`\($0)`" }.joined(separator: ", ")
        reader.report(.invalidValue(key: "color", value: "`\(name)`", allowed: "a colour of the palette (docs/figures.md), nearest first: \(names)"), at: node)
        return nil
    }
}
