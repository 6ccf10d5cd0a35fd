/// A hand-written two-sheet workbook exercising the cell types and package features the reader handles.
enum FixtureWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        </Types>
        """

    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/>
        </Relationships>
        """

    static let workbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="\(main)" xmlns:r="\(rel)">
        <sheets>
        <sheet name="Sheet1" sheetId="1" r:id="rId1"/>
        <sheet name="学校统计" sheetId="2" r:id="rId3"/>
        </sheets>
        </workbook>
        """

    /// Sheet1 relative, 学校统计 absolute.
    static let workbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/>
        <Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>
        <Relationship Id="rId3" Type="\(rel)/worksheet" Target="/xl/worksheets/sheet2.xml"/>
        <Relationship Id="rId4" Type="\(rel)/hyperlink" Target="http://example.invalid/" TargetMode="External"/>
        </Relationships>
        """

    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(main)" count="5" uniqueCount="5">
        <si><t>学校名称</t></si>
        <si><r><rPr><b/></rPr><t>杭州</t></r><r><t xml:space="preserve"> 第一中学</t></r>\
        <rPh sb="0" eb="2"><t>ハンシュウ</t></rPh><phoneticPr fontId="1"/></si>
        <si><t>A &amp; B &lt;x&gt; &#x4E2D;</t></si>
        <si><t xml:space="preserve">  spaced  </t></si>
        <si><t>Line_x000D_Break</t></si>
        </sst>
        """

    static let sheet1 = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(main)" xmlns:r="\(rel)">
        <dimension ref="A1:F9"/>
        <sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>代码</t></is></c>\
        <c r="C1" t="str"><f>"For"&amp;"mula"</f><v>Formula</v></c></row>
        <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>3.301020001E9</v></c><c r="C3" t="n"><v>12.5</v></c>\
        <c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#DIV/0!</v></c></row>
        <row><c t="s"><v>2</v></c><c><v>42</v></c><c t="b"><v>0</v></c></row>
        <row r="6"><c r="A6" s="1"/><c r="B6" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r>\
        <rPh sb="0" eb="1"><t>ふ</t></rPh></is></c></row>
        <row r="7"><c r="A7" s="2"/><c r="B7" s="2"><v></v></c></row>
        <row r="8"><c r="C8"><f>A1+1</f><v>-0.25</v></c><c r="D8"><v>1E-3</v></c><c r="E8"><v>100</v></c>\
        <c r="F8" s="3"/></row>
        <row r="9"><c r="A9" t="s"><v>3</v></c><c r="B9" t="s"><v>4</v></c><c r="AA9"><v>3301020001</v></c></row>
        </sheetData>
        <mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>
        </worksheet>
        """

    static let sheet2 = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(main)">
        <sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>学校</t></is></c><c r="B1" t="inlineStr"><is><t>人数</t></is></c></row>
        <row r="2"><c r="A2" t="inlineStr"><is><t>甲校</t></is></c><c r="B2"><v>1200</v></c></row>
        </sheetData>
        </worksheet>
        """

    static var parts: [(path: String, text: String)] {
        [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRels),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRels),
            ("xl/sharedStrings.xml", sharedStrings),
            ("xl/worksheets/sheet1.xml", sheet1),
            ("xl/worksheets/sheet2.xml", sheet2),
        ]
    }

    /// The fixture with `path` replaced by `text` (or removed when `text` is nil).
    static func parts(replacing path: String, with text: String?) -> [(path: String, text: String)] {
        parts.compactMap { part in
            guard part.path == path else { return part }
            return text.map { (path, $0) }
        }
    }
}
