import Charts
import Testing

/// Every text box lies inside the figure and no two overlap.
public func expectTextFits(_ renderer: RecordingRenderer, in size: Size, atLeast count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    let bounds = Rect(x: 0, y: 0, width: size.width, height: size.height)
    let boxes = renderer.textBoxes
    #expect(boxes.count >= count, sourceLocation: sourceLocation)
    for box in boxes {
        #expect(bounds.contains(box.frame), "\(box.text.markup) at \(box.frame) leaves the figure", sourceLocation: sourceLocation)
    }
    for (index, box) in boxes.enumerated() {
        for other in boxes[(index + 1)...] {
            #expect(!box.frame.intersects(other.frame), "\(box.text.markup) overlaps \(other.text.markup)", sourceLocation: sourceLocation)
        }
    }
}
