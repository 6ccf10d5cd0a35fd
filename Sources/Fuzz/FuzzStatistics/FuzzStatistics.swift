import EquityKit
import FuzzSupport
import JunhengImport

/// The statistics importer on arbitrary bytes (CSV in any encoding or XLSX), then the evaluation of what it
/// accepted. Oracle: an accepted file written back with the template writer imports to the same records.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatistics(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let options = ImportOptions(limits: FuzzDriver.limits)
    guard let imported = try? StatisticsImporter.importData(FuzzDriver.bytes(data, size), options: options) else { return 0 }
    for standard in BuiltInStandards.all { _ = try? Evaluator.evaluate(imported.records, standard: standard) }
    let again = try? StatisticsImporter.importData(Array(TemplateWriter.csv(imported.records).utf8), options: options)
    let strip = { (r: [StatisticsRecord]) in r.map { var c = $0; c.row = 0; return c } }
    precondition(again.map { strip($0.records) == strip(imported.records) } == true, "template round trip changed the records")
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzStatistics) } }
