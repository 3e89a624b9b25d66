#!/usr/bin/env python3
"""Crafted spreadsheets the importer must refuse quickly and within little memory
(core/tests/all/crafted.rs). Regenerate with: python3 scripts/gen-crafted-fixtures.py
(the .xls needs LibreOffice: soffice on PATH)."""
import os, subprocess, tempfile, zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "core", "tests", "fixtures", "crafted")

CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = "</sheetData></worksheet>"


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(path, sheet_chunks):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_chunks:
                f.write(chunk.encode())


def main():
    os.makedirs(OUT, exist_ok=True)
    # One value at A1, one at the very last cell Excel has: 2 KB that would ask for 1.7e10 cells.
    xlsx(os.path.join(OUT, "far-cell.xlsx"),
         [HEAD, f'<row r="1">{cell("A1", "姓名")}</row>', f'<row r="1048576">{cell("XFD1048576", "x")}</row>', TAIL])
    # A zip bomb: a sheet that inflates to 600 MB (of blanks between two rows).
    blanks = " " * (1 << 20)
    xlsx(os.path.join(OUT, "bomb.xlsx"),
         [HEAD, f'<row r="1">{cell("A1", "姓名")}</row>'] + [blanks] * 600 + [TAIL])
    # The .xls kind: a value at the last cell of BIFF8 (IV65536), written by LibreOffice.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "far-cell-xls.xlsx")
        xlsx(src, [HEAD, f'<row r="1">{cell("A1", "姓名")}</row>', f'<row r="65536">{cell("IV65536", "x")}</row>', TAIL])
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, src], check=True,
                       stdout=subprocess.DEVNULL)
        os.replace(os.path.join(tmp, "far-cell-xls.xls"), os.path.join(OUT, "far-cell.xls"))


if __name__ == "__main__":
    main()
