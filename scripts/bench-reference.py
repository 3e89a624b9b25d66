#!/usr/bin/env python3
"""Reference timings for the export benchmark (core/benches/export.rs): the same print-ready roster
written with Python's openpyxl and XlsxWriter.

    python3 scripts/bench-reference.py ROWS OPENPYXL_OUT XLSXWRITER_OUT [--data ROWS.json] [--repeat N]

Writes ROWS data rows under a title, a subtitle and a header row, every cell with a thin border,
as the Rust export does: merged title (黑体 18 bold), subtitle (note left, date right), bold header
wrapped and centred, 序号 as a number, the other cells as text (never formulas), column widths,
A4 landscape fitted to one page wide, header repeated on every page, frozen panes, page numbers in
the footer. With --data the rows are read from a JSON list of rows (lists of strings, 序号
first), e.g. the cells of the Rust export, so both write exactly the same text; without it,
rows of the same shape are made up.

Prints one JSON object: {"rows", "columns", "openpyxl_s", "xlsxwriter_s", versions}; times are
the median of --repeat runs (default 3) of building the workbook and saving it, reading the data
excluded. Needs: pip install openpyxl xlsxwriter
"""

import argparse
import json
import statistics
import sys
import time

HEADER = ["序号", "姓名", "性别", "民族", "出生日期", "籍贯", "政治面貌", "界别", "联络组", "工作单位",
          "职务", "学历", "手机", "通讯地址"]
CENTRED = {"序号", "性别", "民族", "出生日期"}
TITLE = "政协联络办公室委员名册"
NOTE = "按姓氏笔画为序"
DATE = "2026年11月27日"


def made_up_rows(n):
    rows = []
    for i in range(n):
        rows.append([str(i + 1), "王　伟" if i % 3 else "欧阳明月", "男" if i % 2 else "女", "汉族",
                     f"19{60 + i % 30}-0{1 + i % 9}-1{i % 10}", "浙江杭州", "中共党员", "教育界",
                     f"第{i % 100}联络组", f"城关镇第{i % 50}中学", "校长", "大学本科",
                     f"138****{i % 10000:04d}", f"城关镇人民路{i}号"])
    return rows


def width(text):
    return sum(1 if ord(c) < 0x1100 else 2 for c in text)


def col_widths(rows):
    w = [width(h) for h in HEADER]
    for r in rows:
        for i, v in enumerate(r):
            w[i] = max(w[i], width(v))
    return [min(max(x + 2, 5), 8 if i == 0 else 36) for i, x in enumerate(w)]


def with_openpyxl(rows, out):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "委员名册"
    n = len(HEADER)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=10.5)
    head_font = Font(name="宋体", size=11, bold=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    c = ws.cell(1, 1, TITLE)
    c.font = Font(name="黑体", size=18, bold=True)
    c.alignment = Alignment(horizontal="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n - 3)
    ws.cell(2, 1, NOTE).font = Font(name="宋体", size=11)
    ws.merge_cells(start_row=2, start_column=n - 2, end_row=2, end_column=n)
    c = ws.cell(2, n - 2, DATE)
    c.font = Font(name="宋体", size=11)
    c.alignment = Alignment(horizontal="right")
    for j, h in enumerate(HEADER, 1):
        c = ws.cell(3, j, h)
        c.font, c.border, c.alignment = head_font, border, centre
    aligns = [centre if h in CENTRED else left for h in HEADER]
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            # 序号 as a number; everything else as text (data_type "s": never a formula).
            c = ws.cell(4 + i, j + 1)
            if j == 0:
                c.value = int(v)
            elif v:
                c.value = v
                c.data_type = "s"
            c.font, c.border, c.alignment = body_font, border, aligns[j]
    for j, w in enumerate(col_widths(rows), 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    wb.save(out)


def with_xlsxwriter(rows, out):
    import xlsxwriter

    wb = xlsxwriter.Workbook(out)
    ws = wb.add_worksheet("委员名册")
    n = len(HEADER)
    title = wb.add_format({"font_name": "黑体", "font_size": 18, "bold": True, "align": "center"})
    sub_left = wb.add_format({"font_name": "宋体", "font_size": 11, "align": "left"})
    sub_right = wb.add_format({"font_name": "宋体", "font_size": 11, "align": "right"})
    head = wb.add_format({"font_name": "宋体", "font_size": 11, "bold": True, "align": "center",
                          "valign": "vcenter", "text_wrap": True, "border": 1})
    body = {"font_name": "宋体", "font_size": 10.5, "valign": "vcenter", "text_wrap": True, "border": 1}
    left = wb.add_format(dict(body, align="left"))
    centre = wb.add_format(dict(body, align="center"))
    ws.merge_range(0, 0, 0, n - 1, TITLE, title)
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, n - 4, NOTE, sub_left)
    ws.merge_range(1, n - 3, 1, n - 1, DATE, sub_right)
    for j, h in enumerate(HEADER):
        ws.write_string(2, j, h, head)
    fmts = [centre if h in CENTRED else left for h in HEADER]
    for i, r in enumerate(rows):
        row = 3 + i
        ws.write_number(row, 0, int(r[0]), centre)
        for j in range(1, n):
            v = r[j]
            if v:
                ws.write_string(row, j, v, fmts[j])  # write_string: never a formula
            else:
                ws.write_blank(row, j, None, fmts[j])
    for j, w in enumerate(col_widths(rows)):
        ws.set_column(j, j, w)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    ws.freeze_panes(3, 0)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页 共 &N 页")
    wb.close()


def median_time(fn, rows, out, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(rows, out)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("rows", type=int)
    p.add_argument("openpyxl_out")
    p.add_argument("xlsxwriter_out")
    p.add_argument("--data", help="JSON list of rows (lists of strings, 序号 first)")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    try:
        import openpyxl
        import xlsxwriter
    except ImportError as e:
        print(json.dumps({"error": f"{e}; install with: pip install openpyxl xlsxwriter"}))
        sys.exit(1)
    if a.data:
        with open(a.data, encoding="utf-8") as f:
            rows = json.load(f)[: a.rows]
        if rows and len(rows[0]) != len(HEADER):
            sys.exit(f"--data rows have {len(rows[0])} columns, expected {len(HEADER)}")
    else:
        rows = made_up_rows(a.rows)
    result = {
        "rows": len(rows),
        "columns": len(HEADER),
        "openpyxl_s": median_time(with_openpyxl, rows, a.openpyxl_out, a.repeat),
        "xlsxwriter_s": median_time(with_xlsxwriter, rows, a.xlsxwriter_out, a.repeat),
        "openpyxl_version": openpyxl.__version__,
        "xlsxwriter_version": xlsxwriter.__version__,
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
