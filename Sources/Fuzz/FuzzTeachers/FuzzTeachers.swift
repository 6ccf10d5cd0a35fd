import EquityKit
import Foundation
import FuzzSupport
import JunhengImport
import Teachers

/// The teacher register importer on arbitrary bytes (CSV or XLSX). On an accepted register the figures are derived
/// and every derived subset count must be within the section's teachers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeachers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let key = IDNumberKey(bytes: Array("fuzz-key-0123456789".utf8))!
    guard let register = try? TeacherRegisterImporter.parse(data: Data(FuzzDriver.bytes(data, size)), file: "r.csv", key: key,
                                                            limits: FuzzDriver.limits) else { return 0 }
    precondition(!register.teachers.isEmpty, "an accepted register has teachers")
    for f in TeacherFigures.derive(register) {
        for q in SectionFigures.quantities { precondition((f[q] ?? 0) <= f.teachers, "a subset larger than the teachers") }
    }
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzTeachers) } }
