import Foundation
import Testing
@testable import Charts

@Suite struct PNGDecoderTests {
    func encode(_ pixels: [UInt32], width: Int) throws -> [UInt8] {
        try pixels.withUnsafeBytes { bytes in
            try PNGEncoder.encode(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), width: width, height: pixels.count / width, stride: width * 4)
        }
    }

    @Test func aDrawnFigureDecodesToTheEncodersPixelsExactly() throws {
        let figure = SampleFigures.contour
        let renderer = try CairoRenderer(size: figure.size, scale: 1)
        FigureDrawing(figure).draw(on: renderer)
        let image = try PNGDecoder.decode(try renderer.pngData())
        #expect(image.width == 640 && image.height == 420 && image.channels == 3)
        let expected = renderer.pixels.flatMap { [UInt8($0 >> 16 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)] }
        #expect(image.bytes == expected)
    }

    @Test func translucentPixelsDecodeAsTheEncoderWroteThem() throws {
        // Straight alpha with a colour the premultiplication keeps exactly (alpha 0xFF or channels 0).
        let pixels: [UInt32] = [0x8000_0000, 0xFF12_3456, 0x0000_0000, 0xFFFF_FFFF, 0x4000_0000, 0xFF00_FF00]
        let image = try PNGDecoder.decode(try encode(pixels, width: 3))
        #expect(image.width == 3 && image.height == 2 && image.channels == 4)
        #expect(image.bytes == [0, 0, 0, 0x80, 0x12, 0x34, 0x56, 0xFF, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0x40, 0, 255, 0, 255])
    }

    @Test func everyFilterTypeIsUndone() throws {
        // A 2×2 RGB image whose rows use filters 1 (Sub) and 4 (Paeth), then 3 (Average) and 0 (None), hand-filtered.
        let rows: [[UInt8]] = [[10, 20, 30, 40, 50, 60], [15, 25, 35, 45, 55, 65]]
        let compressed = PNGTestFile.stored
        // Sub: first pixel as is, then minus the left. Average: minus floor((left + up) / 2).
        let sub: [UInt8] = [1, 10, 20, 30, 30, 30, 30]
        let average: [UInt8] = [3, 15 - 5, 25 - 10, 35 - 15, 45 - (15 + 40) / 2, 55 - (25 + 50) / 2, 65 - (35 + 60) / 2]
        let png = PNGTestFile.make(width: 2, height: 2, colourType: 2, idat: compressed(sub + average))
        #expect(try PNGDecoder.decode(png).bytes == rows.flatMap { $0 })
        // Paeth on the second row: the first pixel's predictor is up; the second's the nearest of left, up, up-left.
        let paethRow: [UInt8] = [4, 5, 5, 5, 45 &- paeth(15, 40, 10), 55 &- paeth(25, 50, 20), 65 &- paeth(35, 60, 30)]
        #expect(try PNGDecoder.decode(PNGTestFile.make(width: 2, height: 2, colourType: 2, idat: compressed([0] + rows[0] + paethRow))).bytes == rows.flatMap { $0 })
    }

    func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }

    @Test func whatItCannotReadIsAnErrorNamingWhy() throws {
        let png = try encode([0xFFFF_FFFF, 0xFF00_0000], width: 2)
        #expect(throws: PNGDecodingError(reason: "it does not start with the PNG signature")) { try PNGDecoder.decode(Array(png.dropFirst())) }
        var corrupt = png
        corrupt[corrupt.count - 20] ^= 0xFF
        #expect(throws: PNGDecodingError.self) { try PNGDecoder.decode(corrupt) }
        #expect(throws: PNGDecodingError(reason: "it ends inside a chunk at byte 33; an IEND chunk should close it")) { try PNGDecoder.decode(Array(png[0..<40])) }
        let sixteenBit = PNGTestFile.make(width: 1, height: 1, colourType: 2, depth: 16, idat: [])
        #expect(throws: PNGDecodingError(reason: "bit depth 16, colour type 2; only 8-bit RGB (colour type 2) or RGBA (6) is read")) { try PNGDecoder.decode(sixteenBit) }
        let palette = PNGTestFile.make(width: 1, height: 1, colourType: 3, idat: [])
        #expect(throws: PNGDecodingError(reason: "bit depth 8, colour type 3; only 8-bit RGB (colour type 2) or RGBA (6) is read")) { try PNGDecoder.decode(palette) }
        let interlaced = PNGTestFile.make(width: 1, height: 1, colourType: 2, interlace: 1, idat: [])
        #expect(throws: PNGDecodingError(reason: "compression 0, filter method 0, interlace 1; only 0, 0, 0 (not interlaced) is read")) { try PNGDecoder.decode(interlaced) }
        let empty = PNGTestFile.make(width: 1, height: 1, colourType: 2, idat: [])
        #expect(throws: PNGDecodingError(reason: "its image data does not inflate to 1 rows of 4 bytes (zlib status -3)")) { try PNGDecoder.decode(empty) }
    }

    @Test func identicalImagesAreZeroApartAndOneChangedChannelIsItsShare() throws {
        let a = DecodedImage(width: 2, height: 2, channels: 3, bytes: [255, 255, 255, 0, 0, 0, 10, 20, 30, 40, 50, 60])
        #expect(PixelDifference(a, a) == PixelDifference(rms: 0, changedShare: 0))
        var b = a
        b.bytes[7] = 26  // one channel 6 steps away: √(36 / 12) = √3
        let difference = try #require(PixelDifference(a, b))
        #expect(difference.rms == 3.0.squareRoot() && difference.changedShare == 0.25)
        // Against an RGBA copy, alpha counts as a fourth channel: √(36 / 16) = 1.5.
        let rgba = DecodedImage(width: 2, height: 2, channels: 4, bytes: [255, 255, 255, 255, 0, 0, 0, 255, 10, 20, 30, 255, 40, 50, 60, 255])
        #expect(PixelDifference(rgba, b) == PixelDifference(rms: 1.5, changedShare: 0.25))
        #expect(PixelDifference(a, DecodedImage(width: 1, height: 4, channels: 3, bytes: a.bytes)) == nil)
    }
    @Test func theDifferenceImageIsMagentaWhereAPixelChangedPinkAroundItAndFadedGreyElsewhere() throws {
        // Black, white, then mid greys (luma 128); the last of nine pixels changes.
        let row: [UInt32] = [0xFF00_0000, 0xFFFF_FFFF] + Array(repeating: 0xFF80_8080, count: 7)
        let committed = try PNGDecoder.decode(try encode(row, width: 9))
        let rebuilt = try PNGDecoder.decode(try encode(Array(row.dropLast()) + [0xFF80_8081], width: 9))
        let difference = try PNGDecoder.decode(try #require(try PixelDifference.differencePNG(committed, rebuilt)))
        #expect(difference.width == 9 && difference.height == 1 && difference.channels == 3)
        // Grey = 255 − (255 − luma) / 4: black → 192, white → 255, mid grey → 224; the three
        // pixels before the changed one pink, the changed one magenta.
        let grey: [UInt8] = [192, 192, 192, 255, 255, 255] + Array(repeating: 224, count: 9)
        let pink: [UInt8] = Array([[UInt8]](repeating: [255, 170, 255], count: 3).joined())
        #expect(difference.bytes == grey + pink + [255, 0, 255])
        let narrower = try PNGDecoder.decode(try encode([0xFF00_0000, 0xFFFF_FFFF], width: 2))
        #expect(try PixelDifference.differencePNG(committed, narrower) == nil)
    }
}

/// A PNG file made by hand from its IHDR fields and IDAT bytes, CRCs computed.
enum PNGTestFile {
    static func make(width: Int, height: Int, colourType: UInt8, depth: UInt8 = 8, interlace: UInt8 = 0, idat: [UInt8]) -> [UInt8] {
        func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be(data.count) + body + be(Int(crc(body)))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", be(width) + be(height) + [depth, colourType, 0, 0, interlace])
            + chunk("IDAT", idat) + chunk("IEND", [])
    }

    /// A zlib stream of one stored (uncompressed) deflate block, with its Adler-32.
    static func stored(_ raw: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let adler = b << 16 | a
        let length = UInt16(raw.count)
        return [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + raw
            + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }

    /// CRC-32 (polynomial 0xEDB88320) as PNG chunks carry it.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }
}
