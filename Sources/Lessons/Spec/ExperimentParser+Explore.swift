import Yams

extension ExperimentParser {
    /// An `explore` figure: `view: contour|loss` (contour by default on a surface, where it is
    /// allowed) and `default: {key: value}` choosing the combination the static picture shows,
    /// else each swept key's middle value. The kind returned is the view drawn.
    mutating func parseExplore(_ fields: Fields, kindNode: Node, caption: String, sweep: Sweep?, parameterNames: [String]?, model: ModelSpec?, samples: Int?) -> (kind: FigureSpec.Kind, explore: FigureSpec.Explore)? {
        guard let sweep, !sweep.axes.isEmpty else {
            reader.report(.invalidValue(key: "kind", value: "`explore` for an experiment without a sweep",
                                        allowed: "used with a `sweep` over one or two keys, one slider each, such as `sweep: {lr: [0.1, 0.3, 1], momentum: [0, 0.5, 0.9]}`"), at: kindNode)
            return nil
        }
        let surface = model?.isSurface ?? true
        var view: FigureSpec.Explore.View = surface ? .contour : .loss
        if let node = fields["view"] {
            guard let name = reader.choice(node, key: "view", from: FigureSpec.Explore.View.allCases.map(\.rawValue)),
                  let chosen = FigureSpec.Explore.View(rawValue: name)
            else { return nil }
            if chosen == .contour, !surface {
                reader.report(.invalidValue(key: "view", value: "`contour` for a \(model?.name ?? "") model",
                                            allowed: "`loss` here; a contour view needs a surface, whose loss over its two parameters is the whole picture"), at: node)
                return nil
            }
            view = chosen
        }
        // An option of the other view would be silently ignored: say so where it is written.
        let unread: [(key: String, reason: String)] = view == .loss
            ? [("range", "whose loss view draws each run's loss by epoch, not the surface"), ("resolution", "whose loss view draws each run's loss by epoch, not the surface")]
            : [("y", "whose contour view draws the surface, not loss curves")]
        for (key, reason) in unread {
            guard let keyNode = fields.keys[key] else { continue }
            let other = view == .loss ? "`view: contour`" : "`view: loss`"
            reader.report(.figureOptionNotApplicable(key: key, kind: "explore", reason: reason + " (it applies with \(other))", appliesTo: Self.figureKinds.filter { $0 != "explore" && Self.figureOptions($0).contains(key) }), at: keyNode)
        }
        guard let selection = parseExploreDefault(fields["default"], sweep: sweep) else { return nil }
        let kind: FigureSpec.Kind
        switch view {
        case .contour:
            guard let contour = parseContour(fields, parameterNames: parameterNames) else { return nil }
            if case let .contour(_, _, resolution) = contour, let parameterNames {
                checkGrid(resolution: resolution, samples: samples, parameters: parameterNames.count, at: fields["resolution"] ?? kindNode)
            }
            kind = contour
        case .loss:
            let y = fields["y"].flatMap { reader.choice($0, key: "y", from: FigureSpec.ValueScale.allCases.map(\.rawValue)) }.flatMap(FigureSpec.ValueScale.init) ?? .linear
            kind = .loss(x: .epoch, y: y, smooth: nil, validation: false)
        }
        return (kind, FigureSpec.Explore(view: view, axes: sweep.axes, selection: selection, writtenCaption: caption))
    }

    /// `default: {lr: 0.3, momentum: 0.9}`: a value of the sweep for any swept key; the keys
    /// left out take their middle value. Nil after reporting a key not swept or a value not in the sweep.
    private mutating func parseExploreDefault(_ node: Node?, sweep: Sweep) -> [Sweep.Coordinate]? {
        var selection = FigureSpec.Explore.middle(of: sweep.axes)
        guard let node else { return selection }
        guard let fields = reader.fields(node, context: "default (the swept keys)", allowed: sweep.keys) else { return nil }
        var valid = true
        for (index, axis) in sweep.axes.enumerated() {
            guard let valueNode = fields[axis.key] else { continue }
            guard let value = sweepValue(valueNode, key: axis.key) else {
                valid = false
                continue
            }
            guard axis.values.contains(value) else {
                reader.report(.invalidValue(key: axis.key, value: Self.name(of: value),
                                            allowed: "one of the swept values: \(axis.values.map(Self.name(of:)).joined(separator: ", "))"), at: valueNode)
                valid = false
                continue
            }
            selection[index] = Sweep.Coordinate(key: axis.key, value: value)
        }
        return valid ? selection : nil
    }

    /// The caption as written, then which swept values the static picture shows, in the
    /// lesson's language (`page.shown`).
    static func exploreCaption(_ explore: FigureSpec.Explore, strings: InterfaceStrings) -> String {
        let written = explore.writtenCaption.trimmingCharacters(in: .whitespaces)
        let shown = strings("page.shown", ["values": explore.selection.map(label(of:)).joined(separator: strings("list.separator"))])
        guard let last = written.last else { return shown }
        if "。！？".contains(last) { return written + shown }
        return written + (".!?".contains(last) ? " " : strings("list.titleEnd")) + shown
    }
}
