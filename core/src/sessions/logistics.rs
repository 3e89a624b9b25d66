//! Rooms (住宿), meal tables (用餐) and vehicles (车辆): each a list of places with a capacity (beds,
//! seats) and the attendees allocated to them. Someone is in at most one room, at one table and in one
//! vehicle (UNIQUE in the schema); an allocation that would overfill a place is refused, naming it.

use super::SessState;
use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::masks::phone_unless;
use crate::sessions::types::*;
use crate::validate::{names, Errs};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// One kind of allocation: its tables and words.
struct Kind {
    table: &'static str,
    guests: &'static str,
    fk: &'static str,
    capacity: &'static str,
    /// How a place is named in messages, from its row (房间 301, 第 3 桌, 1号车).
    label_sql: &'static str,
    unit: &'static str,
    what: &'static str,
}

const ROOMS: Kind = Kind {
    table: "session_rooms",
    guests: "session_room_guests",
    fk: "room_id",
    capacity: "beds",
    label_sql: "TRIM(hotel || ' ' || room_no || ' 房间')",
    unit: "个床位",
    what: "住宿",
};
const TABLES: Kind = Kind {
    table: "session_tables",
    guests: "session_table_guests",
    fk: "table_id",
    capacity: "seats",
    label_sql: "'第 ' || table_no || ' 桌'",
    unit: "个座位",
    what: "用餐",
};
const VEHICLES: Kind = Kind {
    table: "session_vehicles",
    guests: "session_vehicle_passengers",
    fk: "vehicle_id",
    capacity: "seats",
    label_sql: "label",
    unit: "个座位",
    what: "乘车",
};

/// The guests of every place of a kind in a session, by place id, in stroke order.
fn guests_by_place(conn: &Connection, k: &Kind, session_id: &str) -> Result<HashMap<String, Vec<Guest>>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT x.{fk}, a.id, COALESCE(m.name, a.name), COALESCE(m.gender, ''), COALESCE(g.name, '')
         FROM {guests} x JOIN {table} p ON p.id = x.{fk}
         JOIN session_attendees a ON a.id = x.attendee_id
         LEFT JOIN members m ON m.id = a.member_id LEFT JOIN session_groups g ON g.id = a.group_id
         WHERE p.session_id = ?1 AND a.deleted_at IS NULL ORDER BY COALESCE(m.stroke_key, a.stroke_key)",
        fk = k.fk,
        guests = k.guests,
        table = k.table
    ))?;
    let mut out: HashMap<String, Vec<Guest>> = HashMap::new();
    let rows = st.query_map([session_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Guest { attendee_id: r.get(1)?, name: r.get(2)?, gender: r.get(3)?, group: r.get(4)? },
        ))
    })?;
    for row in rows {
        let (p, g) = row?;
        out.entry(p).or_default().push(g);
    }
    Ok(out)
}

impl Db {
    /// Put attendees in a place (or take them out of any of this kind, with no target).
    fn allocate(&mut self, k: &Kind, i: &AllocationInput) -> Result<()> {
        if i.attendee_ids.is_empty() {
            return Err(Error::field("attendee_ids", format!("请选择要安排{}的人员", k.what)));
        }
        let first = super::att(&self.conn, &i.attendee_ids[0])?;
        let s = SessState::load(&self.conn, &first.session_id)?.live()?;
        let mut people = Vec::new();
        let mut foreign = Vec::new();
        for id in &i.attendee_ids {
            let a = super::att(&self.conn, id)?;
            if a.session_id != s.id || a.deleted {
                foreign.push(a.name);
            } else if !people.iter().any(|p: &super::Att| p.id == a.id) {
                people.push(a);
            }
        }
        if !foreign.is_empty() {
            return Err(Error::field("attendee_ids", format!("{}不在本次会议的名单中", names(&foreign))));
        }
        let target: Option<(String, String, u32)> = match i.target_id.as_deref().filter(|t| !t.is_empty()) {
            None => None,
            Some(t) => Some(
                self.conn
                    .query_row(
                        &format!(
                            "SELECT id, {label}, {cap} FROM {table} WHERE id = ?1 AND session_id = ?2",
                            label = k.label_sql,
                            cap = k.capacity,
                            table = k.table
                        ),
                        params![t, s.id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        Error::field("target_id", format!("所选{}安排不属于本次会议，请重新选择", k.what))
                    })?,
            ),
        };
        if let Some((tid, label, cap)) = &target {
            let already: Vec<String> = {
                let mut st = self.conn.prepare(&format!("SELECT attendee_id FROM {} WHERE {} = ?1", k.guests, k.fk))?;
                let v = st.query_map([tid], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                v
            };
            let new = people.iter().filter(|p| !already.contains(&p.id)).count() as u32;
            if already.len() as u32 + new > *cap {
                return Err(Error::field(
                    "target_id",
                    format!("{label}只有 {cap} {}，已安排 {} 人，不能再安排 {new} 人", k.unit, already.len()),
                ));
            }
        }
        let tx = self.conn.transaction()?;
        for a in &people {
            tx.execute(&format!("DELETE FROM {} WHERE attendee_id = ?1", k.guests), [&a.id])?;
            if let Some((tid, _, _)) = &target {
                tx.execute(
                    &format!("INSERT INTO {} ({}, attendee_id) VALUES (?1, ?2)", k.guests, k.fk),
                    params![tid, a.id],
                )?;
            }
        }
        let who: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        audit(
            &tx,
            "session",
            &s.id,
            &format!("allocate_{}", k.fk.trim_end_matches("_id")),
            &serde_json::json!({"people": [null, who], "to": [null, target.map(|t| t.1)]}),
        )?;
        tx.commit()?;
        Ok(())
    }

    fn add_place(
        &mut self,
        k: &Kind,
        session_id: &str,
        sql: &str,
        p: &[&dyn rusqlite::ToSql],
        label: String,
    ) -> Result<String> {
        let s = SessState::load(&self.conn, session_id)?.live()?;
        let tx = self.conn.transaction()?;
        let id = new_id();
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&id, &s.id];
        args.extend_from_slice(p);
        let t = now();
        args.push(&t);
        tx.execute(sql, args.as_slice())?;
        audit(
            &tx,
            "session",
            &s.id,
            &format!("add_{}", k.fk.trim_end_matches("_id")),
            &serde_json::json!({"place": [null, label]}),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Add a room (hotel, room number, beds).
    pub fn add_room(&mut self, i: RoomInput) -> Result<Room> {
        let mut e = Errs::new();
        let room_no = i.room_no.trim().to_string();
        let hotel = i.hotel.trim().to_string();
        if room_no.is_empty() {
            e.push("room_no", "请填写房间号");
        }
        let beds = if i.beds == 0 { 2 } else { i.beds };
        if beds > 10 {
            e.push("beds", "床位数应在 1 至 10 之间");
        }
        let dup: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM session_rooms WHERE session_id = ?1 AND hotel = ?2 AND room_no = ?3)",
            params![i.session_id, hotel, room_no],
            |r| r.get(0),
        )?;
        if dup && !room_no.is_empty() {
            e.push("room_no", format!("房间 {room_no} 已在住宿安排中"));
        }
        e.done()?;
        let label = format!("{hotel} {room_no}");
        let id = self.add_place(
            &ROOMS,
            &i.session_id,
            "INSERT INTO session_rooms (id, session_id, hotel, room_no, beds, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[&hotel, &room_no, &beds],
            label,
        )?;
        self.rooms(&i.session_id)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound("该房间不存在".into()))
    }

    pub fn rooms(&self, session_id: &str) -> Result<Vec<Room>> {
        SessState::load(&self.conn, session_id)?;
        let mut guests = guests_by_place(&self.conn, &ROOMS, session_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT id, hotel, room_no, beds FROM session_rooms WHERE session_id = ?1
             ORDER BY hotel COLLATE NUMBERED, room_no COLLATE NUMBERED, id",
        )?;
        let rows = st.query_map([session_id], |r| {
            Ok(Room { id: r.get(0)?, hotel: r.get(1)?, room_no: r.get(2)?, beds: r.get(3)?, guests: vec![] })
        })?;
        let mut out: Vec<Room> = rows.collect::<rusqlite::Result<_>>()?;
        for r in &mut out {
            r.guests = guests.remove(&r.id).unwrap_or_default();
        }
        Ok(out)
    }

    /// Put attendees in a room (roommates), or out of their room.
    pub fn assign_room(&mut self, i: AllocationInput) -> Result<()> {
        self.allocate(&ROOMS, &i)
    }

    /// Add a meal table (number, place, seats).
    pub fn add_meal_table(&mut self, i: MealTableInput) -> Result<MealTable> {
        let mut e = Errs::new();
        if i.table_no == 0 {
            e.push("table_no", "请填写桌号（从 1 开始）");
        }
        let seats = if i.seats == 0 { 10 } else { i.seats };
        if seats > 30 {
            e.push("seats", "每桌座位数应在 1 至 30 之间");
        }
        let dup: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM session_tables WHERE session_id = ?1 AND table_no = ?2)",
            params![i.session_id, i.table_no],
            |r| r.get(0),
        )?;
        if dup {
            e.push("table_no", format!("第 {} 桌已在用餐安排中", i.table_no));
        }
        e.done()?;
        let place = i.place.trim().to_string();
        let id = self.add_place(
            &TABLES,
            &i.session_id,
            "INSERT INTO session_tables (id, session_id, table_no, place, seats, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[&i.table_no, &place, &seats],
            format!("第 {} 桌", i.table_no),
        )?;
        self.meal_tables(&i.session_id)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound("该餐桌不存在".into()))
    }

    pub fn meal_tables(&self, session_id: &str) -> Result<Vec<MealTable>> {
        SessState::load(&self.conn, session_id)?;
        let mut guests = guests_by_place(&self.conn, &TABLES, session_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT id, table_no, place, seats FROM session_tables WHERE session_id = ?1 ORDER BY table_no",
        )?;
        let rows = st.query_map([session_id], |r| {
            Ok(MealTable { id: r.get(0)?, table_no: r.get(1)?, place: r.get(2)?, seats: r.get(3)?, guests: vec![] })
        })?;
        let mut out: Vec<MealTable> = rows.collect::<rusqlite::Result<_>>()?;
        for r in &mut out {
            r.guests = guests.remove(&r.id).unwrap_or_default();
        }
        Ok(out)
    }

    pub fn assign_table(&mut self, i: AllocationInput) -> Result<()> {
        self.allocate(&TABLES, &i)
    }

    /// Add a vehicle (label, plate, driver and phone, seats, route).
    pub fn add_vehicle(&mut self, i: VehicleInput) -> Result<Vehicle> {
        let mut e = Errs::new();
        let label = i.label.trim().to_string();
        if label.is_empty() {
            e.push("label", "请填写车辆名称，如“1号车”");
        }
        let seats = if i.seats == 0 { 4 } else { i.seats };
        if seats > 60 {
            e.push("seats", "座位数应在 1 至 60 之间");
        }
        let dup: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM session_vehicles WHERE session_id = ?1 AND label = ?2)",
            params![i.session_id, label],
            |r| r.get(0),
        )?;
        if dup && !label.is_empty() {
            e.push("label", format!("“{label}”已在车辆安排中，请换一个名称"));
        }
        let phone = crate::idcard::clean(&i.driver_phone);
        e.done()?;
        let (plate, driver, route) =
            (i.plate.trim().to_string(), crate::validate::clean_name(&i.driver), i.route.trim().to_string());
        let id = self.add_place(
            &VEHICLES,
            &i.session_id,
            "INSERT INTO session_vehicles (id, session_id, label, plate, driver, driver_phone, seats, route, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &[&label, &plate, &driver, &phone, &seats, &route],
            label.clone(),
        )?;
        self.vehicles(&i.session_id, false)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound("该车辆不存在".into()))
    }

    /// The vehicles with their passengers; the driver's phone masked unless `with_phone`.
    pub fn vehicles(&self, session_id: &str, with_phone: bool) -> Result<Vec<Vehicle>> {
        SessState::load(&self.conn, session_id)?;
        let mut guests = guests_by_place(&self.conn, &VEHICLES, session_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT id, label, plate, driver, driver_phone, seats, route FROM session_vehicles WHERE session_id = ?1
             ORDER BY label COLLATE NUMBERED, id",
        )?;
        let rows = st.query_map([session_id], |r| {
            let phone: String = r.get(4)?;
            Ok(Vehicle {
                id: r.get(0)?,
                label: r.get(1)?,
                plate: r.get(2)?,
                driver: r.get(3)?,
                driver_phone: phone_unless(with_phone, &phone).into_owned(),
                seats: r.get(5)?,
                route: r.get(6)?,
                passengers: vec![],
            })
        })?;
        let mut out: Vec<Vehicle> = rows.collect::<rusqlite::Result<_>>()?;
        for r in &mut out {
            r.passengers = guests.remove(&r.id).unwrap_or_default();
        }
        Ok(out)
    }

    pub fn assign_vehicle(&mut self, i: AllocationInput) -> Result<()> {
        self.allocate(&VEHICLES, &i)
    }
}
