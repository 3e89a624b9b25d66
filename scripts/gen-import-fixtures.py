#!/usr/bin/env python3
"""Build the messy roster files the import tests read (core/tests/fixtures/import/), and the outcome
each data row must have (expected.json). Every person is invented; ID numbers are made valid (or
deliberately broken) by computing the GB 11643 check character.

Run from the repository root:  pip install openpyxl && python3 scripts/gen-import-fixtures.py [district]
(`district`: only the 300-row district roster, district-roster.xlsx, and what the journey fixes in it)
The .xls file is converted from an .xlsx by LibreOffice (soffice --headless); it is skipped, with a
note, when soffice is missing. The outputs are committed, so the tests never need Python.
"""
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment

OUT = os.path.join("core", "tests", "fixtures", "import")
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"


def idn(area, birth, seq, bad=False):
    """An 18-digit ID number: area (6), birth YYYYMMDD, sequence (3; odd = male)."""
    f17 = f"{area}{birth}{seq:03d}"
    c = C[sum(int(d) * w for d, w in zip(f17, W)) % 11]
    if bad:
        c = "0" if c != "0" else "1"
    return f17 + c


def idn_x(area, birth, female):
    """An ID number whose check character is X (to write it as a lower-case x)."""
    for seq in range(2 if female else 1, 999, 2):
        n = idn(area, birth, seq)
        if n.endswith("X"):
            return n
    raise ValueError("no X")


def full_width(s):
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in s)


expected = {}


def expect(file, sheet, row, outcome, code=None):
    expected.setdefault(file, {})[f"{sheet}!{row}"] = [outcome, code]


def messy_xlsx(path):
    """The roster as offices really keep it: a merged title, a subtitle, spaced header names, merged
    group cells, IDs as numbers, dates in every form, a duplicate, a totals row and a note."""
    f = os.path.basename(path)
    LI = idn_x("330106", "19710309", female=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "城关片"
    ws.merge_cells("A1:L1")
    ws["A1"] = "政协东港区第十五届委员会委员名册"
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "（按姓氏笔画为序）    填报日期：2026年11月"
    expect(f, "城关片", 1, "skipped", "title")
    expect(f, "城关片", 2, "skipped", "title")
    header = ["序号", "姓 名", "性别", "民族", "出生年月", "公民身份号码", "党派", "界别", "所属联络组", "工作单位及职务", "手机号码", "备注"]
    ws.append([])  # row 3 blank (above the header: not reported)
    ws.append(header)  # row 4
    expect(f, "城关片", 4, "skipped", "header")
    rows = [
        # (cells..., expected outcome, code)
        (["王　伟", "男", "汉", "1968.05", idn("330106", "19680512", 11), "民盟", "民盟", "城关联络组", "东港区第一中学校长", "13800138000/0571-87654321", ""], "new", None),
        (["李 娜", "", "汉族", "1971年3月", " ".join([LI[:6], LI[6:14], LI[14:].lower()]), "中共", "中共", None, "东港区人民医院副院长", "13900139000", ""], "new", None),
        (["赵国庆", "男", "汉", "1969.10", "NUMBER:" + idn("330106", "19691001", 33), "九三", "九三学社", None, "东港区农科所", "13700137000", ""], "error", "id_precision_lost"),
        (["钱永年", "男", "回", "1952.07", "330106520708051", "无党派", "无党派人士", "城关", "退休", "13600136000 13500135000", ""], "new", None),
        (["孙　丽", "女", "汉", "1980-02-14", full_width(idn("330106", "19800214", 64)), "群众", "经济界", "城关组", "东港农商银行", "", ""], "new", None),
        (["周建华", "男", "汉", "1975.06", idn("330106", "19750601", 75, bad=True), "民建", "民建", None, "建华贸易公司董事长", "13300133000", ""], "error", "id_checksum"),
        ([""] * 11, "skipped", "blank"),
        (["", "女", "汉", "1981.01", idn("330106", "19810101", 82), "民进", "民进", None, "东港区实验小学", "13200132000", ""], "error", "missing_name"),
        (["吴晓梅", "女", "汉", "DATE:1970-03-08", "", "民进", "教育界", None, "东港区第二中学", "13100131000", ""], "new", None),
        (["郑　涛", "男", "汉", "SERIAL:25000", "", "农工党", "医卫界", None, "东港区中医院", "18800188000", ""], "new", None),
        (["王　伟", "男", "汉", "1968.05", idn("330106", "19680512", 11), "民盟", "民盟", "城关联络组", "东港区第一中学校长", "13800138000", "重复录入"], "error", "duplicate_in_file"),
        (["冯　博", "男", "汉", "1979.09", "33010619790901123", "致公党", "致公党", None, "东港区侨联", "15900159000", ""], "error", "id_format"),
        (["陈思远", "男", "汉", "1966/8", idn("330106", "19660815", 91), "九三学社社员", "九三学社", None, "东港区科协", "15800158000", "=SUM(A1:A2)"], "new", None),
        (["褚明", "男", "汉", "1973.04", idn("330106", "19730404", 13), "群众", "外星界", None, "东港区文联", "15700157000", ""], "error", "unknown_sector"),
        (["卫兰芳", "女", "满", "1985.11", idn("330106", "19851120", 24), "民革党员", "民革", None, "东港区台办", "15600156000", ""], "new", None),
    ]
    for i, (cells, outcome, code) in enumerate(rows):
        r = 5 + i
        values = [str(i + 1) if any(cells) else ""] + [c if c is not None else "" for c in cells]
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            if isinstance(v, str) and v.startswith("NUMBER:"):
                cell.value = int(v[7:])  # Excel keeps 15 significant digits: the number is damaged
                cell.number_format = "0"
            elif isinstance(v, str) and v.startswith("DATE:"):
                cell.value = datetime.date.fromisoformat(v[5:])
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(v, str) and v.startswith("SERIAL:"):
                cell.value = int(v[7:])
            elif v != "":
                cell.value = v
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
        expect(f, "城关片", r, outcome, code)
    # The group column (I) merged down over 王伟's and 李娜's rows: both are in 城关联络组.
    ws.merge_cells("I5:I6")
    last = 5 + len(rows)
    ws.cell(row=last, column=1, value=f"合计：{len(rows)} 人")
    expect(f, "城关片", last, "skipped", "totals")
    ws.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=12)
    ws.cell(row=last + 1, column=1, value="注：本名册仅供内部工作使用，请勿外传。")
    expect(f, "城关片", last + 1, "skipped", "note")

    # Sheet 2: a two-row header (联系方式 over 手机 | 办公电话), updates of members already in the
    # database, mismatches with the ID number, an ambiguous year.month number, a bad phone number.
    ws2 = wb.create_sheet("东城片")
    ws2["A1"] = "东城联络组委员名单"
    expect(f, "东城片", 1, "skipped", "title")
    ws2.append(["序号", "姓名", "性别", "出生日期", "身份证号码", "政治面貌", "界别", "联络组", "单位", "职务", "联系方式", None, "专委会"])
    ws2.append([None, None, None, None, None, None, None, None, None, None, "手机", "办公电话", None])
    ws2.merge_cells("K2:L2")
    for col in "ABCDEFGHIJM":
        ws2.merge_cells(f"{col}2:{col}3")
    expect(f, "东城片", 2, "skipped", "header")
    expect(f, "东城片", 3, "skipped", "header")
    rows2 = [
        # Already in the database (the test creates 何振东 with another work unit): an update.
        (["何振东", "男", "1962-04-18", idn("330106", "19620418", 57), "中共党员", "中国共产党", "东城联络组", "东港区东城街道", "党工委书记", "13012345678", "0571-86001234", "提案委"], "update", None),
        # Already in the database with exactly these values: unchanged.
        (["吕秀英", "女", "1964-09-30", idn("330106", "19640930", 68), "民盟盟员", "中国民主同盟", "东城联络组", "东港区图书馆", "馆长", "13112345678", "", "文化文史和学习委员会"], "unchanged", None),
        (["施文杰", "男", "1968-05-12", idn("330106", "19680513", 79), "群众", "经济界", "东城联络组", "文杰商贸", "经理", "13212345678", "", ""], "error", "birth_mismatch"),
        (["张　敏", "男", "1977-07-07", idn("330106", "19770707", 80), "群众", "经济界", "东城联络组", "敏达科技", "总经理", "13312345678", "", ""], "error", "gender_mismatch"),
        (["孔令辉", "男", 1968.1, "", "群众", "体育界", "东城联络组", "东港区体育中心", "主任", "13412345678", "", ""], "error", "date_ambiguous"),
        (["曹　阳", "男", "1983.12", "", "群众", "新闻出版界", "东城联络组", "东港日报社", "记者", "138001", "", ""], "error", "phone_format"),
        (["严　华", "女", 1986.05, "", "民进会员", "教育界", "东城联络组", "东港区第三小学", "校长", "13512345678", "", "教科卫体委"], "new", None),
    ]
    for i, (cells, outcome, code) in enumerate(rows2):
        r = 4 + i
        ws2.append([i + 1] + cells)
        expect(f, "东城片", r, outcome, code)
    ws2.cell(row=4 + len(rows2), column=1, value="填表人：东城联络组")
    expect(f, "东城片", 4 + len(rows2), "skipped", "note")

    ws3 = wb.create_sheet("填表说明")
    ws3["A1"] = "1. 身份证号码请设置为文本格式。"
    ws3["A2"] = "2. 出生年月格式为 1968.05。"
    wb.save(path)


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华文辉建国红玲志海峰林燕萍春晓慧波宁宇鹏斌凯琳雪梅丹蕾晨阳彬荣新东德立成永卫嘉怡博思远益清源正和"
SECTORS = ["中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "无党派", "工商联", "妇联", "科协", "经济界", "农业界",
           "教育界", "科技界", "医卫界", "文艺界", "新闻出版界", "体育界", "社会福利和社会保障界", "少数民族界", "宗教界", "特邀"]
PARTY_OF = {"中共": "中共党员", "民革": "民革", "民盟": "民盟", "民建": "民建", "民进": "民进", "农工党": "农工党", "致公党": "致公党",
            "九三学社": "九三学社", "无党派": "无党派"}
UNITS = ["区第一中学", "区人民医院", "区农科所", "区文联", "区科协", "区工商联", "区妇联", "区实验小学", "区中医院", "区图书馆", "区日报社",
         "港务集团", "农商银行", "区体育中心", "区民宗局", "区残联", "区社会福利院", "区职业中专", "区疾控中心", "区档案馆"]
TITLES = ["校长", "院长", "副院长", "所长", "主席", "副主席", "经理", "董事长", "主任", "副主任", "馆长", "社长", "教师", "主任医师"]
PIECES = [  # (sheet, groups as the sheet writes them, data rows)
    ("城关片", ["城关联络组", "城关组", "城关"], 110),
    ("东城片", ["东城联络组", "东城组"], 100),
    ("西城片", ["西城联络组", "西城"], 90),
]
# The rows the journey fixes (tests/e2e/journey.rs): (sheet, index in the sheet) → the fault.
FAULTS = {
    ("城关片", 7): "id_number",      # the ID number typed as a number: its last digits lost
    ("城关片", 40): "id_checksum",   # one digit mistyped
    ("东城片", 12): "phone",         # a short mobile number
    ("东城片", 55): "missing_name",  # the name left out
    ("西城片", 20): "date",          # 1968.1: October or January?
    ("西城片", 61): "duplicate",     # 城关片's 3rd person again
}


def district_xlsx(path):
    """The roster of a whole district, 300 rows over three sheets, as offices keep it: a merged title
    and a filled-in date over the header, short sector and party names, groups written three ways and
    merged down their block, dates in every form, ID numbers with spaces, full-width digits, phones with
    dashes, a totals row and a note on each sheet — and six rows a clerk must fix (FAULTS)."""
    import random
    f = os.path.basename(path)
    rng = random.Random(20261201)
    wb = Workbook()
    first = True
    people = {}
    seqs = set()
    for sheet, groups, n in PIECES:
        ws = wb.active if first else wb.create_sheet(sheet)
        first = False
        ws.title = sheet
        ws.merge_cells("A1:K1")
        ws["A1"] = f"政协东港区第十五届委员会委员名册（{sheet}）"
        ws["A1"].alignment = Alignment(horizontal="center")
        ws["A2"] = "填报单位：区政协联络办    填报日期：2026年11月"
        expect(f, sheet, 1, "skipped", "title")
        expect(f, sheet, 2, "skipped", "title")
        ws.append(["序号", "姓  名", "性别", "民族", "出生年月", "身份证号码", "党派", "界别", "所属联络组", "工作单位及职务", "联系电话"])
        expect(f, sheet, 3, "skipped", "header")
        block = max(1, n // len(groups))
        for i in range(n):
            r = 4 + i
            fault = FAULTS.get((sheet, i))
            male = rng.random() < 0.6
            while True:
                y, m, d = rng.randint(1958, 1990), rng.randint(1, 12), rng.randint(1, 28)
                seq = rng.randrange(0, 400) * 2 + (1 if male else 0)
                if (y, m, d, seq) not in seqs:
                    seqs.add((y, m, d, seq))
                    break
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
            while name in people:
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2))
            sector = rng.choice(SECTORS)
            party = PARTY_OF.get(sector, "群众" if rng.random() < 0.7 else "中共")
            birth = f"{y}{m:02d}{d:02d}"
            idno = idn("330106", birth, seq)
            dates = [f"{y}.{m:02d}", f"{y}年{m}月", f"{y}-{m:02d}-{d:02d}", f"{y}/{m}"]
            born = dates[i % len(dates)]
            shown_id = idno if i % 9 else " ".join([idno[:6], idno[6:14], idno[14:]])
            mobile = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
            phone = mobile if i % 5 else f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}"
            if i % 13 == 0:
                phone = full_width(phone)
            cells = [i + 1, name if len(name) > 2 else name[0] + "　" + name[1:], "男" if male else "女", "汉", born, shown_id, party,
                     sector, groups[(i // block) % len(groups)] if i % block == 0 else None,
                     rng.choice(UNITS).replace("区", "东港区", 1) + rng.choice(TITLES), phone]
            outcome, code = "new", None
            if fault == "id_number":
                cells[5] = int(idno[:17] + "0") if idno[17] == "X" else int(idno)
                outcome, code = "error", "id_precision_lost"
            elif fault == "id_checksum":
                cells[5] = idn("330106", birth, seq, bad=True)
                outcome, code = "error", "id_checksum"
            elif fault == "phone":
                cells[10] = mobile[:6]
                outcome, code = "error", "phone_format"
            elif fault == "missing_name":
                cells[1] = ""
                outcome, code = "error", "missing_name"
            elif fault == "date":
                cells[4] = float(f"{y}.1")
                cells[5] = ""
                outcome, code = "error", "date_ambiguous"
            elif fault == "duplicate":
                cells = [i + 1] + people["first"]
                outcome, code = "error", "duplicate_in_file"
            if sheet == "城关片" and i == 2:
                people["first"] = cells[1:8] + [None] + cells[9:]
            people[name] = (idno, f"{y}.{m:02d}")
            for col, v in enumerate(cells, start=1):
                if v is None:
                    continue
                c = ws.cell(row=r, column=col, value=v)
                if isinstance(v, int) and col == 6:
                    c.number_format = "0"
            expect(f, sheet, r, outcome, code)
            if fault:
                FIXES[(sheet, r)] = {"fault": fault, "name": name, "id_number": idno, "born": f"{y}.{m:02d}", "mobile": mobile}
        # The group cell merged down its block, as offices do.
        for b in range(0, n, block):
            end = min(n, b + block) - 1
            if end > b:
                ws.merge_cells(start_row=4 + b, start_column=9, end_row=4 + end, end_column=9)
        last = 4 + n
        ws.cell(row=last, column=1, value=f"合计：{n} 人")
        expect(f, sheet, last, "skipped", "totals")
        ws.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=11)
        ws.cell(row=last + 1, column=1, value="注：本名册仅供内部工作使用，请勿外传。")
        expect(f, sheet, last + 1, "skipped", "note")
    wb.save(path)


FIXES = {}


def csv_rows():
    return [
        ["政协东港区委员通讯录"],
        ["姓名", "性别", "身份证号", "手机", "政治面貌", "界别", "工作单位"],
        ["欧阳明", "", idn("330106", "19700101", 15), "13812345678", "民盟", "教育界", "东港区职业中专"],
        ["单　丹", "女", idn("330106", "19880808", 26), "+86 139-1234-5678", "群众", "医药卫生界", "东港区妇幼保健院"],
        ["曾　凡", "男", "3.30106E+17", "13712345678", "中共", "经济界", "东港港务集团"],
        ["合计", "", "", "", "", "", ""],
    ]


def write_csv(path, encoding, bom=False):
    f = os.path.basename(path)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(csv_rows())
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as fh:
        fh.write(data)
    sheet = os.path.splitext(f)[0]
    for row, outcome, code in [(1, "skipped", "title"), (2, "skipped", "header"), (3, "new", None), (4, "new", None), (5, "error", "id_precision_lost"), (6, "skipped", "totals")]:
        expect(f, sheet, row, outcome, code)


def legacy_xls(path):
    """A simple roster saved as Excel 97-2003 (.xls): header on row 1, a merged group column."""
    f = os.path.basename(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["序号", "姓名", "性别", "出生年月", "政治面貌", "界别", "联络组", "工作单位"])
    expect(f, "名单", 1, "skipped", "header")
    data = [
        ["柏　松", "男", "1958.03", "民革", "民革", "西城联络组", "东港区政协"],
        ["水云清", "女", "1961.12", "台盟", "台盟", None, "东港区台联"],
        ["窦仲文", "男", "1972.06", "致公党", "致公党", None, "东港区侨办"],
    ]
    for i, d in enumerate(data):
        ws.append([i + 1] + d)
        expect(f, "名单", 2 + i, "new", None)
    ws.merge_cells("G2:G4")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "legacy.xlsx")
        wb.save(src)
        soffice = shutil.which("soffice")
        if not soffice:
            print("soffice not found: legacy.xls not regenerated", file=sys.stderr)
            return
        subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", tmp, src], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "legacy.xls"), path)


def main():
    os.makedirs(OUT, exist_ok=True)
    if sys.argv[1:] == ["district"]:
        # Only the 300-row district roster (the others keep their bytes).
        with open(os.path.join(OUT, "expected.json"), encoding="utf-8") as fh:
            expected.update(json.load(fh))
        expected.pop("district-roster.xlsx", None)
        district_xlsx(os.path.join(OUT, "district-roster.xlsx"))
        write_outputs()
        return
    messy_xlsx(os.path.join(OUT, "messy-roster.xlsx"))
    write_csv(os.path.join(OUT, "contacts-gbk.csv"), "gbk")
    write_csv(os.path.join(OUT, "contacts-utf8-bom.csv"), "utf-8", bom=True)
    legacy_xls(os.path.join(OUT, "legacy.xls"))
    district_xlsx(os.path.join(OUT, "district-roster.xlsx"))
    write_outputs()


def write_outputs():
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, sort_keys=True)
    # What the journey types to fix each flagged row of the district roster.
    with open(os.path.join(OUT, "district-fixes.json"), "w", encoding="utf-8") as fh:
        fixes = [dict(sheet=s, row=r, **v) for (s, r), v in sorted(FIXES.items())]
        json.dump(fixes, fh, ensure_ascii=False, indent=1)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
