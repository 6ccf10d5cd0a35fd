import Foundation
import FuzzSupport
import JunhengImport

/// The 三个课堂 importer on arbitrary bytes: the input is split at 0x1E (record separator) into schools,
/// classes, teachers and lessons, each CSV or XLSX.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClassrooms(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let pieces = FuzzDriver.bytes(data, size).split(separator: 0x1E, maxSplits: 3, omittingEmptySubsequences: false)
    var files: [ClassroomFile: (name: String, data: Data)] = [:]
    for (kind, piece) in zip(ClassroomFile.allCases, pieces) { files[kind] = (kind.rawValue + ".csv", Data(piece)) }
    _ = try? ClassroomImporter.importFiles(files, limits: FuzzDriver.limits)
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzClassrooms) } }
