import CGzip

/// GZIP through zlib (Debian's zlib1g), for Bitstring Status Lists.
public enum Gzip {
    /// GZIP-compressed `bytes`.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress; stream.avail_in = UInt32(inp.count)
                stream.next_out = o.baseAddress; stream.avail_out = UInt32(o.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return 0 }
                return o.count - Int(stream.avail_out)
            }
        }
        return Array(out.prefix(produced))
    }

    /// The inflated bytes of GZIP data, at most `limit` of them; nil when the data is not GZIP or inflates past `limit`.
    public static func decompress(_ bytes: [UInt8], limit: Int = 16 << 20) -> [UInt8]? {
        guard !bytes.isEmpty, bytes.count <= limit else { return nil }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = bytes
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress; stream.avail_in = UInt32(inp.count)
            while true {
                let (status, got): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress; stream.avail_out = UInt32(c.count)
                    let s = inflate(&stream, Z_NO_FLUSH)
                    return (s, c.count - Int(stream.avail_out))
                }
                result.append(contentsOf: chunk.prefix(got))
                if result.count > limit { return false }
                if status == Z_STREAM_END { return stream.avail_in == 0 }
                if status != Z_OK { return false }
                if got == 0 && stream.avail_in == 0 { return false }
            }
        }
        return ok ? result : nil
    }
}
