//! An invented office for demos and benchmarks: members with valid ID numbers spread over sectors,
//! parties, committees and liaison groups. Everyone is made up; the generator is seeded, so the
//! same N gives the same office.

use crate::db::{audit, new_id, now, Db};
use crate::error::{Error, Result};
use crate::hanzi;
use crate::idcard;
use crate::refs::RefKind;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DemoSummary {
    pub members: u32,
    pub groups: u32,
    /// A year of activities with participation (see `activities::demo`).
    pub activities: u32,
    /// Proposals in every state of their handling, and speeches at the session (`proposals::demo`).
    pub proposals: u32,
    pub speeches: u32,
}

// Common surnames, including the ones read differently as surnames (曾 单 解 仇 区 查).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武",
    "戴", "莫", "孔", "向", "汤", "单", "解", "仇", "区", "查", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "文", "辉", "建", "国", "红", "玲", "志", "海", "峰", "林", "燕", "萍", "春", "晓",
    "慧", "波", "宁", "宇", "鹏", "斌", "凯", "琳", "雪", "梅", "丹", "蕾", "晨", "阳", "彬", "荣", "新", "东", "德",
    "立", "成", "永", "卫", "嘉", "怡", "博", "思", "远", "益", "清", "源", "正", "和",
];
const UNITS: &[&str] = &[
    "区人民医院",
    "第一中学",
    "实验小学",
    "区农业农村局",
    "区律师协会",
    "城建投资集团有限公司",
    "区科技局",
    "区中医院",
    "职业技术学校",
    "区文化馆",
    "农商银行",
    "区工商联",
    "区妇联",
    "电力公司",
    "区教育局",
    "区卫生健康局",
    "会计师事务所",
    "现代农业合作社",
    "区图书馆",
    "市第二人民医院",
];
const JOBS: &[&str] = &[
    "院长",
    "校长",
    "局长",
    "副局长",
    "主任",
    "副主任",
    "董事长",
    "总经理",
    "教师",
    "医师",
    "律师",
    "科长",
    "馆长",
    "理事长",
];
const PROF: &[&str] = &[
    "",
    "",
    "高级教师",
    "主任医师",
    "副主任医师",
    "高级工程师",
    "工程师",
    "高级经济师",
    "一级律师",
    "研究员",
    "副教授",
];
const EDU: &[&str] = &["研究生", "大学本科", "大学本科", "大学本科", "大学专科", "博士研究生"];
const TOWNS: &[&str] = &[
    "城关", "东城", "西城", "南湖", "北苑", "新华", "解放", "青山", "白沙", "清河", "长安", "永安", "太平", "桃源",
    "梅林", "金桥", "石桥", "柳泉", "杨柳", "凤凰", "龙泉", "花园", "丰收", "红旗", "文昌", "和平", "高新", "滨江",
    "湖滨", "临江", "双溪", "三江", "五里", "八里", "十里", "河口", "马鞍", "莲花", "荷塘", "仙桥",
];
const AREAS: &[&str] =
    &["330102", "330105", "330106", "330108", "330109", "330110", "320102", "320104", "440103", "420102"];
const MOBILE_PREFIX: &[&str] = &[
    "138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "189", "133", "177",
    "180", "181",
];
const ETHNIC: &[&str] =
    &["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族", "壮族", "土家族", "畲族"];

fn pick<'a>(rng: &mut StdRng, xs: &[&'a str]) -> &'a str {
    xs[rng.random_range(0..xs.len())]
}

impl Db {
    /// Fill the database with an invented office: `members` members and `groups` liaison groups in the
    /// current term. One transaction. Refuses to run on a database that already has members.
    pub fn load_demo(&mut self, members: u32, groups: Option<u32>) -> Result<DemoSummary> {
        let existing: i64 = self.conn.query_row("SELECT COUNT(*) FROM members", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::Conflict(format!("数据库中已有 {existing} 名委员：演示数据只能载入空数据库")));
        }
        let groups = groups.unwrap_or_else(|| (members / 25).clamp(3, 100)).max(1);
        let term = self.current_term_id()?;
        let sectors = self.refs(RefKind::Sector)?;
        let parties = self.refs(RefKind::Party)?;
        let committees = self.refs(RefKind::Committee)?;
        let roles = self.refs(RefKind::Role)?;
        let role = |n: &str| roles.iter().find(|r| r.name == n).map(|r| r.id.clone());
        let party_of = |name: &str| parties.iter().find(|p| p.name == name).map(|p| p.id.clone());
        let mut rng = StdRng::seed_from_u64(20261127 + members as u64);
        let t = now();
        let tx = self.conn.transaction()?;
        let order = crate::names::order(&tx)?;

        // Townships and their groups.
        let mut group_ids = Vec::new();
        for i in 0..groups {
            // 40 place names; past them, the same names with a direction in front (东城关镇 …).
            let base = TOWNS[i as usize % TOWNS.len()];
            let prefix = ["", "东", "西", "南", "北", "新", "上", "下"][(i as usize / TOWNS.len()) % 8];
            let suffix = ["镇", "街道", "乡"][i as usize % 3];
            let town = format!("{prefix}{base}{suffix}");
            let town_id = new_id();
            tx.execute(
                "INSERT INTO ref_items (id, kind, name, sort, created_at, updated_at) VALUES (?1, 'township', ?2, ?3, ?4, ?4)",
                params![town_id, town, (i as i64 + 1) * 10, t],
            )?;
            let gid = new_id();
            let contact = format!("{}{}", pick(&mut rng, SURNAMES), pick(&mut rng, GIVEN));
            let phone = format!("{}{:08}", pick(&mut rng, MOBILE_PREFIX), rng.random_range(0..100_000_000u32));
            tx.execute(
                "INSERT INTO liaison_groups (id, term_id, name, township_id, contact_person, contact_phone, sort, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![gid, term, format!("{town}联络组"), town_id, contact, phone, (i as i64 + 1) * 10, t],
            )?;
            group_ids.push(gid);
        }

        let mut ins = tx.prepare(
            "INSERT INTO members (id, name, gender, ethnicity, birth_date, native_place, id_number, party_id, sector_id,
               committee_id, work_unit, job_title, professional_title, education, mobile, phone, address, postcode,
               status, notes, name_pinyin, name_initials, pinyin_key, stroke_key, created_at, updated_at, sector_sort)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,'active','',?19,?20,?21,?22,?23,?23,?24)",
        )?;
        let mut ins_term = tx.prepare("INSERT INTO member_terms (member_id, term_id) VALUES (?1, ?2)")?;
        let mut ins_role = tx.prepare("INSERT INTO member_roles (member_id, role_id) VALUES (?1, ?2)")?;
        let mut ins_group = tx.prepare(
            "INSERT INTO group_members (group_id, member_id, term_id, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut seq_used = std::collections::HashSet::new();
        for i in 0..members {
            let surname = pick(&mut rng, SURNAMES);
            let mut name = surname.to_string();
            let given_len = if rng.random_bool(0.3) { 1 } else { 2 };
            for _ in 0..given_len {
                name.push_str(pick(&mut rng, GIVEN));
            }
            let male = rng.random_bool(0.62);
            let (y, m, d) = (rng.random_range(1956..=1992), rng.random_range(1..=12u32), rng.random_range(1..=28u32));
            let area = pick(&mut rng, AREAS);
            // A unique sequence per person keeps ID numbers unique.
            let id_number = loop {
                let seq = rng.random_range(0..500u32) * 2 + if male { 1 } else { 0 };
                let first17 = format!("{area}{y:04}{m:02}{d:02}{seq:03}");
                if seq_used.insert(first17.clone()) {
                    break format!("{first17}{}", idcard::check_char(&first17));
                }
            };
            debug_assert!(idcard::validate(&id_number).is_ok());
            let sector = &sectors[rng.random_range(0..sectors.len())];
            let party = match sector.name.as_str() {
                "中国国民党革命委员会" => party_of("民革党员"),
                "中国民主同盟" => party_of("民盟盟员"),
                "中国民主建国会" => party_of("民建会员"),
                "中国民主促进会" => party_of("民进会员"),
                "中国农工民主党" => party_of("农工党党员"),
                "中国致公党" => party_of("致公党党员"),
                "九三学社" => party_of("九三学社社员"),
                "台湾民主自治同盟" => party_of("台盟盟员"),
                "中国共产党" => party_of("中共党员"),
                "无党派民主人士" => party_of("无党派人士"),
                _ => party_of(match rng.random_range(0..10) {
                    0..=4 => "中共党员",
                    5..=6 => "无党派人士",
                    _ => "群众",
                }),
            };
            let committee = if rng.random_bool(0.7) {
                Some(committees[rng.random_range(0..committees.len())].id.clone())
            } else {
                None
            };
            let unit =
                format!("{}{}", if rng.random_bool(0.5) { "" } else { pick(&mut rng, TOWNS) }, pick(&mut rng, UNITS));
            let mobile = format!("{}{:08}", pick(&mut rng, MOBILE_PREFIX), rng.random_range(0..100_000_000u32));
            let id = new_id();
            ins.execute(params![
                id,
                name,
                if male { "男" } else { "女" },
                pick(&mut rng, ETHNIC),
                format!("{y:04}-{m:02}-{d:02}"),
                format!("浙江{}", pick(&mut rng, &["杭州", "宁波", "温州", "绍兴", "湖州", "金华"])),
                id_number,
                party,
                sector.id,
                committee,
                unit,
                pick(&mut rng, JOBS),
                pick(&mut rng, PROF),
                pick(&mut rng, EDU),
                mobile,
                if rng.random_bool(0.3) {
                    format!("0571-{:08}", rng.random_range(10_000_000..99_999_999u32))
                } else {
                    String::new()
                },
                format!("{}路{}号", pick(&mut rng, TOWNS), rng.random_range(1..300)),
                format!("3100{:02}", rng.random_range(0..99)),
                hanzi::pinyin_full(&name),
                hanzi::pinyin_initials(&name),
                hanzi::pinyin_sort_key(&name),
                hanzi::stroke_sort_key_with(&name, order),
                t,
                sector.sort,
            ])?;
            ins_term.execute(params![id, term])?;
            tx.execute(crate::members::TERM_LIST_SQL, [&id])?;
            let r = match i {
                0 => "主席",
                1..=4 => "副主席",
                5 => "秘书长",
                _ if rng.random_bool(0.12) => "常委",
                _ => "委员",
            };
            if let Some(rid) = role(r) {
                ins_role.execute(params![id, rid])?;
            }
            // Most members belong to a group; the first of each group leads it, the second deputises.
            if i >= 6 && rng.random_bool(0.95) {
                let gi = (i as usize - 6) % group_ids.len();
                let nth = (i as usize - 6) / group_ids.len();
                let grole = match nth {
                    0 => "leader",
                    1 => "deputy",
                    _ => "member",
                };
                ins_group.execute(params![group_ids[gi], id, term, grole, t])?;
            }
        }
        drop((ins, ins_term, ins_role, ins_group));
        // Activities draw from their own generator, so the members above stay the same for the same N.
        let activities = crate::activities::demo::load(&tx, 20261127 + members as u64 + 1, &t)?;
        // The plenary session under way (its own generator too); it is an activity of kind 全会.
        let activities = activities + crate::sessions::demo::load(&tx, 20261127 + members as u64 + 2, &t)?;
        // Opinion reports across every state, and bulletin issues (last year's and this year's).
        let opinions = crate::opinions::demo::load(&tx, 20261127 + members as u64 + 3, &t)?;
        let (proposals, speeches) = crate::proposals::demo::load(&tx, 20261127 + members as u64 + 3, members)?;
        crate::performance::demo::load(&tx, 20261127 + members as u64 + 4, &t)?;
        crate::workplan::demo::load(&tx)?;
        audit(
            &tx,
            "demo",
            "demo",
            "create",
            &serde_json::json!({"members": [null, members], "groups": [null, groups], "activities": [null, activities], "opinions": [null, opinions]}),
        )?;
        tx.commit()?;
        Ok(DemoSummary { members, groups, activities, proposals, speeches })
    }
}
