import CZlib

/// A decoded PNG: `height` rows of `width` pixels, `channels` bytes each (3 = RGB, 4 = RGBA),
/// straight (not premultiplied) 8-bit values as the file stores them.
public struct DecodedImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var bytes: [UInt8]

    public init(width: Int, height: Int, channels: Int, bytes: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.bytes = bytes
    }

    /// Pixel `index`'s channels as RGBA (an RGB image is opaque).
    func rgba(_ index: Int) -> (Int, Int, Int, Int) {
        let base = index * channels
        return (Int(bytes[base]), Int(bytes[base + 1]), Int(bytes[base + 2]), channels == 4 ? Int(bytes[base + 3]) : 255)
    }
}

/// What is wrong with a PNG that `PNGDecoder` cannot read.
public struct PNGDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "cannot decode the PNG: \(reason)" }
}

/// Decodes the PNGs Descent writes (`PNGEncoder`): 8-bit RGB or RGBA, not interlaced, any of
/// the five filter types per row. Anything else, or corrupt data (a bad CRC, a short or
/// overlong zlib stream), is an error, never a trap.
public enum PNGDecoder {
    public static func decode(_ png: [UInt8]) throws -> DecodedImage {
        func fail(_ reason: String) -> PNGDecodingError { PNGDecodingError(reason: reason) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count >= 8, Array(png[0..<8]) == signature else { throw fail("it does not start with the PNG signature") }
        func uint32(_ at: Int) -> Int {
            Int(png[at]) << 24 | Int(png[at + 1]) << 16 | Int(png[at + 2]) << 8 | Int(png[at + 3])
        }
        var offset = 8
        var header: (width: Int, height: Int, channels: Int)?
        var compressed: [UInt8] = []
        var ended = false
        while !ended {
            guard offset + 12 <= png.count else { throw fail("it ends inside a chunk at byte \(offset); an IEND chunk should close it") }
            let length = uint32(offset)
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= png.count - offset - 12 else { throw fail("chunk \(type) at byte \(offset) is longer than the file") }
            let data = png[(offset + 8)..<(offset + 8 + length)]
            let crc = png[(offset + 4)..<(offset + 8 + length)].withUnsafeBufferPointer { crc32(crc32(0, nil, 0), $0.baseAddress, uInt($0.count)) }
            guard Int(crc) == uint32(offset + 8 + length) else { throw fail("chunk \(type) at byte \(offset) has a wrong CRC") }
            switch type {
            case "IHDR":
                guard length == 13 else { throw fail("its IHDR chunk has \(length) bytes; it should have 13") }
                let base = data.startIndex
                let width = uint32(base), height = uint32(base + 4)
                let depth = data[base + 8], colour = data[base + 9], interlace = data[base + 12]
                guard depth == 8, colour == 2 || colour == 6 else {
                    throw fail("bit depth \(depth), colour type \(colour); only 8-bit RGB (colour type 2) or RGBA (6) is read")
                }
                guard data[base + 10] == 0, data[base + 11] == 0, interlace == 0 else {
                    throw fail("compression \(data[base + 10]), filter method \(data[base + 11]), interlace \(interlace); only 0, 0, 0 (not interlaced) is read")
                }
                guard (1...100_000).contains(width), (1...100_000).contains(height), width * height <= 100_000_000 else {
                    throw fail("it is \(width)×\(height) pixels; each side should be between 1 and 100000, at most 100 million pixels")
                }
                header = (width, height, colour == 2 ? 3 : 4)
            case "IDAT": compressed += data
            case "IEND": ended = true
            default: break
            }
            offset += length + 12
        }
        guard let (width, height, channels) = header else { throw fail("it has no IHDR chunk") }
        let rowBytes = width * channels
        let expected = height * (rowBytes + 1)
        var raw = [UInt8](repeating: 0, count: expected)
        var produced = uLongf(expected)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &produced, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(produced) == expected else {
            throw fail("its image data does not inflate to \(height) rows of \(rowBytes + 1) bytes (zlib status \(status))")
        }
        var pixels = [UInt8](repeating: 0, count: height * rowBytes)
        for row in 0..<height {
            let filter = raw[row * (rowBytes + 1)]
            let source = row * (rowBytes + 1) + 1, target = row * rowBytes
            for index in 0..<rowBytes {
                let left = index >= channels ? Int(pixels[target + index - channels]) : 0
                let up = row > 0 ? Int(pixels[target - rowBytes + index]) : 0
                let upLeft = row > 0 && index >= channels ? Int(pixels[target - rowBytes + index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4: predictor = paeth(left, up, upLeft)
                default: throw fail("row \(row) has filter type \(filter); filter types are 0 to 4")
                }
                pixels[target + index] = raw[source + index] &+ UInt8(truncatingIfNeeded: predictor)
            }
        }
        return DecodedImage(width: width, height: height, channels: channels, bytes: pixels)
    }

    private static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb, pa <= pc { return a }
        return pb <= pc ? b : c
    }
}

/// How far two images are apart: the root mean square of the channel differences on the 0–255
/// scale, over every channel of every pixel (as matplotlib's `compare_images` computes it), and
/// the share of pixels with any channel changed. Images are compared as RGBA when either has
/// alpha (an RGB image counting as opaque).
public struct PixelDifference: Equatable, Sendable {
    public var rms: Double
    public var changedShare: Double
}

extension PixelDifference {
    /// `nil` when the sizes differ (no pixel-by-pixel comparison is possible).
    public init?(_ a: DecodedImage, _ b: DecodedImage) {
        guard a.width == b.width, a.height == b.height else { return nil }
        let channels = max(a.channels, b.channels)
        let count = a.width * a.height
        var squares = 0, changed = 0
        for index in 0..<count {
            let (r1, g1, b1, a1) = a.rgba(index), (r2, g2, b2, a2) = b.rgba(index)
            var sum = (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2)
            if channels == 4 { sum += (a1 - a2) * (a1 - a2) }
            squares += sum
            if sum != 0 { changed += 1 }
        }
        rms = count == 0 ? 0 : (Double(squares) / Double(count * channels)).squareRoot()
        changedShare = count == 0 ? 0 : Double(changed) / Double(count)
    }
}

extension PixelDifference {
    /// A picture of where two images of one size differ, as a PNG: the committed image faded
    /// to a light grey, each changed pixel magenta (a colour no figure theme draws in) and the
    /// unchanged pixels within `halo` pixels of one pink, so that one changed pixel stays
    /// findable on a page; nil when the sizes differ.
    public static func differencePNG(_ a: DecodedImage, _ b: DecodedImage, halo: Int = 3) throws -> [UInt8]? {
        guard a.width == b.width, a.height == b.height, a.width > 0, a.height > 0 else { return nil }
        let width = a.width, height = a.height
        let changed = (0..<(width * height)).map { a.rgba($0) != b.rgba($0) }
        // The halo: changed pixels dilated by a (2·halo + 1)² square, one axis at a time.
        var across = [Bool](repeating: false, count: changed.count)
        for row in 0..<height {
            for column in 0..<width where changed[row * width + column] {
                for x in max(0, column - halo)...min(width - 1, column + halo) { across[row * width + x] = true }
            }
        }
        var near = [Bool](repeating: false, count: changed.count)
        for row in 0..<height {
            for column in 0..<width where across[row * width + column] {
                for y in max(0, row - halo)...min(height - 1, row + halo) { near[y * width + column] = true }
            }
        }
        let magenta: UInt32 = 0xFFFF_00FF, pink: UInt32 = 0xFFFF_AAFF
        var pixels = (0..<(width * height)).map { index -> UInt32 in
            if changed[index] { return magenta }
            if near[index] { return pink }
            let old = a.rgba(index)
            // Luma (BT.601) over white, pressed into the upper quarter so that the context shows but does not compete.
            let luma = (299 * old.0 + 587 * old.1 + 114 * old.2) / 1000
            let overWhite = 255 - (255 - luma) * old.3 / 255
            let grey = UInt32(255 - (255 - overWhite) / 4)
            return 0xFF00_0000 | grey << 16 | grey << 8 | grey
        }
        return try pixels.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return nil }
            return try PNGEncoder.encode(base.assumingMemoryBound(to: UInt8.self), width: width, height: height, stride: width * 4)
        }
    }
}
