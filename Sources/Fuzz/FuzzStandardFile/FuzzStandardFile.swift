import FuzzSupport
import JunhengImport

/// Standard variant and curriculum override files (JSON or TOML) on arbitrary text. The first byte chooses:
/// bit 0 TOML or JSON, bit 1 curriculum or standard.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStandardFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    guard let mode = bytes.first else { return 0 }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let isTOML = mode & 1 == 1
    if mode & 2 == 2 {
        _ = try? CurriculumFile.parse(text, isTOML: isTOML, source: "fuzz")
    } else {
        _ = try? StandardLoader.variant(text: text, isTOML: isTOML, source: "fuzz")
    }
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzStandardFile) } }
