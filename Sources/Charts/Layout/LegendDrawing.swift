import Foundation

/// A legend: a framed list of symbols and labels, inside the plot where it covers the least
/// data, or beside it.
struct LegendDrawing {
    let entries: [LegendEntry]
    /// Entries run down the first column, then the next (a legend below the plot has several).
    var columns = 1

    /// A legend of at most `Caps.legendEntries` rows; past the cap, the last row counts the
    /// entries left out.
    init(entries: [LegendEntry]) {
        guard entries.count > Caps.legendEntries else {
            self.entries = entries
            return
        }
        let shown = entries.prefix(Caps.legendEntries - 1)
        self.entries = shown + [LegendEntry(label: ChartText(plain: "… and \(entries.count - shown.count) more"), color: .ink, symbol: .none)]
    }

    static let inset = 8.0

    /// The legend in as many columns as fit across `cell` (at most as many as leave no column
    /// empty), to stand below the plot; nil when fewer than `minimumColumns` fit or it would
    /// take more than `heightShare` of the cell's height.
    func below(in cell: Rect, scene: SceneBuilder, minimumColumns: Int = 2, heightShare: Double = 1.0 / 3) -> LegendDrawing? {
        let room = cell.width - 2 * Self.padding - 2 * 6.0
        let fitting = Int((room + Self.columnGap) / (columnWidth(scene) + Self.columnGap))
        guard fitting >= max(1, minimumColumns) else { return nil }
        var legend = self
        legend.columns = min(fitting, entries.count)
        // Balanced: the fewest columns that need no more rows than the most that fit.
        let rows = legend.rows
        legend.columns = (entries.count + rows - 1) / rows
        return legend.size(scene).height <= cell.height * heightShare ? legend : nil
    }
    static let sampleLength = 22.0
    static let padding = 6.0

    func rowHeight(_ scene: SceneBuilder) -> Double {
        (entries.map { scene.measure($0.label, style: .legend).height }.max() ?? 0) + 2
    }

    static let columnGap = 14.0

    /// The width of one column: a sample and the widest label.
    func columnWidth(_ scene: SceneBuilder) -> Double {
        Self.sampleLength + 6 + (entries.map { scene.measure($0.label, style: .legend).width }.max() ?? 0)
    }

    var rows: Int { (entries.count + max(1, columns) - 1) / max(1, columns) }

    func size(_ scene: SceneBuilder) -> Size {
        let columns = Double(max(1, columns))
        return Size(width: Self.padding * 2 + columnWidth(scene) * columns + Self.columnGap * (columns - 1),
                    height: Self.padding * 2 + rowHeight(scene) * Double(rows))
    }

    /// The candidate frame inside `plot` that covers the fewest of `points`, and how many it covers.
    func bestFrame(size: Size, in plot: Rect, avoiding points: [Point]) -> (frame: Rect, covered: Int)? {
        guard size.width + 2 * Self.inset <= plot.width, size.height + 2 * Self.inset <= plot.height else { return nil }
        let (left, right) = (plot.minX + Self.inset, plot.maxX - Self.inset - size.width)
        let (top, bottom) = (plot.minY + Self.inset, plot.maxY - Self.inset - size.height)
        let middleY = plot.minY + (plot.height - size.height) / 2
        let middleX = plot.minX + (plot.width - size.width) / 2
        let candidates = [(right, top), (left, top), (right, bottom), (left, bottom), (right, middleY), (left, middleY), (middleX, top), (middleX, bottom)]
            .map { Rect(x: $0.0, y: $0.1, width: size.width, height: size.height) }
        var best: (frame: Rect, covered: Int)?
        for candidate in candidates {
            // A margin around the frame counts too, so the legend does not touch a curve.
            let zone = Rect(x: candidate.x - 3, y: candidate.y - 3, width: candidate.width + 6, height: candidate.height + 6)
            let covered = points.reduce(0) { $0 + (zone.contains($1) ? 1 : 0) }
            if best == nil || covered < best!.covered { best = (candidate, covered) }
        }
        return best
    }

    func draw(on scene: SceneBuilder, in frame: Rect) {
        guard !entries.isEmpty else { return }
        let outline = [Point(frame.minX, frame.minY), Point(frame.maxX, frame.minY), Point(frame.maxX, frame.maxY), Point(frame.minX, frame.maxY), Point(frame.minX, frame.minY)]
        scene.fill(frame, color: scene.theme.background.opacity(0.9))
        scene.stroke(outline, color: scene.theme.legendOutline, width: 0.6, dash: [])
        let rowHeight = rowHeight(scene)
        let columnStep = columnWidth(scene) + Self.columnGap
        for (index, entry) in entries.enumerated() {
            let (column, row) = (index / rows, index % rows)
            let middle = frame.minY + Self.padding + Double(row) * rowHeight + rowHeight / 2
            let sampleLeft = frame.minX + Self.padding + Double(column) * columnStep
            let sampleMiddle = Point(sampleLeft + Self.sampleLength / 2, middle)
            switch entry.symbol {
            case let .line(width, dash, marker):
                scene.stroke([Point(sampleLeft, middle), Point(sampleLeft + Self.sampleLength, middle)], color: entry.color, width: width, dash: dash)
                if let marker {
                    MarkDrawing.marker(marker, at: sampleMiddle, size: LineMarkers.size, color: entry.color, outline: scene.theme.background, on: scene)
                }
            case let .marker(shape):
                MarkDrawing.marker(shape, at: sampleMiddle, size: 7, color: entry.color, outline: scene.theme.background, on: scene)
            case .box:
                scene.fill(Rect(x: sampleLeft + 3, y: middle - 5, width: Self.sampleLength - 6, height: 10), color: entry.color)
            case .none:
                break
            case let .path(width, end):
                scene.stroke([Point(sampleLeft, middle), Point(sampleLeft + Self.sampleLength, middle)], color: entry.color, width: width, dash: [])
                // White-edged, as the path's end is drawn on the contour: it shows on a dark legend too.
                MarkDrawing.marker(end, at: Point(sampleLeft + Self.sampleLength, middle), size: 6, color: TrajectoryMark.endColor(of: entry.color), outline: .white, on: scene)
            }
            let extent = scene.measure(entry.label, style: .legend)
            scene.draw(entry.label, style: .legend, at: Point(sampleLeft + Self.sampleLength + 6, middle - extent.height / 2), vertical: false)
        }
    }
}

/// The key of a filled contour: one block per band, its level boundaries labelled (thinned so
/// that labels never touch), and the contour's label along it.
struct ColorBarDrawing {
    let mark: ContourMark

    static let barWidth = 12.0
    static let gap = 10.0

    var labels: [(value: Double, label: ChartText)] {
        let levels = mark.levels
        let logarithmic = levels.count > 2 && levels.allSatisfy { $0 > 0 } && (levels.last ?? 1) / (levels.first ?? 1) >= 1000
        let step = levels.count > 1 ? zip(levels, levels.dropFirst()).map { $1 - $0 }.min() ?? 1 : 1
        // One notation for the whole bar, as on an axis.
        let largest = max(levels.map(abs).max() ?? 0, step)
        let exponent = largest >= 1e6 || step < 1e-4 ? Ticks.decade(of: largest) : nil
        return levels.map { level in
            if logarithmic { return (level, ChartText(markup: Ticks.logLabel(level))) }
            return (level, ChartText(markup: Ticks.format(level, step: step, exponent: exponent)))
        }
    }

    func width(_ scene: SceneBuilder) -> Double {
        let labelWidth = labels.map { scene.measure($0.label, style: .tick).width }.max() ?? 0
        let title = mark.colorBarLabel.map { scene.measure($0, style: .label).height + 6 } ?? 0
        return Self.gap + Self.barWidth + 4 + labelWidth + title + 4
    }

    func draw(on scene: SceneBuilder, beside plot: Rect, right: Double) {
        let bands = max(1, mark.levels.count - 1)
        let left = plot.maxX + Self.gap
        let height = plot.height / Double(bands)
        for band in 0..<bands {
            let top = plot.maxY - Double(band + 1) * height
            scene.fill(Rect(x: left, y: top, width: Self.barWidth, height: height + 0.3), color: mark.bandColor(band))
        }
        let frame = [Point(left, plot.minY), Point(left + Self.barWidth, plot.minY), Point(left + Self.barWidth, plot.maxY), Point(left, plot.maxY), Point(left, plot.minY)]
        scene.stroke(frame, color: .ink, width: 0.6, dash: [])
        let lineHeight = scene.measure("0", style: .tick).height
        let every = Int(clamping: (lineHeight + 2) / max(height, 0.1), to: 0...Caps.contourLevels) + 1
        var labelRight = left + Self.barWidth + 4
        for (index, entry) in labels.enumerated() where index % every == 0 || index == labels.count - 1 && (labels.count - 1) % every == 0 {
            let position = plot.maxY - Double(index) * height
            scene.stroke([Point(left + Self.barWidth, position), Point(left + Self.barWidth + 3, position)], color: .ink, width: 0.6, dash: [])
            let extent = scene.measure(entry.label, style: .tick)
            scene.draw(entry.label, style: .tick, at: Point(left + Self.barWidth + 4, position - extent.height / 2), vertical: false)
            labelRight = max(labelRight, left + Self.barWidth + 4 + extent.width)
        }
        if let label = mark.colorBarLabel {
            let extent = scene.measure(label, style: .label)
            scene.draw(label, style: .label, at: Point(min(labelRight + 6, right - extent.height), plot.minY + (plot.height - extent.width) / 2), vertical: true)
        }
    }
}
