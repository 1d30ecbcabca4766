import CCairo
import Foundation
import Testing
@testable import Charts

/// Decodes a PNG with Cairo's reader (libpng): premultiplied ARGB pixels, row by row.
func decodeWithLibpng(_ png: [UInt8]) throws -> (width: Int, height: Int, pixels: [UInt32]) {
    final class Source { var bytes: [UInt8]; var offset = 0; init(_ bytes: [UInt8]) { self.bytes = bytes } }
    let source = Source(png)
    let created = cairo_image_surface_create_from_png_stream({ closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
        guard source.offset + Int(length) <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        for index in 0..<Int(length) { data[index] = source.bytes[source.offset + index] }
        source.offset += Int(length)
        return CAIRO_STATUS_SUCCESS
    }, Unmanaged.passUnretained(source).toOpaque())
    let surface = try #require(created)
    defer { cairo_surface_destroy(surface) }
    #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
    let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
    let stride = Int(cairo_image_surface_get_stride(surface))
    let data = try #require(cairo_image_surface_get_data(surface))
    var pixels: [UInt32] = []
    for row in 0..<height {
        UnsafeRawPointer(data + row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { line in
            pixels += (0..<width).map { line[$0] }
        }
    }
    return (width, height, pixels)
}

@Suite struct PNGEncoderTests {
    @Test func aDarkFigureIsDrawnOnThePagesDarkBackground() throws {
        let figure = Figure(size: Size(width: 120, height: 80), panels: [Axes(marks: [.line(LineMark(points: [Point(0, 0), Point(1, 1)], color: Palette.series(0)))])])
        let dark = try decodeWithLibpng(try figure.png(scale: 1, theme: .dark))
        let light = try decodeWithLibpng(try figure.png(scale: 1))
        #expect(dark.pixels[0] == 0xFF0D_1117)
        #expect(light.pixels[0] == 0xFFFF_FFFF)
    }

    @Test func anOpaqueFigureDecodesToTheSamePixels() throws {
        let figure = SampleFigures.contour
        let renderer = try CairoRenderer(size: figure.size, scale: 1)
        FigureDrawing(figure).draw(on: renderer)
        let png = try renderer.pngData()
        let decoded = try decodeWithLibpng(png)
        #expect(decoded.width == 640 && decoded.height == 420)
        #expect(decoded.pixels == renderer.pixels)
        // Colour type 2 (RGB): an opaque figure carries no alpha channel.
        #expect(png[25] == 2)
    }

    @Test func translucentPixelsSurviveUnpremultiplication() throws {
        // Every alpha with a few colours, premultiplied as Cairo stores them.
        var pixels: [UInt32] = []
        for alpha in 0...255 {
            for (red, green, blue) in [(255, 0, 0), (12, 200, 99), (255, 255, 255), (0, 0, 0)] as [(UInt32, UInt32, UInt32)] {
                let a = UInt32(alpha)
                let premultiply = { (channel: UInt32) in (channel * a + 127) / 255 }
                pixels.append(a << 24 | premultiply(red) << 16 | premultiply(green) << 8 | premultiply(blue))
            }
        }
        let png = try pixels.withUnsafeBytes { bytes in
            try PNGEncoder.encode(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), width: 4, height: 256, stride: 16)
        }
        #expect(png[25] == 6)  // RGBA
        let decoded = try decodeWithLibpng(png)
        #expect(decoded.width == 4 && decoded.height == 256)
        // Premultiplying again may round a channel by one step.
        for (original, roundTrip) in zip(pixels, decoded.pixels) {
            #expect(original >> 24 == roundTrip >> 24)
            for shift in [16, 8, 0] as [UInt32] {
                let a = Int((original >> shift) & 0xFF), b = Int((roundTrip >> shift) & 0xFF)
                #expect(abs(a - b) <= 1, "\(String(original, radix: 16)) became \(String(roundTrip, radix: 16))")
            }
        }
    }
}

/// The chunk types of a PNG in file order (the signature skipped, lengths trusted).
func chunkTypes(_ png: [UInt8]) -> [String] {
    var types: [String] = []
    var offset = 8
    while offset + 8 <= png.count {
        let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        types.append(String(decoding: png[offset + 4..<offset + 8], as: UTF8.self))
        offset += length + 12
    }
    return types
}

@Suite struct LibpngEncodingTests {
    /// A canvas of `width`×`height` opaque pixels with no two neighbours alike, so that every
    /// filter has something to predict.
    static func opaqueCanvas(width: Int, height: Int) -> [UInt32] {
        (0..<(width * height)).map { index in
            let value = UInt32(truncatingIfNeeded: index &* 2_654_435_761)
            return 0xFF00_0000 | value & 0x00FF_FFFF
        }
    }

    func encode(_ pixels: [UInt32], width: Int, settings: PNGSettings = .figures) throws -> [UInt8] {
        try pixels.withUnsafeBytes { bytes in
            try PNGEncoder.encode(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), width: width, height: pixels.count / width, stride: width * 4, settings: settings)
        }
    }

    @Test func theHeaderGivesTheCanvasSizeAndEightBitRGBWhenOpaque() throws {
        let png = try encode(Self.opaqueCanvas(width: 7, height: 3), width: 7)
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        // Width 7, height 3, bit depth 8, colour type 2 (RGB), deflate, filter method 0, not interlaced.
        #expect(Array(png[16..<29]) == [0, 0, 0, 7, 0, 0, 0, 3, 8, 2, 0, 0, 0])
        var translucent = Self.opaqueCanvas(width: 7, height: 3)
        translucent[20] = 0x8040_2010
        #expect(Array(try encode(translucent, width: 7)[16..<29]) == [0, 0, 0, 7, 0, 0, 0, 3, 8, 6, 0, 0, 0])
    }

    @Test(arguments: [PNGSettings.figures, .libpngDefaults, PNGSettings(filters: .unfiltered, level: 1), PNGSettings(filters: .sub, level: 9, strategy: .runLength),
                      PNGSettings(filters: .up, strategy: .huffmanOnly), PNGSettings(filters: .average, memoryLevel: 1, windowBits: 9), PNGSettings(filters: .paeth)])
    func everySettingGivesBackTheExactPixels(settings: PNGSettings) throws {
        let pixels = Self.opaqueCanvas(width: 61, height: 37)
        let image = try PNGDecoder.decode(try encode(pixels, width: 61, settings: settings))
        #expect(image.width == 61 && image.height == 37 && image.channels == 3)
        #expect(image.bytes == pixels.flatMap { [UInt8($0 >> 16 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)] })
        #expect(try decodeWithLibpng(try encode(pixels, width: 61, settings: settings)).pixels == pixels)
    }

    @Test func theSameCanvasGivesTheSameBytes() throws {
        let figure = SampleFigures.contour
        let first = try CairoRenderer(size: figure.size, scale: 1), second = try CairoRenderer(size: figure.size, scale: 1)
        FigureDrawing(figure).draw(on: first)
        FigureDrawing(figure).draw(on: second)
        let png = try first.pngData()
        #expect(png == (try second.pngData()))
        #expect(png == (try first.pngData()))
    }

    @Test func onlyTheHeaderTheImageDataAndTheEndAreWritten() throws {
        let figure = SampleFigures.contour
        let renderer = try CairoRenderer(size: figure.size, scale: 1)
        FigureDrawing(figure).draw(on: renderer)
        let types = chunkTypes(try renderer.pngData())
        #expect(types.first == "IHDR" && types.last == "IEND")
        #expect(Set(types) == ["IHDR", "IDAT", "IEND"], "\(types)")
        #expect(!types.contains("tIME") && !types.contains("tEXt"))
    }

    @Test func aCanvasTooLargeForPNGIsAnErrorNotATrap() throws {
        // PNG's limit is 2³¹ − 1 pixels a side; libpng's own default limit is 1,000,000.
        let row = [UInt32](repeating: 0xFF00_0000, count: 1_000_001)
        #expect(throws: ChartsError.png(reason: "Invalid IHDR data (Image width exceeds user limit in IHDR)")) {
            try row.withUnsafeBytes { bytes in
                try PNGEncoder.encode(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), width: row.count, height: 1, stride: row.count * 4)
            }
        }
    }
}
