import CPNG
#if canImport(Glibc)
import Glibc
#endif

/// How `PNGEncoder` asks libpng to write: the row filters it may choose from and zlib's
/// parameters. `nil` keeps libpng's default.
package struct PNGSettings: Hashable, Sendable, CustomStringConvertible {
    /// PNG's five row filters (a mask of libpng's `PNG_FILTER_*`); with more than one, libpng
    /// picks per row the one whose output has the smallest sum of absolute values.
    package struct Filters: OptionSet, Hashable, Sendable {
        package var rawValue: Int32
        package init(rawValue: Int32) { self.rawValue = rawValue }
        /// PNG's filter type None: the bytes as they are (`.none` would read as a nil `Filters?`).
        package static let unfiltered = Filters(rawValue: 0x08)
        package static let sub = Filters(rawValue: 0x10)
        package static let up = Filters(rawValue: 0x20)
        package static let average = Filters(rawValue: 0x40)
        package static let paeth = Filters(rawValue: 0x80)
        package static let all: Filters = [.unfiltered, .sub, .up, .average, .paeth]
    }

    /// zlib's strategies, with zlib.h's values.
    package enum Strategy: Int32, Hashable, Sendable, CaseIterable {
        case standard = 0, filtered = 1, huffmanOnly = 2, runLength = 3
    }

    package var filters: Filters?
    package var level: Int?
    package var strategy: Strategy?
    package var memoryLevel: Int?
    package var windowBits: Int?

    package init(filters: Filters? = nil, level: Int? = nil, strategy: Strategy? = nil, memoryLevel: Int? = nil, windowBits: Int? = nil) {
        self.filters = filters
        self.level = level
        self.strategy = strategy
        self.memoryLevel = memoryLevel
        self.windowBits = windowBits
    }

    /// libpng's own choice: every filter, zlib level 6, `Z_FILTERED`, memLevel 8, window 15.
    package static let libpngDefaults = PNGSettings()

    package var description: String {
        let filterNames: [(Filters, String)] = [(.unfiltered, "none"), (.sub, "sub"), (.up, "up"), (.average, "avg"), (.paeth, "paeth")]
        let filterText = filters.map { mask in
            mask == .all ? "all" : filterNames.filter { mask.contains($0.0) }.map(\.1).joined(separator: "+")
        } ?? "default"
        let strategyNames: [Strategy: String] = [.standard: "default", .filtered: "filtered", .huffmanOnly: "huffman", .runLength: "rle"]
        return "filter \(filterText), level \(level.map(String.init) ?? "default"), strategy \(strategy.flatMap { strategyNames[$0] } ?? "default"), "
            + "memLevel \(memoryLevel.map(String.init) ?? "default"), window \(windowBits.map(String.init) ?? "default")"
    }

    var c: descent_png_settings {
        descent_png_settings(
            filters: filters?.rawValue ?? -1, level: Int32(level ?? -1), strategy: strategy?.rawValue ?? -1,
            memory_level: Int32(memoryLevel ?? -1), window_bits: Int32(windowBits ?? -1))
    }
}

/// Encodes Cairo's premultiplied ARGB32 pixels as PNG with libpng (Sources/CPNG/shim.h does
/// the libpng calls, in C, where its error handling's longjmp is safe). An opaque canvas is
/// stored as RGB without the alpha byte. Only IHDR, IDAT and IEND are written and the settings
/// are fixed, so the same pixels give the same bytes.
package enum PNGEncoder {
    /// `pixels` holds `height` rows of `stride` bytes, each row `width` native-endian UInt32s.
    package static func encode(
        _ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, settings: PNGSettings = .figures
    ) throws -> [UInt8] {
        var output = descent_png_output()
        defer { free(output.bytes) }
        let status = descent_png_encode(pixels, Int32(width), Int32(height), stride, settings.c, &output)
        guard status == 0, let bytes = output.bytes else {
            func text<T>(_ characters: T) -> String {
                withUnsafeBytes(of: characters) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            }
            let message = text(output.message), warning = text(output.warning)
            throw ChartsError.png(reason: warning.isEmpty ? message : "\(message) (\(warning))")
        }
        return Array(UnsafeBufferPointer(start: bytes, count: output.count))
    }
}

extension PNGSettings {
    /// What figures are written with, chosen by measurement (docs/development.md, "PNG
    /// encoding"): charts are flat colour with antialiased edges, where LZ77 finds a row's
    /// runs and repeats in the bytes themselves, so no filter (None) packs them best and
    /// costs nothing per byte; zlib level 3 (greedy matching) encodes a course figure as fast
    /// as Descent's former encoder (Up filter, run-length strategy) in about 20 % fewer bytes,
    /// though 2–8 % more than libpng's defaults. Level 4 (lazy matching) would be 10–20 %
    /// smaller than level 3, below libpng's defaults, at about twice the time.
    package static let figures = PNGSettings(filters: .unfiltered, level: 3, strategy: .standard, memoryLevel: 8, windowBits: 15)
}
