//! A year of invented activities for the demo office, around today (from ~10 months ago to ~2 months
//! ahead): visit rounds (about 60 member visits, the parties' offices twice, county CPPCCs), inspections
//! and research trips with stops, forums and group activities with invitations, sign-ups, leave requests
//! and attendance, study sessions with reflections, standing committee and chairmen's meetings. Written
//! with plain statements inside `load_demo`'s transaction; its own seeded generator, so the members
//! generated before it stay the same.

use super::types::*;
use crate::dates::{fmt_date, today};
use crate::db::new_id;
use crate::error::Result;
use crate::rows::join_codes;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};

const STAFF: &[&str] = &["李明", "张丽", "王强", "陈静"];
const OFFICE_HEAD: &str = "周建国";
const PARTY_OFFICES: &[&str] = &[
    "民革区委会",
    "民盟区委会",
    "民建区委会",
    "民进区委会",
    "农工党区委会",
    "致公党区总支",
    "九三学社区委会",
    "区工商联",
];
const COUNTIES: &[&str] = &["东阳县政协", "西林县政协", "南山县政协"];
const INSPECTIONS: &[(&str, &str)] = &[
    ("视察全区农村人居环境整治工作", "听取区农业农村局情况汇报，实地察看村庄环境整治和垃圾分类"),
    ("视察义务教育优质均衡发展工作", "实地察看新建学校和集团化办学情况，座谈交流"),
    ("视察重点项目建设推进情况", "实地察看重点项目现场，听取项目推进情况汇报"),
];
const RESEARCH: &[(&str, &str)] = &[
    ("关于养老服务体系建设的调研", "了解居家社区养老服务中心运营和养老机构建设情况"),
    ("关于优化营商环境的调研", "走访企业，听取企业家对营商环境的意见建议"),
    ("关于乡村振兴人才队伍建设的调研", "了解乡村人才引进、培养和使用情况"),
];
const STOPS: &[(&str, &str)] = &[
    ("城关镇文化礼堂", "城关镇人民政府"),
    ("区行政服务中心", "区行政审批局"),
    ("东城街道养老服务中心", "东城街道办事处"),
    ("高新区企业服务中心", "高新区管委会"),
    ("南湖村村委会", "南湖村村民委员会"),
    ("区第二实验学校", "区教育局"),
];
const FORUMS: &[(&str, &str)] = &[
    ("委员企业家座谈会", "听取委员企业家对全区经济发展和营商环境的意见建议"),
    ("教育界委员座谈会", "围绕“双减”政策落实情况座谈交流"),
    ("医药卫生界委员座谈会", "围绕基层医疗卫生服务能力提升座谈交流"),
    ("新任委员座谈会", "介绍政协工作，听取新任委员履职意愿"),
];
const STUDIES: &[(&str, &str)] = &[
    ("学习贯彻全国两会精神", "全国两会政府工作报告和全国政协常委会工作报告"),
    ("学习《中国人民政治协商会议章程》", "《中国人民政治协商会议章程》"),
    ("人民政协理论专题学习", "《人民政协重要文献选编》有关篇目"),
    ("学习会：提高提案和社情民意信息质量", "提案工作条例、社情民意信息工作办法"),
];
const LEAVE_REASONS: &[&str] = &["出差在外", "单位有重要会议", "身体不适", "家中有事", "外出培训"];
const FINDINGS: &[&str] = &[
    "委员积极参加政协组织的各项活动，结合本职工作认真履职",
    "委员所在单位发展态势良好，委员在行业内有较大影响",
    "委员关注民生热点，年内提交提案和社情民意信息多件",
    "委员工作繁忙，但能按要求参加联络组活动",
];
const OPINIONS: &[&str] = &[
    "建议多组织委员开展界别协商和专题调研",
    "希望加强委员履职培训，提升建言质量",
    "建议完善提案办理反馈机制",
    "希望联络组活动与委员专业特长更好结合",
    "",
];
const DIFFICULTIES: &[&str] =
    &["本职工作任务重，参加活动时间难以保证", "缺少深入基层调研的渠道", "对政协工作程序了解还不够", "", ""];
const FOLLOW_UPS: &[&str] = &[
    "协调有关部门答复委员反映的问题",
    "安排委员参加下一期履职培训",
    "将委员意见整理报送主席会议",
    "联系专委会吸收委员参加专题调研",
];

struct Person {
    id: String,
    name: String,
    work_unit: String,
    address: String,
}

struct Gen<'a> {
    tx: &'a Connection,
    rng: StdRng,
    t: String,
    today: NaiveDate,
    count: u32,
}

/// A weekday on or after `d`.
fn weekday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Duration::days(2),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

impl Gen<'_> {
    fn pick<'b>(&mut self, xs: &[&'b str]) -> &'b str {
        xs[self.rng.random_range(0..xs.len())]
    }

    /// Up to `k` distinct items of `pool`, in the pool's order.
    fn sample<'p, T>(&mut self, pool: &'p [T], k: usize) -> Vec<&'p T> {
        let k = k.min(pool.len());
        let mut idx = rand::seq::index::sample(&mut self.rng, pool.len(), k).into_vec();
        idx.sort_unstable();
        idx.into_iter().map(|i| &pool[i]).collect()
    }

    /// A day `offset` days from today, moved to a weekday and never today itself (so that every activity
    /// is clearly past or ahead).
    fn day(&self, offset: i64) -> NaiveDate {
        let d = weekday(self.today + Duration::days(offset));
        if d == self.today {
            weekday(d + Duration::days(1))
        } else {
            d
        }
    }

    fn status_for(&self, d: NaiveDate) -> ActivityStatus {
        if d < self.today {
            ActivityStatus::Done
        } else if d <= self.today + Duration::days(14) {
            ActivityStatus::Notified
        } else {
            ActivityStatus::Planned
        }
    }

    /// A timestamp on a given day (UTC, as the database writes them).
    fn stamp(d: NaiveDate, hour: u32) -> String {
        format!("{}T{hour:02}:00:00.000Z", fmt_date(d))
    }

    #[allow(clippy::too_many_arguments)]
    fn activity(
        &mut self,
        kind: ActivityKind,
        title: &str,
        date: Option<NaiveDate>,
        time: &str,
        end_time: &str,
        place: &str,
        content: &str,
        responsible: &str,
        organiser: (Organiser, Option<&str>),
        extra: Extra,
    ) -> Result<String> {
        let id = new_id();
        let status = extra.status.unwrap_or_else(|| date.map(|d| self.status_for(d)).unwrap_or_default());
        let final_at = if status == ActivityStatus::Done && extra.attendance { Some(self.t.clone()) } else { None };
        let (group_id, committee_id) = match organiser.0 {
            Organiser::Group => (organiser.1, None),
            Organiser::Committee => (None, organiser.1),
            Organiser::Office => (None, None),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO activities (id, kind, title, start_date, start_time, end_date, end_time, place, content,
                   responsible, contact, organiser, group_id, committee_id, status, summary, suggestions, methods,
                   vehicles, meals, signup_mode, signup_deadline, round_id, material, attendance_final_at, created_at,
                   updated_at)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?26)",
            )?
            .execute(params![
                id,
                kind.as_str(),
                title,
                date.map(fmt_date),
                time,
                extra.end_date.map(fmt_date),
                end_time,
                place,
                content,
                responsible,
                extra.contact,
                organiser.0.as_str(),
                group_id,
                committee_id,
                status.as_str(),
                if status == ActivityStatus::Done { extra.summary.as_str() } else { "" },
                if status == ActivityStatus::Done { extra.suggestions.as_str() } else { "" },
                join_codes(&extra.methods, InspectionMethod::as_str),
                extra.vehicles,
                extra.meals,
                extra.signup_mode.as_str(),
                extra.signup_deadline.map(fmt_date),
                extra.round_id,
                extra.material,
                final_at,
                self.t,
            ])?;
        self.count += 1;
        Ok(id)
    }

    fn person(
        &mut self,
        activity: &str,
        name: &str,
        kind: PersonKind,
        role: ParticipantRole,
        team: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO participants (id, activity_id, name, person_kind, role, team, invited, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
            )?
            .execute(params![new_id(), activity, name, kind.as_str(), role.as_str(), team, self.t])?;
        Ok(())
    }

    /// Invite members and play out what happened: sign-ups, leave requests, sign-in and outcomes for a
    /// past activity (its attendance confirmed); sign-ups and pending leave for one notified. Returns
    /// those who attended.
    #[allow(clippy::too_many_arguments)]
    fn invite<'p>(
        &mut self,
        activity: &str,
        date: NaiveDate,
        start: &str,
        mode: SignupMode,
        members: &[&'p Person],
        role_of: impl Fn(usize) -> ParticipantRole,
        team_of: impl Fn(usize) -> String,
    ) -> Result<Vec<&'p Person>> {
        // Invitations go out with the notice: none yet for an activity still at 计划.
        if self.status_for(date) == ActivityStatus::Planned {
            return Ok(vec![]);
        }
        let past = date < self.today;
        let mut attended = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let pid = new_id();
            let roll: u32 = self.rng.random_range(0..100);
            let signup = match mode {
                SignupMode::Required => None,
                SignupMode::Signup if roll < 65 => Some("yes"),
                SignupMode::Signup if roll < 80 => Some("no"),
                SignupMode::Signup => None,
            };
            let expected = mode == SignupMode::Required || signup == Some("yes");
            // Leave: asked the day before; approved mostly, refused now and then; pending when ahead.
            let leave_roll: u32 = self.rng.random_range(0..100);
            let leave: Option<&str> = if expected && leave_roll < 9 {
                Some(if !past {
                    "pending"
                } else if leave_roll == 0 {
                    "refused"
                } else {
                    "approved"
                })
            } else {
                None
            };
            let attendance = if !past {
                None
            } else if leave == Some("approved") {
                Some(Attendance::Leave)
            } else if !expected {
                None
            } else {
                match self.rng.random_range(0..100) {
                    0..=84 => Some(Attendance::Present),
                    85..=91 => Some(Attendance::Late),
                    _ => Some(Attendance::Absent),
                }
            };
            let signed_in = match attendance {
                Some(Attendance::Present) => {
                    Some(format!("{} {}", fmt_date(date), early(start, self.rng.random_range(5..25))))
                }
                Some(Attendance::Late) => {
                    Some(format!("{} {}", fmt_date(date), early(start, -(self.rng.random_range(5..30)))))
                }
                _ => None,
            };
            if matches!(attendance, Some(Attendance::Present | Attendance::Late)) {
                attended.push(*m);
            }
            self.tx
                .prepare_cached(
                    "INSERT INTO participants (id, activity_id, member_id, person_kind, role, team, invited, signup, signup_at,
                       attendance, signed_in_at, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 'member', ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?10)",
                )?
                .execute(params![
                    pid,
                    activity,
                    m.id,
                    role_of(i).as_str(),
                    team_of(i),
                    signup,
                    signup.map(|_| Self::stamp(date - Duration::days(3), 2)),
                    attendance.map(|a| a.as_str()),
                    signed_in,
                    self.t,
                ])?;
            if let Some(status) = leave {
                let asked = Self::stamp(date - Duration::days(1), 1);
                let decided = if status == "pending" { None } else { Some(Self::stamp(date - Duration::days(1), 3)) };
                let reason = self.pick(LEAVE_REASONS);
                self.tx
                    .prepare_cached(
                        "INSERT INTO leave_requests (id, participant_id, reason, approver, status, requested_at, decided_at,
                           created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    )?
                    .execute(params![
                        new_id(),
                        pid,
                        reason,
                        if status == "pending" { "" } else { OFFICE_HEAD },
                        status,
                        asked,
                        decided,
                        self.t
                    ])?;
            }
        }
        Ok(attended)
    }
}

/// HH:MM `minutes` before `start` (after it when negative).
fn early(start: &str, minutes: i64) -> String {
    let t = chrono::NaiveTime::parse_from_str(start, "%H:%M")
        .unwrap_or_else(|_| chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("time"));
    (t - Duration::minutes(minutes)).format("%H:%M").to_string()
}

#[derive(Default)]
struct Extra {
    status: Option<ActivityStatus>,
    end_date: Option<NaiveDate>,
    contact: String,
    summary: String,
    suggestions: String,
    methods: Vec<InspectionMethod>,
    vehicles: String,
    meals: String,
    signup_mode: SignupMode,
    signup_deadline: Option<NaiveDate>,
    round_id: Option<String>,
    material: String,
    /// A past activity whose attendance was taken (confirmed).
    attendance: bool,
}

/// Create the demo's activities in the caller's transaction; returns how many.
pub(crate) fn load(tx: &Connection, seed: u64, t: &str) -> Result<u32> {
    let mut g = Gen { tx, rng: StdRng::seed_from_u64(seed), t: t.to_string(), today: today(), count: 0 };
    let people: Vec<Person> = {
        let mut st =
            tx.prepare("SELECT id, name, work_unit, address FROM members WHERE deleted_at IS NULL ORDER BY rowid")?;
        let rows = st.query_map([], |r| {
            Ok(Person { id: r.get(0)?, name: r.get(1)?, work_unit: r.get(2)?, address: r.get(3)? })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let with_role = |role: &str| -> Result<Vec<String>> {
        let mut st = tx.prepare(
            "SELECT mr.member_id FROM member_roles mr JOIN ref_items r ON r.id = mr.role_id WHERE r.name = ?1",
        )?;
        let rows = st.query_map([role], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let by_id: std::collections::HashMap<&str, &Person> = people.iter().map(|p| (p.id.as_str(), p)).collect();
    let find = |ids: &[String]| -> Vec<&Person> { ids.iter().filter_map(|i| by_id.get(i.as_str()).copied()).collect() };
    let chairs = find(&[with_role("主席")?, with_role("副主席")?, with_role("秘书长")?].concat());
    let standing = find(&[with_role("主席")?, with_role("副主席")?, with_role("秘书长")?, with_role("常委")?].concat());
    let chair_name = chairs.first().map(|p| format!("{}主席", p.name)).unwrap_or_else(|| "办公室主任".into());
    let vice = chairs.get(1).or(chairs.first()).copied();
    let ordinary: Vec<&Person> = people.iter().skip(6.min(people.len())).collect();
    let groups: Vec<(String, String, String, String)> = {
        let mut st = tx.prepare(
            "SELECT id, name, contact_person, contact_phone FROM liaison_groups WHERE deleted_at IS NULL ORDER BY sort, name",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let committees: Vec<String> = {
        let mut st =
            tx.prepare("SELECT id FROM ref_items WHERE kind = 'committee' AND deleted_at IS NULL ORDER BY sort")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let office_contact = format!("联络办 {} 0571-87001234", STAFF[0]);
    let year = g.today.year();

    // ── Visit rounds ──
    let round = new_id();
    tx.execute(
        "INSERT INTO visit_rounds (id, title, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![round, format!("{year}年委员走访"), "全年走访委员 60 人次，了解委员工作、履职情况和界别群众意见", t],
    )?;
    let visited = g.sample(&ordinary, 60);
    let n = visited.len().max(1) as i64;
    for (i, m) in visited.iter().enumerate() {
        // Spread over the window: about five in six already done.
        let d = g.day(-300 + (i as i64) * 360 / n);
        let workplace = i % 10 == 9 && !m.work_unit.is_empty();
        let purposes: Vec<VisitPurpose> =
            VisitPurpose::ALL.iter().copied().filter(|_| g.rng.random_bool(0.6)).collect();
        let purposes = if purposes.is_empty() { vec![VisitPurpose::Duties] } else { purposes };
        let visitors = format!("{chair_name}、联络办{}", STAFF[i % STAFF.len()]);
        let title = if workplace {
            format!("走访{}委员所在单位（{}）", m.name, m.work_unit)
        } else {
            format!("走访{}委员", m.name)
        };
        let place = if workplace { m.work_unit.clone() } else { m.address.clone() };
        let id = g.activity(
            ActivityKind::Visit,
            &title,
            Some(d),
            "09:30",
            "",
            &place,
            "",
            &chair_name,
            (Organiser::Office, None),
            Extra { round_id: Some(round.clone()), ..Default::default() },
        )?;
        let done = d < g.today;
        let (findings, opinions, difficulties) =
            if done { (g.pick(FINDINGS), g.pick(OPINIONS), g.pick(DIFFICULTIES)) } else { ("", "", "") };
        tx.prepare_cached(
            "INSERT INTO visits (activity_id, target_kind, member_id, target_name, address, phone, purposes, visitors,
               done_date, findings, opinions, difficulties)
             VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            id,
            if workplace { "workplace" } else { "member" },
            m.id,
            if workplace { m.work_unit.as_str() } else { "" },
            m.address,
            join_codes(&purposes, VisitPurpose::as_str),
            visitors,
            if done { Some(fmt_date(d)) } else { None },
            findings,
            opinions,
            difficulties,
        ])?;
        if done && i % 3 == 0 {
            let due = d + Duration::days(30);
            let closed = due < g.today - Duration::days(20) && g.rng.random_bool(0.5);
            tx.prepare_cached(
                "INSERT INTO follow_ups (id, activity_id, content, owner, due_date, status, done_at, result, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?
            .execute(params![
                new_id(),
                id,
                g.pick(FOLLOW_UPS),
                STAFF[(i / 3) % STAFF.len()],
                fmt_date(due),
                if closed { "done" } else { "open" },
                if closed { Some(fmt_date(due - Duration::days(5))) } else { None },
                if closed { "已办理并向委员反馈" } else { "" },
                t,
            ])?;
        }
    }
    let round2 = new_id();
    tx.execute(
        "INSERT INTO visit_rounds (id, title, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![
            round2,
            format!("{year}年走访民主党派机关和县级政协"),
            "民主党派机关每年走访两次；兄弟县级政协至少一次",
            t
        ],
    )?;
    let mut targets: Vec<(VisitTarget, &str, i64)> = Vec::new();
    for (i, p) in PARTY_OFFICES.iter().enumerate() {
        targets.push((VisitTarget::PartyOffice, p, -280 + i as i64 * 4));
        targets.push((VisitTarget::PartyOffice, p, -60 + i as i64 * 12));
    }
    for (i, c) in COUNTIES.iter().enumerate() {
        targets.push((VisitTarget::CountyCppcc, c, -200 + i as i64 * 70));
    }
    targets.push((VisitTarget::CountyCppcc, COUNTIES[2], 40));
    for (kind, name, offset) in targets {
        let d = g.day(offset);
        let id = g.activity(
            ActivityKind::Visit,
            &format!("走访{name}"),
            Some(d),
            "14:30",
            "",
            name,
            "通报政协工作，听取意见建议",
            &chair_name,
            (Organiser::Office, None),
            Extra { round_id: Some(round2.clone()), ..Default::default() },
        )?;
        let done = d < g.today;
        tx.prepare_cached(
            "INSERT INTO visits (activity_id, target_kind, target_name, purposes, visitors, done_date, findings, opinions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id,
            kind.as_str(),
            name,
            join_codes(&[VisitPurpose::Work, VisitPurpose::SectorViews], VisitPurpose::as_str),
            format!("{chair_name}、联络办{}", STAFF[1]),
            if done { Some(fmt_date(d)) } else { None },
            if done { "交流了年度重点工作，对方介绍了自身建设情况" } else { "" },
            if done { g.pick(OPINIONS) } else { "" },
        ])?;
    }

    // ── Inspections and research trips ──
    for (i, (title, content)) in INSPECTIONS.iter().chain(RESEARCH).enumerate() {
        let kind = if i < INSPECTIONS.len() { ActivityKind::Inspection } else { ActivityKind::Research };
        let d = g.day(-270 + i as i64 * 55);
        let two_days = i % 3 == 1;
        let committee = committees.get(i % committees.len().max(1)).map(String::as_str);
        let organiser = if i % 2 == 1 && committee.is_some() {
            (Organiser::Committee, committee)
        } else {
            (Organiser::Office, None)
        };
        let id = g.activity(
            kind,
            title,
            Some(d),
            "08:30",
            "17:00",
            "区政协机关集合",
            content,
            vice.map(|v| v.name.as_str()).unwrap_or(OFFICE_HEAD),
            organiser,
            Extra {
                end_date: if two_days { Some(weekday(d + Duration::days(1))) } else { None },
                contact: office_contact.clone(),
                summary: format!("{title}报告：总体进展良好，也存在短板和不足。"),
                suggestions: "一是加强统筹协调；二是加大资金投入；三是完善长效机制。".into(),
                methods: vec![InspectionMethod::Briefing, InspectionMethod::SiteVisit, InspectionMethod::Discussion],
                vehicles: "中巴车 1 辆（区政协机关门口 8:15 发车）".into(),
                meals: "工作餐".into(),
                attendance: true,
                ..Default::default()
            },
        )?;
        for s in 0..3usize {
            let (place, host) = STOPS[(i + s) % STOPS.len()];
            let stop_day = if two_days && s == 2 { weekday(d + Duration::days(1)) } else { d };
            tx.prepare_cached(
                "INSERT INTO activity_stops (id, activity_id, seq, stop_date, stop_time, place, host_unit, host_contact, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '')",
            )?
            .execute(params![
                new_id(),
                id,
                s as i64 + 1,
                fmt_date(stop_day),
                ["09:00", "10:30", "14:30"][s],
                place,
                host,
                format!("{} 1390000{:04}", STAFF[(s + 1) % STAFF.len()], 1000 + i * 10 + s),
            ])?;
        }
        if let Some(v) = vice {
            g.invite(&id, d, "08:30", SignupMode::Required, &[v], |_| ParticipantRole::Lead, |_| "第一组".into())?;
        }
        let members = g.sample(&ordinary, 14);
        let members: Vec<&Person> = members.into_iter().copied().collect();
        g.invite(
            &id,
            d,
            "08:30",
            SignupMode::Required,
            &members,
            |_| ParticipantRole::Attendee,
            |k| {
                if k % 2 == 0 {
                    "第一组".into()
                } else {
                    "第二组".into()
                }
            },
        )?;
        g.person(&id, STAFF[0], PersonKind::Staff, ParticipantRole::Attendee, "第一组")?;
        g.person(&id, STAFF[2], PersonKind::Staff, ParticipantRole::Attendee, "第二组")?;
    }

    // ── Forums ──
    for (i, (title, content)) in FORUMS.iter().enumerate() {
        let d = g.day(-240 + i as i64 * 80);
        let mode = if i == 3 { SignupMode::Signup } else { SignupMode::Required };
        let id = g.activity(
            ActivityKind::Forum,
            title,
            Some(d),
            "14:30",
            "17:00",
            "区政协三楼会议室",
            content,
            OFFICE_HEAD,
            (Organiser::Office, None),
            Extra {
                contact: office_contact.clone(),
                summary: format!("{title}召开，与会委员踊跃发言，提出意见建议 12 条。"),
                signup_mode: mode,
                signup_deadline: if mode == SignupMode::Signup { Some(d - Duration::days(3)) } else { None },
                attendance: true,
                ..Default::default()
            },
        )?;
        let members: Vec<&Person> = g.sample(&ordinary, 25).into_iter().copied().collect();
        g.invite(
            &id,
            d,
            "14:30",
            mode,
            &members,
            |k| if k < 4 { ParticipantRole::Speaker } else { ParticipantRole::Attendee },
            |_| String::new(),
        )?;
        if let Some(v) = vice {
            g.person(&id, &format!("{}副主席", v.name), PersonKind::Leader, ParticipantRole::Host, "")?;
        }
    }
    // One not fixed yet: no date, no place (marked in the agenda).
    g.activity(
        ActivityKind::Forum,
        "委员读书分享会",
        None,
        "",
        "",
        "",
        "委员分享读书心得",
        OFFICE_HEAD,
        (Organiser::Office, None),
        Extra { status: Some(ActivityStatus::Planned), ..Default::default() },
    )?;

    // ── Group activities: twice a year per group, the whole group invited ──
    let mut members_of: std::collections::HashMap<String, Vec<&Person>> = Default::default();
    {
        let mut st = tx.prepare("SELECT gm.group_id, gm.member_id FROM group_members gm JOIN members m ON m.id = gm.member_id ORDER BY m.rowid")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let (gid, mid): (String, String) = (r.get(0)?, r.get(1)?);
            if let Some(p) = by_id.get(mid.as_str()) {
                members_of.entry(gid).or_default().push(p);
            }
        }
    }
    for (i, (gid, gname, contact, phone)) in groups.iter().enumerate() {
        let members = members_of.get(gid).cloned().unwrap_or_default();
        for (half, offset) in [(0, -200 + (i as i64 % 60)), (1, 10 + (i as i64 % 50))] {
            let d = g.day(offset);
            let (title, content) = if half == 0 {
                (format!("{gname}“委员进社区”活动"), "走进社区听取群众意见，开展委员接待日")
            } else {
                (format!("{gname}专题协商活动"), "围绕辖区民生实事开展专题协商")
            };
            // Every seventh upcoming one has no place yet.
            let place = if half == 1 && i % 7 == 3 {
                String::new()
            } else {
                format!("{}委员之家", gname.trim_end_matches("联络组"))
            };
            let id = g.activity(
                ActivityKind::Group,
                &title,
                Some(d),
                "09:00",
                "11:30",
                &place,
                content,
                contact,
                (Organiser::Group, Some(gid)),
                Extra {
                    contact: format!("{contact} {phone}"),
                    summary: "活动按计划开展，委员收集群众意见 8 条。".into(),
                    attendance: true,
                    ..Default::default()
                },
            )?;
            g.invite(
                &id,
                d,
                "09:00",
                SignupMode::Required,
                &members,
                |k| if k == 0 { ParticipantRole::Host } else { ParticipantRole::Attendee },
                |_| String::new(),
            )?;
        }
    }

    // ── Study sessions, with reflections ──
    for (i, (title, material)) in STUDIES.iter().enumerate() {
        let d = g.day(-250 + i as i64 * 85);
        let id = g.activity(
            ActivityKind::Study,
            title,
            Some(d),
            "09:00",
            "11:00",
            "区政协二楼学习室",
            "集中学习，交流学习体会",
            OFFICE_HEAD,
            (Organiser::Office, None),
            Extra {
                contact: office_contact.clone(),
                material: material.to_string(),
                summary: "学习会圆满完成。".into(),
                attendance: true,
                ..Default::default()
            },
        )?;
        let members: Vec<&Person> = g.sample(&ordinary, 30).into_iter().copied().collect();
        let attended = g.invite(
            &id,
            d,
            "09:00",
            SignupMode::Required,
            &members,
            |_| ParticipantRole::Attendee,
            |_| String::new(),
        )?;
        for (k, m) in attended.iter().enumerate() {
            if k % 5 < 2 {
                tx.prepare_cached(
                    "INSERT INTO reflections (id, activity_id, member_id, title, body, file_path, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?6)",
                )?
                .execute(params![
                    new_id(),
                    id,
                    m.id,
                    format!("{title}心得体会"),
                    "通过学习，进一步提高了政治站位，增强了履职尽责的使命感。",
                    t
                ])?;
            }
        }
    }

    // ── Standing committee and chairmen's meetings ──
    for (i, offset) in [-150i64, 30].iter().enumerate() {
        let d = g.day(*offset);
        let id = g.activity(
            ActivityKind::Standing,
            &format!("政协第十五届常务委员会第{}次会议", ["五", "六"][i]),
            Some(d),
            "09:00",
            "11:30",
            "区政协大会议室",
            "协商讨论年度重点工作，审议有关事项",
            OFFICE_HEAD,
            (Organiser::Office, None),
            Extra {
                contact: office_contact.clone(),
                summary: "会议审议通过有关事项。".into(),
                attendance: true,
                ..Default::default()
            },
        )?;
        g.invite(
            &id,
            d,
            "09:00",
            SignupMode::Required,
            &standing,
            |k| if k == 0 { ParticipantRole::Host } else { ParticipantRole::Attendee },
            |_| String::new(),
        )?;
    }
    for (i, offset) in [-90i64, 20].iter().enumerate() {
        let d = g.day(*offset);
        let id = g.activity(
            ActivityKind::Chair,
            &format!("{year}年第{}次主席会议", ["三", "四"][i]),
            Some(d),
            "15:00",
            "17:00",
            "区政协小会议室",
            "研究委员履职考核和下阶段工作安排",
            OFFICE_HEAD,
            (Organiser::Office, None),
            Extra {
                contact: office_contact.clone(),
                summary: "会议研究了有关事项。".into(),
                attendance: true,
                ..Default::default()
            },
        )?;
        g.invite(
            &id,
            d,
            "15:00",
            SignupMode::Required,
            &chairs,
            |k| if k == 0 { ParticipantRole::Host } else { ParticipantRole::Attendee },
            |_| String::new(),
        )?;
    }

    // ── The kinds the work plans name (issue 14): 评议, 学习考察, 工作交流, 联谊交友, 服务民生 ──
    let mut appraisal = None;
    for (i, (kind, title, place, content)) in [
        (ActivityKind::Appraisal, "民主评议区住建局政风行风", "区住建局会议室", "听取工作汇报，委员评议打分"),
        (ActivityKind::StudyTour, "赴兄弟县区学习考察乡村振兴工作", "邻县政协", "学习借鉴乡村振兴经验做法"),
        (ActivityKind::Exchange, "与邻县政协联络工作交流座谈", "区政协小会议室", "交流委员联络工作经验"),
        (ActivityKind::Fellowship, "委员迎春联谊会", "委员之家", "委员联谊交友，增进了解"),
        (ActivityKind::Service, "委员义诊送医下乡活动", "城关镇卫生院", "医药卫生界委员义诊、健康咨询"),
    ]
    .into_iter()
    .enumerate()
    {
        let d = g.day(-220 + i as i64 * 45);
        let id = g.activity(
            kind,
            title,
            Some(d),
            "09:00",
            "11:30",
            place,
            content,
            OFFICE_HEAD,
            (Organiser::Office, None),
            Extra {
                contact: office_contact.clone(),
                summary: "活动圆满完成。".into(),
                attendance: true,
                ..Default::default()
            },
        )?;
        let members: Vec<&Person> = g.sample(&ordinary, 15).into_iter().copied().collect();
        g.invite(&id, d, "09:00", SignupMode::Required, &members, |_| ParticipantRole::Attendee, |_| String::new())?;
        if kind == ActivityKind::Appraisal {
            appraisal = Some(id);
        }
    }
    // 联片活动: the first group with the next two.
    if groups.len() >= 3 {
        let d = g.day(-120);
        let (gid, gname, contact, phone) = &groups[0];
        let id = g.activity(
            ActivityKind::Group,
            &format!("{gname}等三组联片视察农村饮水安全工程"),
            Some(d),
            "09:00",
            "12:00",
            "城关镇水厂",
            "联片视察农村饮水安全工程建设",
            contact,
            (Organiser::Group, Some(gid)),
            Extra {
                contact: format!("{contact} {phone}"),
                summary: "视察圆满完成。".into(),
                attendance: true,
                ..Default::default()
            },
        )?;
        for (other, ..) in &groups[1..3] {
            tx.prepare_cached("INSERT INTO activity_groups (activity_id, group_id) VALUES (?1, ?2)")?
                .execute([&id, other])?;
        }
        let mut seen = std::collections::HashSet::new();
        let members: Vec<&Person> = groups[..3]
            .iter()
            .flat_map(|(gid, ..)| members_of.get(gid).cloned().unwrap_or_default())
            .filter(|p| seen.insert(p.id.clone()))
            .collect();
        g.invite(&id, d, "09:00", SignupMode::Required, &members, |_| ParticipantRole::Attendee, |_| String::new())?;
    }
    // 驻地上级政协委员, invited to the appraisal.
    for (name, level, sector, unit) in [
        ("高振东", "national", "经济界", "某集团公司董事长"),
        ("林淑芬", "province", "医药卫生界", "省人民医院主任医师"),
        ("吴建华", "city", "教育界", "市第一中学校长"),
    ] {
        let uid = new_id();
        tx.prepare_cached(
            "INSERT INTO upper_members (id, name, level, term, sector, unit, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?
        .execute(params![
            uid,
            name,
            level,
            if level == "national" { "第十四届" } else { "第十三届" },
            sector,
            unit,
            t
        ])?;
        if let Some(a) = &appraisal {
            tx.prepare_cached(
                "INSERT INTO participants (id, activity_id, upper_member_id, name, person_kind, invited, attendance,
                   created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'upper', 1, 'present', ?5, ?5)",
            )?
            .execute(params![new_id(), a, uid, name, t])?;
        }
    }
    Ok(g.count)
}
