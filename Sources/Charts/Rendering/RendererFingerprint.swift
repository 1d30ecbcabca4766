import CCairo
import CPango
#if canImport(Glibc)
import Glibc
#endif

/// What, besides Descent itself, decides a figure's pixels on this machine: the versions of
/// the C libraries that draw (read from the libraries loaded at run time, not from headers)
/// and the font files fontconfig picks for the text of figures. Two machines with equal
/// fingerprints draw the same figure value into the same pixels.
///
/// HarfBuzz, FreeType and fontconfig are loaded as Pango's and Cairo's dependencies, not
/// linked by Descent, so their functions are looked up with `dlsym`; a library that is not
/// loaded shows as `unknown`.
public struct RendererFingerprint: Hashable, Sendable {
    /// Library name (`cairo`, `fontconfig`, `freetype`, `harfbuzz`, `pango`) → version.
    public var libraries: [String: String]
    /// Font file path → SHA-256 of its bytes (hex), for the fonts fontconfig matches for
    /// `fontPatterns`; filled in by the caller, which has the hash function.
    public var fonts: [String: String]

    public init(libraries: [String: String], fonts: [String: String]) {
        self.libraries = libraries
        self.fonts = fonts
    }

    /// The fontconfig patterns of the text figures draw: the family in regular and bold, and
    /// the sans-serif font for Chinese, where Pango falls back for characters the family lacks
    /// (fontconfig matches the family first, so `DejaVu Sans:lang=zh-cn` would name DejaVu).
    public static let fontPatterns = [
        CairoRenderer.fontFamily, CairoRenderer.fontFamily + ":bold", "sans-serif:lang=zh-cn",
    ]

    /// The versions of the five libraries, as loaded in this process, and of Descent's own
    /// drawing code (`descent-renderer`, `CairoRenderer.version`), which decides pixels too.
    public static func libraryVersions() -> [String: String] {
        [
            "descent-renderer": CairoRenderer.version,
            "cairo": String(cString: cairo_version_string()),
            "pango": String(cString: pango_version_string()),
            "harfbuzz": harfBuzzVersion() ?? "unknown",
            "freetype": freeTypeVersion() ?? "unknown",
            "fontconfig": fontconfigVersion() ?? "unknown",
        ]
    }

    /// The font file fontconfig matches for each of `fontPatterns`, without duplicates, sorted.
    public static func fontFiles() -> [String] {
        Array(Set(fontPatterns.compactMap(matchedFontFile))).sorted()
    }

    static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    static func harfBuzzVersion() -> String? {
        typealias Function = @convention(c) () -> UnsafePointer<CChar>?
        return symbol("hb_version_string", as: Function.self).flatMap { $0() }.map { String(cString: $0) }
    }

    static func freeTypeVersion() -> String? {
        typealias Initialise = @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Int32
        typealias Version = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Void
        typealias Finish = @convention(c) (OpaquePointer?) -> Int32
        guard let initialise = symbol("FT_Init_FreeType", as: Initialise.self),
              let version = symbol("FT_Library_Version", as: Version.self),
              let finish = symbol("FT_Done_FreeType", as: Finish.self) else { return nil }
        var library: OpaquePointer?
        guard initialise(&library) == 0 else { return nil }
        defer { _ = finish(library) }
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        version(library, &major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// `FcGetVersion()` is `major * 10000 + minor * 100 + revision`.
    static func fontconfigVersion() -> String? {
        typealias Function = @convention(c) () -> Int32
        guard let version = symbol("FcGetVersion", as: Function.self)?() else { return nil }
        return "\(version / 10000).\(version / 100 % 100).\(version % 100)"
    }

    /// The file of the font fontconfig's current configuration matches for `pattern`, as
    /// Pango asks it (configuration and default substitutions, then the best match).
    static func matchedFontFile(_ pattern: String) -> String? {
        typealias Parse = @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
        typealias Substitute = @convention(c) (OpaquePointer?, OpaquePointer?, Int32) -> Int32
        typealias DefaultSubstitute = @convention(c) (OpaquePointer?) -> Void
        typealias Match = @convention(c) (OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<Int32>) -> OpaquePointer?
        typealias GetString = @convention(c) (OpaquePointer?, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Int32
        typealias Destroy = @convention(c) (OpaquePointer?) -> Void
        guard let parse = symbol("FcNameParse", as: Parse.self),
              let substitute = symbol("FcConfigSubstitute", as: Substitute.self),
              let defaults = symbol("FcDefaultSubstitute", as: DefaultSubstitute.self),
              let match = symbol("FcFontMatch", as: Match.self),
              let getString = symbol("FcPatternGetString", as: GetString.self),
              let destroy = symbol("FcPatternDestroy", as: Destroy.self),
              let query = parse(pattern) else { return nil }
        defer { destroy(query) }
        let matchPattern: Int32 = 0  // FcMatchPattern
        _ = substitute(nil, query, matchPattern)
        defaults(query)
        var result: Int32 = 0
        guard let font = match(nil, query, &result) else { return nil }
        defer { destroy(font) }
        var file: UnsafePointer<CChar>?
        guard getString(font, "file", 0, &file) == 0, let file else { return nil }  // FcResultMatch
        return String(cString: file)
    }
}
