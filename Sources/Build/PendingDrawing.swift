import Charts
import Site
import Training

/// What drawing one rendering of a figure gave (or, put off, would give): its files at each
/// scale, texts no installed font could draw, whether it was drawn rather than taken from the
/// cache, and its figure value (`BuildManifest.figureHash`).
struct FigureRendering: Sendable {
    var files: [SiteFile]
    var missing: [String] = []
    var drawn: Bool
    var spec: String
    /// The files it will make, when its drawing was put off (`PendingDrawing`).
    var pending: [String] = []
}

/// The renderings a preview build draws after it has given the pages their site: drawing is
/// most of a changed experiment's build, and a page needs only the renderings its reader's
/// screen shows, so the preview tells the pages to reload first, and holds a request for a file
/// of these until it is drawn (`BuildReport.pendingFigures`). They are drawn in the order of
/// their figures' `pageRank`, so that what pages show comes first.
struct PendingDrawing: Sendable {
    /// Every file the renderings make.
    let paths: Set<String>
    /// Draws them all, handing each rendering's files to `each` as soon as they are made.
    let draw: @Sendable (_ each: @escaping @Sendable ([SiteFile]) -> Void) -> [Result<FigureRendering, ChartsError>]
}
