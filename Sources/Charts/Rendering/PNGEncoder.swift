import CZlib

/// Encodes Cairo's premultiplied ARGB32 pixels as PNG.
///
/// Why not Cairo's own writer: it runs libpng's adaptive filter search and zlib at its default
/// level, which took most of a figure's time. Charts are mostly flat colour: the Paeth filter
/// turns flat areas into zeros and zlib's run-length strategy packs those fast (on a course
/// figure: 19% larger than libpng's output in a fraction of the time); an opaque figure is
/// stored as RGB without the alpha byte. zlib gives the same bytes for the same input and
/// settings, so the encoding stays deterministic.
enum PNGEncoder {
    /// `pixels` holds `height` rows of `stride` bytes, each row `width` native-endian UInt32s.
    static func encode(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) throws -> [UInt8] {
        let opaque = (0..<height).allSatisfy { row in
            UnsafeRawPointer(pixels + row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { line in
                (0..<width).allSatisfy { line[$0] >> 24 == 0xFF }
            }
        }
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        // Each row: the filter type byte (4 = Paeth), then each byte minus its Paeth predictor
        // from the bytes to the left, above and above-left.
        var filtered = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        var rows = [UInt8](repeating: 0, count: 2 * rowBytes)
        filtered.withUnsafeMutableBufferPointer { buffer in
            rows.withUnsafeMutableBufferPointer { scratch in
                guard let base = buffer.baseAddress, let scratchBase = scratch.baseAddress else { return }
                var current = scratchBase, previous = scratchBase + rowBytes  // previous starts as zeros
                for row in 0..<height {
                    UnsafeRawPointer(pixels + row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { line in
                        for column in 0..<width {
                            let pixel = line[column]
                            let alpha = pixel >> 24
                            var red = (pixel >> 16) & 0xFF, green = (pixel >> 8) & 0xFF, blue = pixel & 0xFF
                            if alpha != 0xFF, alpha != 0 {
                                // Undo premultiplication, rounding to nearest.
                                red = min(255, (red * 255 + alpha / 2) / alpha)
                                green = min(255, (green * 255 + alpha / 2) / alpha)
                                blue = min(255, (blue * 255 + alpha / 2) / alpha)
                            }
                            let offset = column * channels
                            current[offset] = UInt8(truncatingIfNeeded: red)
                            current[offset + 1] = UInt8(truncatingIfNeeded: green)
                            current[offset + 2] = UInt8(truncatingIfNeeded: blue)
                            if channels == 4 { current[offset + 3] = UInt8(truncatingIfNeeded: alpha) }
                        }
                    }
                    let out = base + row * (rowBytes + 1)
                    out[0] = 4
                    for index in 0..<rowBytes {
                        let left = index >= channels ? Int(current[index - channels]) : 0
                        let up = Int(previous[index])
                        let upLeft = index >= channels ? Int(previous[index - channels]) : 0
                        let estimate = left + up - upLeft
                        let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                        let predictor = toLeft <= toUp && toLeft <= toUpLeft ? left : (toUp <= toUpLeft ? up : upLeft)
                        out[1 + index] = current[index] &- UInt8(truncatingIfNeeded: predictor)
                    }
                    swap(&current, &previous)
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0]  // 8 bits, RGB or RGBA, deflate, adaptive filters, no interlace
        append(chunk: "IHDR", header, to: &png)
        append(chunk: "IDAT", try deflate(filtered), to: &png)
        append(chunk: "IEND", [], to: &png)
        return png
    }

    static func deflate(_ data: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        let level: Int32 = 6
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15, 9, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ChartsError.cairo(operation: "compress the PNG", status: "zlib could not start")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))))
        var input = data
        let result = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int32 in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else {
            throw ChartsError.cairo(operation: "compress the PNG", status: "zlib returned \(result)")
        }
        return Array(output.prefix(Int(stream.total_out)))
    }

    private static func append(chunk type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count)) + typeBytes + data
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(crc))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
