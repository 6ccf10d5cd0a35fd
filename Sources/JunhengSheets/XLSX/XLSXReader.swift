import Foundation

/// Reads the cells of one worksheet of an .xlsx file as text.
public enum XLSXReader {
    /// Reads the sheet named `preferredSheet` if present, else the first sheet (workbook order).
    /// A name match is exact first, then ignoring case and surrounding spaces. Without a match,
    /// the first visible worksheet is read (hidden sheets and chartsheets are passed over).
    /// Stops with `XLSXError.readLimit` at the first bound of `limits` passed.
    public static func read(data: Data, preferredSheet: String?, limits: ReadLimits = .default) throws(XLSXError)
        -> (sheetName: String, rows: [SheetRow]) {
        let package = try ZipPackage(data: data, limits: limits)
        let workbookPath = try findWorkbook(in: package)
        let sheets = try WorkbookParser.sheets(in: package.read(workbookPath), part: workbookPath)
        let relsPath = Relationship.relsPath(for: workbookPath)
        let relationships = try Relationship.parse(package.read(relsPath), relsPart: relsPath,
                                                   sourcePart: workbookPath)
        var targets: [String: Relationship] = [:]
        for relationship in relationships { targets[relationship.id] = relationship }

        // Worksheets only: a chartsheet or dialog sheet has no cells.
        let worksheets = sheets.compactMap { sheet -> (WorkbookSheet, String)? in
            guard let relationship = targets[sheet.relationshipID],
                  relationship.isOfKind("worksheet") || relationship.type.isEmpty else { return nil }
            return (sheet, relationship.target)
        }
        guard let chosen = choose(preferredSheet, among: worksheets) else { throw .noWorksheet }

        var sharedStrings: [String] = []
        let sharedPath = relationships.first { $0.isOfKind("sharedStrings") }?.target ?? "xl/sharedStrings.xml"
        if package.contains(sharedPath) {
            sharedStrings = try SharedStrings.strings(in: package.read(sharedPath), part: sharedPath, limits: limits)
        }
        let rows = try WorksheetParser.rows(in: package.read(chosen.1), part: chosen.1,
                                            sharedStrings: sharedStrings, limits: limits)
        return (chosen.0.name, rows)
    }

    /// Reads the file at `url`; see `read(data:preferredSheet:)`.
    public static func read(url: URL, preferredSheet: String?, limits: ReadLimits = .default) throws(XLSXError)
        -> (sheetName: String, rows: [SheetRow]) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .unreadable("\(url.path): \(error.localizedDescription)")
        }
        return try read(data: data, preferredSheet: preferredSheet, limits: limits)
    }

    /// The workbook part named by the package relationships, else xl/workbook.xml.
    private static func findWorkbook(in package: ZipPackage) throws(XLSXError) -> String {
        let packageRels = Relationship.relsPath(for: "")
        if package.contains(packageRels) {
            let relationships = try Relationship.parse(package.read(packageRels), relsPart: packageRels,
                                                       sourcePart: "")
            if let target = relationships.first(where: { $0.isOfKind("officeDocument") })?.target,
               package.contains(target) {
                return target
            }
        }
        let conventional = "xl/workbook.xml"
        guard package.contains(conventional) else { throw .missingPart(conventional) }
        return conventional
    }

    private static func choose(_ preferred: String?, among sheets: [(WorkbookSheet, String)])
        -> (WorkbookSheet, String)? {
        if let preferred {
            if let exact = sheets.first(where: { $0.0.name == preferred }) { return exact }
            let wanted = preferred.trimmingSpaces().lowercased()
            if let loose = sheets.first(where: { $0.0.name.trimmingSpaces().lowercased() == wanted }) {
                return loose
            }
        }
        return sheets.first { !$0.0.isHidden } ?? sheets.first
    }
}
