//! The demo office's plenary session, under way: it began yesterday and lasts three days (six half-day
//! sittings). Every member of the term is on the list (300–500 with the usual demo sizes), with a dozen
//! 列席 and a few staff; discussion groups split by sector (`plan_groups`), a hall layout 大礼堂 sized to
//! the list (`size_hall`, so any office size fits: 10,000 members get 81 rows of 130), and the seating by the rule (`rostrum_positions`, `plan_hall`), most people checked in yesterday (some by
//! proxy), leave requests decided and pending, yesterday's sittings signed and confirmed, rooms, tables and
//! vehicles. Written with plain statements inside `load_demo`'s transaction; its own seeded generator.

use super::checkin::sync;
use super::grouping::{group_name, plan_groups};
use super::seating::{plan_hall, rostrum_positions};
use super::setup::size_hall;
use super::types::{HalfDay, HallLayout, SittingKind};
use super::ROSTRUM_ROLES;
use crate::activities::write_activity;
use crate::activities::{ActivityInput, ActivityKind, ActivityStatus, Organiser};
use crate::dates::{fmt_date, today};
use crate::db::new_id;
use crate::error::Result;
use crate::hanzi;
use chrono::Duration;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};

const OBSERVERS: &[(&str, &str)] = &[
    ("周国庆", "区委"),
    ("钱立群", "区人大常委会"),
    ("孙海涛", "区人民政府"),
    ("吴建华", "区监委"),
    ("郑晓明", "区法院"),
    ("王志刚", "区检察院"),
    ("冯雪梅", "区委统战部"),
    ("陈永平", "区发展和改革局"),
    ("褚文彬", "区财政局"),
    ("卫红英", "区教育局"),
    ("蒋春燕", "区卫生健康局"),
    ("沈建国", "区住房和城乡建设局"),
];
const STAFF: &[&str] = &["李明", "张丽", "王强", "陈静", "刘洋", "赵敏"];
const REASONS: &[&str] = &["出差在外", "单位有重要会议", "身体不适", "家中有事", "外出培训"];

/// One attendee as the demo knows them.
struct Person {
    id: String,
    member: bool,
    gender: String,
    sector: usize,
    stroke: Vec<u8>,
    rostrum: bool,
    role_rank: i64,
    group: usize,
    convenor_rank: u8,
}

pub(crate) fn load(tx: &Connection, seed: u64, t: &str) -> Result<u32> {
    let order = crate::names::order(tx)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let term: (String, String) = tx.query_row(
        "SELECT id, name FROM terms WHERE deleted_at IS NULL ORDER BY is_current DESC, sort LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let start = today() - Duration::days(1);
    let end = start + Duration::days(2);
    let name = format!("政协{}第三次会议", term.1);
    let place = "区行政中心大礼堂";

    // The session's activity, its hall layout, the session.
    let act = new_id();
    let form = ActivityInput {
        kind: ActivityKind::Plenary,
        title: name.clone(),
        date: fmt_date(start),
        end_date: fmt_date(end),
        place: place.into(),
        content: "全体会议".into(),
        responsible: "周建国".into(),
        organiser: Organiser::Office,
        ..Default::default()
    };
    write_activity(tx, &act, &form, None, true, t)?;
    tx.execute("UPDATE activities SET status = ?2 WHERE id = ?1", params![act, ActivityStatus::Ongoing.as_str()])?;

    // Members of the term, in stroke order, with their sector, roles and gender.
    let mut people: Vec<Person> = Vec::new();
    let mut member_ids: Vec<String> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT m.id, m.gender, COALESCE(s.sort, 1000000), m.stroke_key,
                    (SELECT GROUP_CONCAT(r.name) FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id WHERE mr.member_id = m.id),
                    (SELECT MIN(r.sort) FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id WHERE mr.member_id = m.id)
             FROM member_terms mt JOIN members m ON m.id = mt.member_id LEFT JOIN ref_items s ON s.id = m.sector_id
             WHERE mt.term_id = ?1 AND m.deleted_at IS NULL AND m.status = 'active' ORDER BY m.stroke_key, m.id",
        )?;
        let rows = st.query_map([&term.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                r.get::<_, Option<i64>>(5)?.unwrap_or(i64::MAX - 1),
            ))
        })?;
        for row in rows {
            let (mid, gender, sector, stroke, roles, rank) = row?;
            let has = |x: &str| roles.split(',').any(|r| r == x);
            let rostrum = ROSTRUM_ROLES.iter().any(|r| has(r));
            let convenor_rank = if has("常委") {
                1
            } else if rostrum {
                3
            } else {
                2
            };
            member_ids.push(mid);
            people.push(Person {
                id: new_id(),
                member: true,
                gender,
                sector: sector as usize,
                stroke,
                rostrum,
                role_rank: rank,
                group: usize::MAX,
                convenor_rank,
            });
        }
    }
    if people.is_empty() {
        return Ok(0);
    }
    // The hall sized to the list (`size_hall`): the rostrum people are the members holding a rostrum role
    // and the first two 列席.
    let on_rostrum = people.iter().filter(|p| p.rostrum).count() as u32 + 2;
    let hall_people = (people.len() + OBSERVERS.len()) as u32 - on_rostrum;
    let sized = size_hall(hall_people, on_rostrum);
    let layout = HallLayout {
        id: new_id(),
        name: "区行政中心大礼堂".into(),
        rows: sized.rows,
        seat_columns: sized.seat_columns,
        aisle_columns: sized.aisle_columns.clone(),
        section_names: sized.section_names.clone(),
        rostrum_rows: sized.rostrum_rows,
        rostrum_seats: sized.rostrum_seats,
        hall_capacity: 0,
        rostrum_capacity: sized.rostrum_rows * sized.rostrum_seats,
    };
    tx.execute(
        "INSERT INTO hall_layouts (id, name, hall_rows, seat_columns, aisle_columns, section_names, rostrum_rows,
           rostrum_seats, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            layout.id,
            layout.name,
            layout.rows,
            layout.seat_columns,
            layout.aisle_columns.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(","),
            layout.section_names.join(","),
            layout.rostrum_rows,
            layout.rostrum_seats,
            t
        ],
    )?;
    let sid = new_id();
    tx.execute(
        "INSERT INTO sessions (id, activity_id, term_id, name, start_date, end_date, place, layout_id,
           convenor_max_half_days, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9)",
        params![sid, act, term.0, name, fmt_date(start), fmt_date(end), place, layout.id, t],
    )?;

    // Sittings: three days, mornings and afternoons.
    let plan: [(i64, HalfDay, SittingKind, &str, &str); 6] = [
        (0, HalfDay::Am, SittingKind::Preparatory, "09:00", "预备会议"),
        (0, HalfDay::Pm, SittingKind::Opening, "14:30", "开幕会"),
        (1, HalfDay::Am, SittingKind::Group, "08:30", "分组讨论政府工作报告"),
        (1, HalfDay::Pm, SittingKind::Speech, "14:30", "大会发言"),
        (2, HalfDay::Am, SittingKind::Group, "08:30", "分组讨论决议草案"),
        (2, HalfDay::Pm, SittingKind::Closing, "14:30", "闭幕会"),
    ];
    let mut sittings: Vec<(String, chrono::NaiveDate)> = Vec::new();
    for (d, half, kind, time, title) in plan {
        let id = new_id();
        let day = start + Duration::days(d);
        let at = if kind == SittingKind::Group { "各分组会议室" } else { place };
        tx.execute(
            "INSERT INTO session_sittings (id, session_id, kind, title, sitting_date, half, start_time, place, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![id, sid, kind.as_str(), title, fmt_date(day), half.as_str(), time, at, t],
        )?;
        sittings.push((id, day));
    }

    // Attendees: members (each also on the activity's list), then 列席 and staff.
    {
        let mut part = tx.prepare(
            "INSERT INTO participants (id, activity_id, member_id, person_kind, invited, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'member', 1, ?4, ?4)",
        )?;
        let mut ins = tx.prepare(
            "INSERT INTO session_attendees (id, session_id, kind, member_id, participant_id, rostrum, created_at, updated_at)
             VALUES (?1, ?2, 'member', ?3, ?4, ?5, ?6, ?6)",
        )?;
        for (p, mid) in people.iter().zip(&member_ids) {
            let pid = new_id();
            part.execute(params![pid, act, mid, t])?;
            ins.execute(params![p.id, sid, mid, pid, p.rostrum, t])?;
        }
        let mut person = tx.prepare(
            "INSERT INTO session_attendees (id, session_id, kind, name, unit, mobile, name_pinyin, name_initials,
               stroke_key, rostrum, protocol_rank, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        )?;
        for (i, (n, unit)) in OBSERVERS.iter().enumerate() {
            // The first two (区委, 区人大) sit on the rostrum, after the members by role.
            let on = i < 2;
            let id = new_id();
            let mobile = format!("139{:08}", rng.random_range(0..100_000_000u32));
            person.execute(params![
                id,
                sid,
                "observer",
                n,
                unit,
                mobile,
                hanzi::pinyin_full(n),
                hanzi::pinyin_initials(n),
                hanzi::stroke_sort_key_with(n, order),
                on,
                if on { Some(i as u32 + 1) } else { None },
                t
            ])?;
            people.push(Person {
                id,
                member: false,
                gender: String::new(),
                sector: usize::MAX,
                stroke: hanzi::stroke_sort_key_with(n, order),
                rostrum: on,
                role_rank: i64::MAX,
                group: usize::MAX,
                convenor_rank: 9,
            });
        }
        for n in STAFF {
            let mobile = format!("137{:08}", rng.random_range(0..100_000_000u32));
            person.execute(params![
                new_id(),
                sid,
                "staff",
                n,
                "区政协办公室",
                mobile,
                hanzi::pinyin_full(n),
                hanzi::pinyin_initials(n),
                hanzi::stroke_sort_key_with(n, order),
                false,
                None::<u32>,
                t
            ])?;
        }
    }

    // Discussion groups: members split by sector.
    let members: Vec<usize> = (0..people.len()).filter(|i| people[*i].member).collect();
    let n_groups = (members.len() / 35).clamp(3, 12);
    let plan = plan_groups(&members.iter().map(|i| people[*i].sector).collect::<Vec<_>>(), n_groups);
    let mut group_ids = Vec::new();
    for g in 0..n_groups {
        let gid = new_id();
        tx.execute(
            "INSERT INTO session_groups (id, session_id, seq, name, room, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![gid, sid, g as u32 + 1, group_name(g + 1), format!("{}会议室", 301 + g), t],
        )?;
        group_ids.push(gid);
    }
    for (k, i) in members.iter().enumerate() {
        people[*i].group = plan[k];
    }
    {
        let mut set = tx.prepare("UPDATE session_attendees SET group_id = ?2, group_role = ?3 WHERE id = ?1")?;
        for (g, gid) in group_ids.iter().enumerate() {
            let mut list: Vec<usize> = members.iter().copied().filter(|i| people[*i].group == g).collect();
            let convenor = *list.iter().min_by_key(|i| people[**i].convenor_rank).expect("a member");
            list.sort_unstable();
            for i in list {
                set.execute(params![people[i].id, gid, if i == convenor { "convenor" } else { "member" }])?;
            }
        }
    }

    // Seating: the rostrum by role, then protocol order; the hall by group, then strokes.
    {
        let mut rostrum: Vec<usize> = (0..people.len()).filter(|i| people[*i].rostrum).collect();
        rostrum.sort_by(|a, b| {
            let (pa, pb) = (&people[*a], &people[*b]);
            (pa.role_rank, &pa.stroke).cmp(&(pb.role_rank, &pb.stroke))
        });
        let mut hall: Vec<usize> = (0..people.len()).filter(|i| !people[*i].rostrum).collect();
        hall.sort_by(|a, b| {
            let (pa, pb) = (&people[*a], &people[*b]);
            (pa.group, &pa.stroke).cmp(&(pb.group, &pb.stroke))
        });
        let mut seat = tx.prepare(
            "INSERT INTO session_seats (session_id, attendee_id, area, row_no, col_no) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, (r, c)) in rostrum.iter().zip(rostrum_positions(layout.rostrum_rows, layout.rostrum_seats)) {
            seat.execute(params![sid, people[*i].id, "rostrum", r, c])?;
        }
        for (i, (r, c)) in hall.iter().zip(plan_hall(&layout)) {
            seat.execute(params![sid, people[*i].id, "hall", r, c])?;
        }
    }

    // Check-in yesterday morning: most in person, some by proxy, a few still to come.
    let items = ["出席证", "会议材料", "餐券"];
    let mut checked = vec![false; people.len()];
    {
        let mut ins = tx.prepare(
            "INSERT INTO session_checkins (id, attendee_id, checked_in_at, proxy, items, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        for (i, p) in people.iter().enumerate() {
            if rng.random_bool(0.9) {
                let proxy = if rng.random_bool(0.05) { STAFF[rng.random_range(0..STAFF.len())] } else { "" };
                let handed = if rng.random_bool(0.9) { items.join(",") } else { items[..2].join(",") };
                let at =
                    format!("{} {:02}:{:02}", fmt_date(start), 7 + rng.random_range(0..2), rng.random_range(0..60));
                ins.execute(params![new_id(), p.id, at, proxy, handed, t])?;
                checked[i] = true;
            }
        }
    }

    // Leave: some for the whole session (secretariat), some for a sitting (convenor), two pending.
    let mut on_leave: Vec<(usize, Option<usize>, bool)> = Vec::new();
    {
        let mut ins = tx.prepare(
            "INSERT INTO session_leaves (id, attendee_id, sitting_id, reason, half_days, approver_level, approver,
               decided_by, status, requested_at, decided_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?10)",
        )?;
        let candidates: Vec<usize> = members.iter().copied().filter(|i| !checked[*i] && !people[*i].rostrum).collect();
        for (k, i) in candidates.iter().take(10).enumerate() {
            let whole = k % 3 == 0;
            let sitting = if whole { None } else { Some(k % 2) };
            let pending = k >= 8;
            let level = if whole { "secretariat" } else { "convenor" };
            let approver = if pending {
                ""
            } else if whole {
                "大会秘书处"
            } else {
                "召集人"
            };
            let asked = format!("{}T08:00:00.000Z", fmt_date(start - Duration::days(3)));
            ins.execute(params![
                new_id(),
                people[*i].id,
                sitting.map(|x| &sittings[x].0),
                REASONS[k % REASONS.len()],
                if whole { sittings.len() as u32 } else { 1 },
                level,
                approver,
                if pending { None } else { Some(level) },
                if pending { "pending" } else { "approved" },
                asked,
                if pending { None } else { Some(asked.clone()) },
            ])?;
            if !pending {
                on_leave.push((*i, sitting, whole));
            }
        }
        // Convenor approvals name the group's convenor.
        tx.execute(
            "UPDATE session_leaves SET approver = (SELECT COALESCE(m.name, c.name) FROM session_attendees a
                 JOIN session_attendees c ON c.group_id = a.group_id AND c.group_role = 'convenor'
                 LEFT JOIN members m ON m.id = c.member_id WHERE a.id = session_leaves.attendee_id LIMIT 1)
             WHERE approver = '召集人'",
            [],
        )?;
    }

    // Yesterday's two sittings: signed in and confirmed.
    {
        let mut ins = tx.prepare(
            "INSERT INTO session_sign_ins (sitting_id, attendee_id, outcome, signed_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?;
        for (x, (xid, day)) in sittings.iter().enumerate().filter(|(_, (_, d))| *d < today()) {
            for (i, p) in people.iter().enumerate() {
                if !p.member && !checked[i] {
                    continue;
                }
                let leave = on_leave.iter().any(|(j, s, whole)| *j == i && (*whole || *s == Some(x)));
                let (outcome, at) = if leave {
                    ("leave", None)
                } else if checked[i] && rng.random_bool(0.96) {
                    let late = rng.random_bool(0.03);
                    let h = if x % 2 == 0 { 8 } else { 14 };
                    let m = if late { 40 } else { rng.random_range(0..30) };
                    (if late { "late" } else { "present" }, Some(format!("{} {h:02}:{m:02}", fmt_date(*day))))
                } else {
                    ("absent", None)
                };
                ins.execute(params![xid, p.id, outcome, at, t])?;
            }
            tx.execute("UPDATE session_sittings SET final_at = ?2 WHERE id = ?1", params![xid, t])?;
        }
    }
    sync(tx, &sid, t)?;

    // Rooms for the first 60 members (two to a room, men and women apart), tables of ten by group, vehicles.
    {
        let mut room = tx.prepare(
            "INSERT INTO session_rooms (id, session_id, hotel, room_no, beds, created_at) VALUES (?1, ?2, '会议中心宾馆', ?3, 2, ?4)",
        )?;
        let mut guest = tx.prepare("INSERT INTO session_room_guests (room_id, attendee_id) VALUES (?1, ?2)")?;
        let mut no = 8201;
        for g in ["男", "女"] {
            let list: Vec<&Person> = people.iter().filter(|p| p.member && p.gender == g).take(30).collect();
            for pair in list.chunks(2) {
                let rid = new_id();
                room.execute(params![rid, sid, no.to_string(), t])?;
                for p in pair {
                    guest.execute(params![rid, p.id])?;
                }
                no += 1;
            }
        }
        let mut table = tx.prepare(
            "INSERT INTO session_tables (id, session_id, table_no, place, seats, created_at) VALUES (?1, ?2, ?3, '会议中心餐厅', 10, ?4)",
        )?;
        let mut diner = tx.prepare("INSERT INTO session_table_guests (table_id, attendee_id) VALUES (?1, ?2)")?;
        let mut order: Vec<&Person> = people.iter().collect();
        order.sort_by(|a, b| (a.group, &a.stroke).cmp(&(b.group, &b.stroke)));
        for (k, chunk) in order.chunks(10).enumerate() {
            let tid = new_id();
            table.execute(params![tid, sid, k as u32 + 1, t])?;
            for p in chunk {
                diner.execute(params![tid, p.id])?;
            }
        }
        let mut car = tx.prepare(
            "INSERT INTO session_vehicles (id, session_id, label, plate, driver, driver_phone, seats, route, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 20, ?7, ?8)",
        )?;
        let mut rider =
            tx.prepare("INSERT INTO session_vehicle_passengers (vehicle_id, attendee_id) VALUES (?1, ?2)")?;
        let far: Vec<&Person> = people.iter().filter(|p| p.member).skip(60).take(60).collect();
        for (k, chunk) in far.chunks(20).enumerate() {
            let vid = new_id();
            let route = ["东线：东城—金桥—会场", "西线：西城—青山—会场", "南线：南湖—桃源—会场"][k % 3];
            car.execute(params![
                vid,
                sid,
                format!("{}号车", k + 1),
                format!("浙A·{:05}", rng.random_range(10000..99999)),
                ["吴师傅", "郑师傅", "冯师傅"][k % 3],
                format!("138{:08}", rng.random_range(0..100_000_000u32)),
                route,
                t
            ])?;
            for p in chunk {
                rider.execute(params![vid, p.id])?;
            }
        }
    }
    Ok(1)
}
