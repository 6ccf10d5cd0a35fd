import Foundation
import FuzzSupport
import JunhengSheets

/// The XLSX reader (zip, relationships, workbook, shared strings, worksheet) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(FuzzDriver.bytes(data, size))
    guard let sheet = try? XLSXReader.read(data: bytes, preferredSheet: "学校统计", limits: FuzzDriver.limits) else { return 0 }
    precondition(sheet.rows.allSatisfy { $0.number >= 1 && $0.cells.count <= FuzzDriver.limits.columns })
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzXLSX) } }
