//! The session's documents where the layout matters, as PDF (crate liaison-pdf): the seating chart
//! (座次表) as a grid on A4 or A3 landscape, rostrum on top, each discussion group tinted, and seat
//! tickets (座位票), eight to an A4 page with cut lines.

use super::seating::seated_in;
use super::types::*;
use super::SessState;
use crate::dates::{doc_date, today};
use crate::db::Db;
use crate::error::Result;
use crate::export::{pad_name, pdf, ExportSummary};
use crate::sessions::scan::{attendee_code, barcode_svg};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Light tints for the discussion groups, in group order (repeated beyond eight).
const TINTS: [&str; 8] = ["#e8f1fb", "#fdf0e1", "#e9f6ea", "#f6e9f3", "#fbf8dc", "#e6f5f6", "#f1ece4", "#eeeaf8"];

#[derive(Serialize)]
struct Cell {
    name: String,
    /// Index into `groups` (tint and legend), or -1 (no group / empty seat).
    group: i32,
    aisle: bool,
}

#[derive(Serialize)]
struct GridRow {
    label: String,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Legend {
    name: String,
    tint: String,
    seats: usize,
}

#[derive(Serialize)]
struct Chart {
    title: String,
    venue: String,
    printed: String,
    /// "a3" or "a4".
    paper: String,
    font_size: f64,
    /// Rostrum rows, back row first (the rostrum faces the hall), centred over the hall's columns.
    rostrum: Vec<GridRow>,
    rostrum_offset: u32,
    rostrum_seats: u32,
    /// The hall: seat numbers over the columns ("" for aisles), then row 1 (the front) first.
    columns: u32,
    aisles: Vec<u32>,
    numbers: Vec<String>,
    hall: Vec<GridRow>,
    groups: Vec<Legend>,
    seated: usize,
}

#[derive(Serialize)]
struct Ticket {
    name: String,
    place: String,
    group: String,
    /// The attendee code in figures and as a Code 128 barcode (SVG), for the scanner at the desk.
    code: String,
    barcode: String,
}

/// One 出席证 (列席证, 工作证).
#[derive(Serialize)]
struct Pass {
    /// 出席证, 列席证 or 工作证.
    kind: String,
    name: String,
    /// The sector (members), the unit (列席, staff).
    line: String,
    group: String,
    seat: String,
    code: String,
    barcode: String,
}

#[derive(Serialize)]
struct Passes {
    session: String,
    dates: String,
    place: String,
    passes: Vec<Pass>,
}

/// 主席台 第1排 第3号, 左区 第5排 第12号: where a seat is, as a ticket and a pass print it.
fn seat_place(z: &Seat) -> String {
    match z.area {
        SeatArea::Rostrum => format!("主席台 第{}排 第{}号", z.row, z.number),
        SeatArea::Hall if z.section.is_empty() => format!("第{}排 第{}号", z.row, z.number),
        SeatArea::Hall => format!("{} 第{}排 第{}号", z.section, z.row, z.number),
    }
}

/// 2026年1月12日至2026年1月15日: a session's dates as printed.
fn session_dates(s: &SessState) -> String {
    let day = |d: &str| match crate::dates::parse_date(d) {
        Ok(Some(x)) => doc_date(x),
        _ => d.to_string(),
    };
    if s.end_date.is_empty() || s.end_date == s.start_date {
        day(&s.start_date)
    } else {
        format!("{}至{}", day(&s.start_date), day(&s.end_date))
    }
}

#[derive(Serialize)]
struct Tickets {
    session: String,
    venue: String,
    dates: String,
    tickets: Vec<Ticket>,
}

impl Db {
    /// The seating chart as a PDF at `out`; the summary counts the seats on it.
    pub(crate) fn seating_pdf(&self, session_id: &str, out: &Path) -> Result<ExportSummary> {
        let s = SessState::load(&self.conn, session_id)?;
        let (layout, seats) = seated_in(&self.conn, &s)?;
        // Groups in the order they first appear front to back, left to right.
        let mut order: Vec<String> = Vec::new();
        for z in seats.iter().filter(|z| !z.group.is_empty()) {
            if !order.contains(&z.group) {
                order.push(z.group.clone());
            }
        }
        order.sort_by(|a, b| crate::hanzi::natural_cmp(a, b));
        let gi: HashMap<&str, i32> = order.iter().enumerate().map(|(i, g)| (g.as_str(), i as i32)).collect();
        let by_pos: HashMap<(SeatArea, u32, u32), &Seat> = seats.iter().map(|z| ((z.area, z.row, z.col), z)).collect();
        let cell = |area, r, c| match by_pos.get(&(area, r, c)) {
            Some(z) => {
                Cell { name: z.name.clone(), group: gi.get(z.group.as_str()).copied().unwrap_or(-1), aisle: false }
            }
            None => Cell { name: String::new(), group: -1, aisle: false },
        };
        let rostrum = (1..=layout.rostrum_rows)
            .rev()
            .map(|r| GridRow {
                label: format!("台{r}排"),
                cells: (1..=layout.rostrum_seats).map(|c| cell(SeatArea::Rostrum, r, c)).collect(),
            })
            .collect();
        let hall = (1..=layout.rows)
            .map(|r| GridRow {
                label: format!("{r}排"),
                cells: (1..=layout.seat_columns)
                    .map(|c| {
                        if layout.aisle_columns.contains(&c) {
                            Cell { name: String::new(), group: -1, aisle: true }
                        } else {
                            cell(SeatArea::Hall, r, c)
                        }
                    })
                    .collect(),
            })
            .collect();
        let numbering = super::seating::numbering_of(&self.conn, &layout.id)?;
        let numbers = super::seating::seat_numbers(layout.seat_columns, &layout.aisle_columns, numbering)
            .into_iter()
            .map(|n| if n == 0 { String::new() } else { n.to_string() })
            .collect();
        // Up to 16 seats a row fit A4 landscape at a readable size; wider halls go on A3.
        let seat_cols = layout.seat_columns.max(layout.rostrum_seats) - layout.aisle_columns.len() as u32;
        let (paper, usable_mm) = if seat_cols <= 16 { ("a4", 267.0) } else { ("a3", 390.0) };
        let cell_mm = (usable_mm - 12.0 - 4.0 * layout.aisle_columns.len() as f64) / seat_cols.max(1) as f64;
        // Three characters across a cell, with a little room: 1 pt = 0.353 mm.
        let font_size = (cell_mm / 3.6 / 0.353).clamp(5.0, 11.0);
        let groups = order
            .iter()
            .enumerate()
            .map(|(i, g)| Legend {
                name: g.clone(),
                tint: TINTS[i % TINTS.len()].to_string(),
                seats: seats.iter().filter(|z| &z.group == g).count(),
            })
            .collect();
        let chart = Chart {
            title: format!("{}座次表", s.name),
            venue: format!(
                "会场：{}{}　共 {} 人",
                layout.name,
                if numbering == SeatNumbering::OddEven { "（单双号）" } else { "" },
                seats.len()
            ),
            printed: doc_date(today()),
            paper: paper.into(),
            font_size: (font_size * 10.0).round() / 10.0,
            rostrum,
            rostrum_offset: layout.seat_columns.saturating_sub(layout.rostrum_seats) / 2,
            rostrum_seats: layout.rostrum_seats,
            columns: layout.seat_columns,
            aisles: layout.aisle_columns.clone(),
            numbers,
            hall,
            groups,
            seated: seats.len(),
        };
        pdf::write("seating", &chart, seats.len(), out)
    }

    /// Seat tickets as a PDF at `out`, one per seated attendee in seat order (rostrum first); the summary
    /// counts the tickets.
    pub(crate) fn seat_tickets_pdf(&self, session_id: &str, out: &Path) -> Result<ExportSummary> {
        let s = SessState::load(&self.conn, session_id)?;
        let (layout, seats) = seated_in(&self.conn, &s)?;
        let tickets: Vec<Ticket> = seats
            .iter()
            .map(|z| {
                let code = attendee_code(&z.attendee_id);
                Ok(Ticket {
                    name: pad_name(&z.name),
                    place: seat_place(z),
                    group: z.group.clone(),
                    barcode: barcode_svg(&code)?,
                    code,
                })
            })
            .collect::<Result<_>>()?;
        let n = tickets.len();
        let t = Tickets { session: s.name.clone(), venue: layout.name.clone(), dates: session_dates(&s), tickets };
        pdf::write("seat-tickets", &t, n, out)
    }

    /// 出席证 as a PDF at `out`: one card per attendee on the list (members, then 列席 with a 列席证, then
    /// staff with a 工作证), in the list's order, eight to an A4 page with cut lines; each with the seat
    /// where one is taken and the attendee code as a barcode for the desk's scanner.
    pub(crate) fn passes_pdf(&self, session_id: &str, out: &Path) -> Result<ExportSummary> {
        let s = SessState::load(&self.conn, session_id)?;
        let people = self.attendees_with_codes(&s.id)?;
        if people.is_empty() {
            return Err(crate::error::Error::NotFound(format!("会议“{}”的名单还是空的，请先添加参会人员", s.name)));
        }
        let layout = match &s.layout_id {
            Some(l) => Some(super::seating::layout_in(&self.conn, l)?),
            None => None,
        };
        let seats: HashMap<String, Seat> = super::seating::seats_in(&self.conn, &s.id, layout.as_ref())?
            .into_iter()
            .map(|z| (z.attendee_id.clone(), z))
            .collect();
        let passes = people
            .iter()
            .map(|a| {
                Ok(Pass {
                    kind: match a.kind {
                        AttendeeKind::Member => "出　席　证",
                        AttendeeKind::Observer => "列　席　证",
                        AttendeeKind::Staff => "工　作　证",
                    }
                    .into(),
                    name: pad_name(&a.name),
                    line: if a.kind == AttendeeKind::Member && !a.sector.is_empty() {
                        a.sector.clone()
                    } else {
                        a.unit.clone()
                    },
                    group: a.group.clone(),
                    seat: seats.get(&a.id).map(seat_place).unwrap_or_default(),
                    barcode: barcode_svg(&a.code)?,
                    code: a.code.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let n = passes.len();
        let p = Passes { session: s.name.clone(), dates: session_dates(&s), place: s.place.clone(), passes };
        pdf::write("passes", &p, n, out)
    }
}
