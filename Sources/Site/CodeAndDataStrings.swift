/// The interface strings that code blocks' copy buttons and figures' data links add, in
/// English. The copy button's are passed to `assets/code.js` as attributes of its `<script>`
/// tag, so that a template or a strings table can change them.
enum CodeAndDataStrings {
    /// The copy button's text.
    static let copy = "Copy"
    /// The copy button's accessible name.
    static let copyCode = "Copy the code"
    /// Shown on the button and announced to screen readers once the code is copied.
    static let copied = "Copied"
    /// Before a figure's data links: "Data: Batch GD (CSV) · SGD (CSV)".
    static let data = "Data"
}
