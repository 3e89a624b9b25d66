//! The plenary's papers as a clerk prints them (issue 11): the 签到表 can be signed (row height and the
//! 签名 column's width read back from the sheet's XML), the 分组名单's 汇总 wraps long 界别 text inside
//! taller rows, and the attendee codes printed on the 出席证 and 座位票 find the right person.

use crate::common::{open, zip_text};
use liaison_core::documents::DocumentFormat;
use liaison_core::sessions::scan::{as_code, attendee_code, code_is_valid};
use liaison_core::sessions::types::*;
use std::collections::HashMap;

fn req(session: &str, document: SessionDocument) -> SessionExport {
    SessionExport {
        session_id: session.into(),
        document,
        sitting_id: None,
        with_phone: false,
        format: DocumentFormat::Xlsx,
    }
}

/// The value of `attr="…"` in an XML tag's text.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!("{attr}=\"");
    let i = tag.match_indices(&key).find(|(i, _)| *i == 0 || tag.as_bytes()[i - 1] == b' ')?.0 + key.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// Column widths (Excel units) by column number (1-based) from `<col min max width>`.
fn col_widths(xml: &str) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    for tag in xml.split("<col ").skip(1).map(|t| &t[..t.find("/>").unwrap()]) {
        let (min, max): (u32, u32) =
            (attr(tag, "min").unwrap().parse().unwrap(), attr(tag, "max").unwrap().parse().unwrap());
        let w: f64 = attr(tag, "width").unwrap().parse().unwrap();
        for c in min..=max {
            out.insert(c, w);
        }
    }
    out
}

/// Row heights (points) by row number (1-based) for the rows that set one.
fn row_heights(xml: &str) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    for tag in xml.split("<row ").skip(1).map(|t| &t[..t.find('>').unwrap()]) {
        if let Some(h) = attr(tag, "ht") {
            out.insert(attr(tag, "r").unwrap().parse().unwrap(), h.parse().unwrap());
        }
    }
    out
}

/// An Excel column width in mm as printed at 100 %: Calibri 11's digit is 7 px wide, a column of width w
/// (as stored, padding included) is trunc(w × 7 + 0.5) px at 96 px an inch.
fn width_mm(w: f64) -> f64 {
    (w * 7.0 + 0.5).trunc() / 96.0 * 25.4
}

const PT_MM: f64 = 25.4 / 72.0;

#[test]
fn the_sign_in_sheet_can_be_signed() {
    let (dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let out = dir.path().join("签到表.xlsx");
    db.export_session(&req(&s.id, SessionDocument::SignIn), &out).unwrap();
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    let widths = col_widths(&xml);
    let heights = row_heights(&xml);
    // 序号 姓名 界别 分组 签名 备注: the 签名 column is the 5th.
    let sign = width_mm(widths[&5]);
    assert!(sign >= 40.0, "签名 column {sign:.1} mm");
    let names = s.members + s.observers;
    let body: Vec<f64> = (4..4 + names).map(|r| heights[&r]).collect();
    assert!(body.iter().all(|h| h * PT_MM >= 10.0), "rows {:?} pt", &body[..3]);
    // A4 portrait, one page wide with no shrinking: the columns fit in the printable width.
    assert!(xml.contains("paperSize=\"9\"") && !xml.contains("orientation=\"landscape\""), "A4 portrait");
    assert!(xml.contains("fitToWidth=\"1\"") || xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "fit to width");
    let margins = &xml[xml.find("<pageMargins").unwrap()..];
    let m = |a: &str| attr(margins, a).unwrap().parse::<f64>().unwrap() * 25.4;
    let total: f64 = (1..=6).map(|c| width_mm(widths[&c])).sum();
    assert!(total <= 210.0 - m("left") - m("right"), "columns {total:.0} mm wide");
    // Names a page: the first page under the title, the subtitle and the header; later pages under the
    // repeated header only.
    let room = 297.0 - m("top") - m("bottom");
    let first = ((room - (heights[&1] + heights[&2] + heights[&3]) * PT_MM) / (body[0] * PT_MM)).floor();
    let later = ((room - heights[&3] * PT_MM) / (body[0] * PT_MM)).floor();
    assert!((18.0..=25.0).contains(&first) && (18.0..=25.0).contains(&later), "{first} / {later} names a page");
    assert!(xml.contains("<definedName") || zip_text(&out, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
    eprintln!(
        "签到表.xlsx: 签名 column width {} = {sign:.1} mm; rows {} pt = {:.1} mm; {first} names on page 1, {later} after",
        widths[&5],
        body[0],
        body[0] * PT_MM
    );
}

#[test]
fn the_group_summary_wraps_long_sectors_in_taller_rows() {
    let (dir, mut db) = open();
    db.load_demo(300, Some(3)).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let groups = db.session(&s.id).unwrap().groups;
    let out = dir.path().join("分组名单.xlsx");
    db.export_session(&req(&s.id, SessionDocument::Groups), &out).unwrap();
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    let widths = col_widths(&xml);
    let heights = row_heights(&xml);
    // 序号 组别 讨论地点 召集人 人数 界别: 界别 is the 6th column.
    let w = widths[&6];
    let mut wrapped = 0;
    for (i, g) in groups.iter().enumerate() {
        let text = g.sectors.join("、");
        let units: usize = text.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum();
        let lines = (units as f64 / (w - 1.5)).ceil().max(1.0);
        let row = 4 + i as u32;
        if lines > 1.0 {
            wrapped += 1;
            let h = heights.get(&row).copied().unwrap_or(15.0);
            assert!(
                h >= lines * 13.5,
                "{}: {units} units in a column of {w}: {lines} lines need {} pt, row is {h}",
                g.name,
                lines * 13.5
            );
        }
    }
    assert!(wrapped > 0, "the demo's groups have long sector lists");
    assert!(xml.contains("wrapText") || zip_text(&out, "xl/styles.xml").contains("wrapText=\"1\""));
}

#[test]
fn an_attendee_code_finds_that_attendee_and_no_one_else() {
    let (_dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let people = db.session_attendees(&s.id, &AttendeeQuery::default()).unwrap();
    // Codes are unique on the list, carry no phone or ID digits, and are the attendee's.
    let mut seen = std::collections::HashSet::new();
    for a in &people {
        assert_eq!(a.code, attendee_code(&a.id));
        assert!(code_is_valid(&a.code) && seen.insert(a.code.clone()), "{}", a.code);
        let found = db.attendee_by_code(&s.id, &a.code).unwrap().expect("found");
        assert_eq!(found.id, a.id);
    }
    // Typed with spaces, as printed, or in full-width digits.
    let a = &people[7];
    let spaced = format!("{} {} {}", &a.code[..4], &a.code[4..8], &a.code[8..]);
    assert_eq!(db.attendee_by_code(&s.id, &spaced).unwrap().unwrap().id, a.id);
    let wide: String = a.code.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect();
    assert_eq!(as_code(&wide).as_deref(), Some(a.code.as_str()));

    // A scan checks in exactly that person, with the desk's items; a second scan says already.
    let todo = people.iter().find(|a| a.checked_in_at.is_none()).expect("someone not checked in");
    let before = db.check_in_counts(&s.id).unwrap().checked_in;
    let o = db
        .check_in_by_code(ScanCheckInInput {
            session_id: s.id.clone(),
            code: format!("{}\n", todo.code),
            proxy: String::new(),
            items: vec!["出席证".into()],
        })
        .unwrap();
    assert!(!o.already);
    assert_eq!(o.update.attendee.id, todo.id);
    assert!(o.update.attendee.checked_in_at.is_some());
    assert_eq!(o.update.attendee.items, ["出席证"]);
    assert_eq!(o.update.counts.checked_in, before + 1);
    let again = db
        .check_in_by_code(ScanCheckInInput { session_id: s.id.clone(), code: todo.code.clone(), ..Default::default() })
        .unwrap();
    assert!(again.already && again.update.attendee.id == todo.id);
    assert_eq!(again.update.counts.checked_in, before + 1);

    // Unknown codes, a wrong check digit, and what is not a code are refused in Chinese.
    let mut other = todo.code.clone().into_bytes();
    other[11] = if other[11] == b'9' { b'0' } else { other[11] + 1 };
    let e = db
        .check_in_by_code(ScanCheckInInput {
            session_id: s.id.clone(),
            code: String::from_utf8(other).unwrap(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("校验位不对"), "{e}");
    let stranger = attendee_code("not-on-this-list");
    let e = db
        .check_in_by_code(ScanCheckInInput { session_id: s.id.clone(), code: stranger, ..Default::default() })
        .unwrap_err();
    assert!(e.to_string().contains("不是本次会议名单中的人员"), "{e}");
    let e = db
        .check_in_by_code(ScanCheckInInput { session_id: s.id.clone(), code: "zhang".into(), ..Default::default() })
        .unwrap_err();
    assert!(e.to_string().contains("不是出席证上的编码"), "{e}");
    assert_eq!(db.check_in_counts(&s.id).unwrap().checked_in, before + 1);
}

#[test]
fn odd_even_numbering_counts_outwards_from_the_centre() {
    use liaison_core::sessions::seating_numbers as numbers;
    // 9 columns, an aisle at the 5th: the centre is the aisle; right of it 1 3 5 7, left of it 2 4 6 8.
    assert_eq!(numbers(9, &[5], SeatNumbering::OddEven), [8, 6, 4, 2, 0, 1, 3, 5, 7]);
    assert_eq!(numbers(9, &[5], SeatNumbering::Sequential), [1, 2, 3, 4, 0, 5, 6, 7, 8]);
    // Even width: No. 1 just right of the centre; odd width: No. 1 on the centre seat.
    assert_eq!(numbers(8, &[], SeatNumbering::OddEven), [8, 6, 4, 2, 1, 3, 5, 7]);
    assert_eq!(numbers(7, &[], SeatNumbering::OddEven), [6, 4, 2, 1, 3, 5, 7]);
    // Aisles off-centre are skipped, numbers stay consecutive on each side.
    assert_eq!(numbers(10, &[3, 8], SeatNumbering::OddEven), [8, 6, 0, 4, 2, 1, 3, 0, 5, 7]);
}

#[test]
fn the_chart_numbers_seats_odd_even_on_the_chart_tickets_and_sheet() {
    let (dir, mut db) = open();
    db.load_demo(120, None).unwrap();
    let s = db.sessions(false).unwrap().remove(0);
    let before = db.seating_chart(&s.id).unwrap();
    assert_eq!(before.numbering, SeatNumbering::Sequential);
    assert!(before.warnings.is_empty(), "{:?}", before.warnings);
    assert_eq!(before.to_seat, s.members + s.observers);
    assert_eq!(before.people, s.members + s.observers + s.staff);
    let chart = db
        .set_seat_numbering(SeatNumberingInput { session_id: s.id.clone(), numbering: SeatNumbering::OddEven })
        .unwrap();
    assert_eq!(chart.numbering, SeatNumbering::OddEven);
    let l = chart.layout.clone().unwrap();
    // Every seat's number is its column's under 单双号; each row has 1 … n once.
    for z in chart.seats.iter().filter(|z| z.area == SeatArea::Hall) {
        assert_eq!(z.number, chart.numbers[z.col as usize - 1]);
    }
    let mut row: Vec<u32> = chart.numbers.iter().copied().filter(|n| *n > 0).collect();
    row.sort_unstable();
    assert_eq!(row, (1..=l.seat_columns - l.aisle_columns.len() as u32).collect::<Vec<_>>());
    let centre = l.seat_columns.div_ceil(2);
    assert!(chart.numbers[centre as usize] % 2 == 1 && chart.numbers[centre as usize - 2] % 2 == 0);
    // The sheet's seat numbers are the chart's.
    let out = dir.path().join("座次表.xlsx");
    db.export_session(&req(&s.id, SessionDocument::Seating), &out).unwrap();
    let shared = zip_text(&out, "xl/sharedStrings.xml");
    assert!(shared.contains("（单双号）") && shared.contains(&format!("共 {} 人", chart.seats.len())), "subtitle");
}

#[test]
fn an_empty_rostrum_is_explained_where_the_chart_is() {
    use crate::sessions::member;
    let (_dir, mut db) = open();
    for (i, n) in ["王伟", "李娜", "张敏"].iter().enumerate() {
        member(&mut db, n, "教育界", &[], &format!("1390000{i:04}"));
    }
    let sid = crate::sessions::session(&mut db, 1);
    db.add_session_members(&sid, &[]).unwrap();
    let l = db
        .save_hall_layout(HallLayoutInput {
            name: "小礼堂".into(),
            rows: 2,
            seat_columns: 5,
            rostrum_rows: 1,
            rostrum_seats: 3,
            ..Default::default()
        })
        .unwrap();
    let d = db.session(&sid).unwrap();
    db.save_session(SessionInput {
        id: Some(sid.clone()),
        name: d.session.name.clone(),
        start_date: d.session.start_date.clone(),
        end_date: d.session.end_date.clone(),
        layout_id: Some(l.id),
        ..Default::default()
    })
    .unwrap();
    db.auto_seat(&sid).unwrap();
    let chart = db.seating_chart(&sid).unwrap();
    assert_eq!(chart.warnings.len(), 1, "{:?}", chart.warnings);
    assert!(
        chart.warnings[0].contains("主席台（3 座）没有人") && chart.warnings[0].contains("政协职务"),
        "{:?}",
        chart.warnings
    );
    assert!(chart.warnings[0].contains("委员名册") && chart.warnings[0].contains("主席台就座"), "says what to do");
    // Someone set to sit on the rostrum: no warning.
    let a = crate::sessions::attendee(&db, &sid, "王伟");
    db.set_rostrum(&a.id, true, None).unwrap();
    assert!(db.seating_chart(&sid).unwrap().warnings.is_empty());
}
