import Foundation
import FuzzSupport
import JunhengImport
import JunhengSheets
import Seats

/// The seats importer (the web upload's entry point) on arbitrary bytes: the input is split at 0x1E into units,
/// children, housing, schools, adjacency, travel and enrolment (absent optional pieces are left out), each CSV or XLSX.
/// On an accepted county the neighbour graph (adjacency, GeoJSON geometry or Delaunay) is built, and the county
/// written back with `SeatsWriter` must import again with the same units, schools and children.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeats(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let pieces = FuzzDriver.bytes(data, size).split(separator: 0x1E, maxSplits: SeatsFile.allCases.count - 1,
                                                    omittingEmptySubsequences: false)
    var files: [SeatsFile: (name: String, data: Data)] = [:]
    for (kind, piece) in zip(SeatsFile.allCases, pieces) { files[kind] = (kind.rawValue + ".csv", Data(piece)) }
    guard let county = try? SeatsImporter.importFiles(files, limits: FuzzDriver.limits) else { return 0 }
    _ = UnitNeighbours(county: county)
    var again: [SeatsFile: (name: String, data: Data)] = [:]
    for table in SeatsWriter.tables(county) {
        var w = CSVWriter()
        for r in table.rows { w.append(r) }
        again[table.file] = (table.file.rawValue + ".csv", Data(w.text.utf8))
    }
    let back: SeatsCounty
    do { back = try SeatsImporter.importFiles(again, asOfYear: county.asOfYear, limits: FuzzDriver.limits) } catch {
        preconditionFailure("SeatsWriter output does not import again: \(error)")
    }
    precondition(back.units.map(\.code) == county.units.map(\.code), "units differ after the round trip")
    precondition(back.schools.map(\.code) == county.schools.map(\.code), "schools differ after the round trip")
    precondition(back.children.map(\.count).reduce(0, +) == county.children.map(\.count).reduce(0, +), "children differ")
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzSeats) } }
