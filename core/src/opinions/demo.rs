//! Invented opinion reports for the demo office, across every state (暂存 to 反馈, 留存, a combined report
//! with its sources, 批示 at several levels), and bulletin issues: last year's full run and this year's
//! first issues, so that 总第M期 continues across the years. Plain statements inside `load_demo`'s
//! transaction, with a seeded generator of its own.

use crate::dates::{fmt_date, today};
use crate::db::new_id;
use crate::error::Result;
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};

/// (title, situation, problem, suggestion, topic)
const REPORTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "关于加强农村留守老人关爱服务的建议",
        "我区农村60岁以上留守老人约1.2万人，多数子女长期在外务工。",
        "日间照料中心覆盖不足，部分中心建成后运营困难，专业护理人员短缺。",
        "一是将农村养老服务设施纳入乡村振兴规划；二是引导社会组织参与运营；三是建立留守老人定期探访制度。",
        "养老",
    ),
    (
        "关于破解老旧小区停车难问题的建议",
        "城区2000年以前建成的老旧小区共86个，普遍缺少停车位。",
        "车位缺口大，占道停车引发邻里矛盾，消防通道常被堵塞。",
        "建议利用周边闲置地块建设立体停车场，推行错时共享停车，将停车设施纳入老旧小区改造内容。",
        "城市管理",
    ),
    (
        "关于规范校外培训机构管理的建议",
        "“双减”政策实施以来，学科类培训大幅压减，非学科类培训机构数量增加。",
        "部分机构资质不全、预收费风险大，监管职责分散。",
        "建立多部门联合监管机制，推行预收费资金监管，定期公布机构白名单。",
        "教育",
    ),
    (
        "关于提升基层医疗卫生服务能力的建议",
        "全区共有乡镇卫生院12家、村卫生室156个。",
        "基层医务人员老龄化，全科医生不足，群众首诊在基层的意愿不强。",
        "完善基层医务人员薪酬激励，推进紧密型县域医共体建设，加强远程会诊平台应用。",
        "医疗卫生",
    ),
    (
        "关于加快农村生活污水治理的建议",
        "我区已有43%的行政村完成生活污水治理设施建设。",
        "部分设施建成后缺乏运维资金，出现“晒太阳”现象。",
        "明确运维主体和经费来源，引入第三方专业运维，将运行效果纳入考核。",
        "生态环境",
    ),
    (
        "关于支持中小微企业融资的建议",
        "今年以来，我区中小微企业贷款需求持续增长。",
        "抵押物不足、担保难，融资成本偏高，政策知晓率不高。",
        "扩大政府性融资担保覆盖面，推广“信易贷”，组织银企对接会。",
        "营商环境",
    ),
    (
        "关于加强未成年人网络保护的建议",
        "青少年上网时间逐年增加，网络游戏、短视频对未成年人影响较大。",
        "部分家长监护能力不足，学校网络素养教育薄弱。",
        "开展家庭网络素养教育，推动学校开设网络安全课程，加强对网络平台的监管。",
        "教育",
    ),
    (
        "关于推进城乡公交一体化的建议",
        "全区农村客运班线34条，部分线路班次少、票价高。",
        "偏远村庄群众出行不便，农村客运企业经营困难。",
        "推进城乡公交一体化改造，实行财政补贴与服务质量挂钩，优化线路和班次。",
        "交通",
    ),
    (
        "关于加强历史文化街区保护的建议",
        "我区现存历史文化街区3处、历史建筑47处。",
        "部分历史建筑年久失修，保护利用资金不足，商业化过度。",
        "编制保护利用规划，设立专项资金，探索“保护+活化利用”模式。",
        "文化",
    ),
    (
        "关于做好高校毕业生就业服务的建议",
        "今年全区户籍高校毕业生约3200人，创历史新高。",
        "结构性就业矛盾突出，部分毕业生就业期望与岗位不匹配。",
        "加大见习岗位开发，开展精准职业指导，落实吸纳就业补贴政策。",
        "就业",
    ),
    (
        "关于完善社区嵌入式养老服务的建议",
        "城区社区老年人口占比超过22%，居家养老需求旺盛。",
        "社区养老服务设施面积不足，服务项目单一。",
        "在新建小区配建养老服务用房，推广“物业+养老”模式。",
        "养老",
    ),
    (
        "关于加强食品安全监管的建议",
        "我区共有食品生产经营主体约8600家，小作坊、小摊贩较多。",
        "基层监管力量不足，网络订餐食品安全问题时有发生。",
        "推进“明厨亮灶”全覆盖，加强网络订餐平台监管，充实基层执法力量。",
        "民生",
    ),
];

const LEADERS: &[(&str, &str)] = &[
    ("区委书记 刘志远", "district"),
    ("区长 孙海涛", "district"),
    ("市委副书记 赵启明", "city"),
    ("副市长 钱雅琴", "city"),
    ("省政协副主席 郑国华", "province"),
];

const DEPARTMENTS: &[&str] =
    &["区民政局", "区住房和城乡建设局", "区教育局", "区卫生健康局", "区生态环境分局", "区发展和改革局"];

fn date(d: NaiveDate) -> String {
    fmt_date(d)
}

/// Load the demo reports and bulletin issues; returns the number of reports.
pub(crate) fn load(tx: &Connection, seed: u64, t: &str) -> Result<u32> {
    let mut rng = StdRng::seed_from_u64(seed);
    let members: Vec<(String, String)> = {
        let mut st = tx.prepare("SELECT id, name FROM members WHERE deleted_at IS NULL ORDER BY id LIMIT 200")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if members.is_empty() {
        return Ok(0);
    }
    let parties: Vec<(String, String)> = {
        let mut st = tx.prepare(
            "SELECT id, name FROM ref_items WHERE kind = 'party' AND deleted_at IS NULL ORDER BY sort LIMIT 8",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let groups: Vec<(String, String)> = {
        let mut st = tx.prepare("SELECT id, name FROM liaison_groups WHERE deleted_at IS NULL ORDER BY sort")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let sectors: Vec<String> = {
        let mut st =
            tx.prepare("SELECT id FROM ref_items WHERE kind = 'sector' AND deleted_at IS NULL ORDER BY sort")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let today = today();
    let year = today.year();
    let start = NaiveDate::from_ymd_opt(year, 1, 10).expect("date");
    let span = (today - start).num_days().max(30);

    // States in the order of the workflow; several of the later ones, so that a bulletin has material.
    let states = [
        "draft",
        "draft",
        "submitted",
        "submitted",
        "editing",
        "editing",
        "retained",
        "adopted",
        "adopted",
        "adopted",
        "instructed",
        "instructed",
        "transferred",
        "transferred",
        "replied",
        "fed_back",
        "fed_back",
        "adopted",
        "instructed",
        "adopted",
        "submitted",
        "retained",
        "fed_back",
        "adopted",
    ];
    let mut ins_sub = tx.prepare(
        "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, group_id, ref_id, role, name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut adopted_ids: Vec<(String, NaiveDate)> = Vec::new();
    let mut submitted_ids: Vec<String> = Vec::new();
    let mut n = 0u32;
    for (k, state) in states.iter().enumerate() {
        let (title, sit, prob, sugg, topic) = REPORTS[k % REPORTS.len()];
        let title = if k >= REPORTS.len() { title.replacen("的建议", "的再建议", 1) } else { title.to_string() };
        let d = start + Duration::days((span * k as i64 / states.len() as i64).min(span));
        let id = new_id();
        let adopted = matches!(*state, "adopted" | "instructed" | "transferred" | "replied")
            || (*state == "fed_back" && k % 2 == 0);
        let reviewed = !matches!(*state, "draft" | "submitted");
        let level = if adopted { Some(["district", "city", "district", "province"][k % 4]) } else { None };
        let edited_title = if reviewed { title.clone() } else { String::new() };
        let edited_sugg = if reviewed { format!("{sugg}（经核稿，文字有删改）") } else { String::new() };
        let later = |days: i64| date((d + Duration::days(days)).min(today));
        let fed_back = *state == "fed_back";
        let retained = *state == "retained" || (fed_back && !adopted);
        tx.execute(
            "INSERT INTO opinions (id, title, situation, problem, suggestion, report_date, sector_id, topics, state,
                submitted_at, edited_title, edited_situation, edited_problem, edited_suggestion, editor, edited_at,
                adopted_level, adopted_form, adopted_at, adopted_by, retained_at, department, transferred_at, reply,
                replied_at, feedback, fed_back_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                     ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?28)",
            params![
                id,
                title,
                sit,
                prob,
                sugg,
                date(d),
                sectors.get(k % sectors.len().max(1)),
                topic,
                state,
                (*state != "draft").then(|| date(d)),
                edited_title,
                if reviewed { sit } else { "" },
                if reviewed { prob } else { "" },
                edited_sugg,
                if reviewed { "张丽" } else { "" },
                reviewed.then(|| later(2)),
                level,
                adopted.then_some("single"),
                adopted.then(|| later(5)),
                if adopted { "区政协办公室" } else { "" },
                retained.then(|| later(4)),
                if matches!(*state, "transferred" | "replied") || (fed_back && adopted) {
                    DEPARTMENTS[k % DEPARTMENTS.len()]
                } else {
                    ""
                },
                (matches!(*state, "transferred" | "replied") || (fed_back && adopted)).then(|| later(12)),
                if *state == "replied" || (fed_back && adopted) {
                    "已研究办理，相关工作纳入明年计划。"
                } else {
                    ""
                },
                (*state == "replied" || (fed_back && adopted)).then(|| later(30)),
                if fed_back { "已电话告知报送人办理情况。" } else { "" },
                fed_back.then(|| later(35)),
                t
            ],
        )?;
        // Submitters: one to three members (the first leads), sometimes a party or a group instead.
        let mut seq = 0i64;
        match k % 7 {
            3 if !parties.is_empty() => {
                let (pid, pname) = &parties[k % parties.len()];
                ins_sub.execute(params![id, seq, "party", None::<String>, None::<String>, pid, "first", pname])?;
            }
            5 if !groups.is_empty() => {
                let (gid, gname) = &groups[k % groups.len()];
                ins_sub.execute(params![id, seq, "group", None::<String>, gid, None::<String>, "first", gname])?;
            }
            _ => {
                let count = rng.random_range(1..=3usize);
                let first = rng.random_range(0..members.len());
                for j in 0..count {
                    let (mid, mname) = &members[(first + j * 7) % members.len()];
                    if j > 0 && mid == &members[first].0 {
                        continue;
                    }
                    let role = if j == 0 { "first" } else { "co" };
                    ins_sub.execute(params![id, seq, "member", mid, None::<String>, None::<String>, role, mname])?;
                    seq += 1;
                }
            }
        }
        if matches!(*state, "instructed" | "transferred" | "replied") || (fed_back && adopted && k % 4 == 0) {
            let (who, lvl) = LEADERS[k % LEADERS.len()];
            tx.execute(
                "INSERT INTO opinion_instructions (id, opinion_id, leader, level, date, text, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![new_id(), id, who, lvl, later(8), "请相关部门认真研究，提出具体措施。", t],
            )?;
        }
        if adopted {
            adopted_ids.push((id.clone(), d));
        }
        if *state == "submitted" {
            submitted_ids.push(id.clone());
        }
        n += 1;
    }
    // A combined report made from two submitted ones (核稿中).
    if submitted_ids.len() >= 2 {
        let cid = new_id();
        let d = date(today - Duration::days(3));
        tx.execute(
            "INSERT INTO opinions (id, title, situation, problem, suggestion, report_date, state, submitted_at,
                edited_title, edited_situation, edited_problem, edited_suggestion, editor, edited_at, combined, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'editing', ?6, ?2, ?3, ?4, ?5, '张丽', ?6, 1, ?7, ?7)",
            params![
                cid,
                "关于统筹解决“一老一小”服务短板的建议（综合）",
                "近期多位委员反映养老和托育服务供给不足的问题。",
                "养老托育设施不足、运营困难、专业人才短缺。",
                "统筹规划“一老一小”服务设施，完善运营补贴，加强专业人才培养。",
                d,
                t
            ],
        )?;
        let mut seq = 0i64;
        for (i, sid) in submitted_ids.iter().take(2).enumerate() {
            tx.execute(
                "INSERT INTO opinion_sources (combined_id, source_id, seq) VALUES (?1, ?2, ?3)",
                params![cid, sid, i as i64],
            )?;
            tx.execute("UPDATE opinions SET merged_into = ?2 WHERE id = ?1", params![sid, cid])?;
            tx.execute(
                "INSERT INTO opinion_submitters (opinion_id, seq, kind, member_id, group_id, ref_id, role, name)
                 SELECT ?1, ?2 + seq, kind, member_id, group_id, ref_id, role, name FROM opinion_submitters WHERE opinion_id = ?3",
                params![cid, seq, sid],
            )?;
            seq += 10;
        }
        n += 1;
    }
    // Bulletin issues: last year's eight (总第1–8期), this year's from the adopted reports, two a time.
    let office: String = tx
        .query_row("SELECT value FROM settings WHERE key = 'office_name'", [], |r| r.get(0))
        .unwrap_or_else(|_| "政协联络办公室".into());
    let send = "区委、区人大常委会、区政府、区政协领导";
    let copy = "区委办公室、区政府办公室，各镇（街道）联络组";
    let mut total = 0;
    for i in 1..=8 {
        total += 1;
        let d = NaiveDate::from_ymd_opt(year - 1, (i * 3 / 2).clamp(1, 12) as u32, 15).expect("date");
        tx.execute(
            "INSERT INTO bulletin_issues (id, year, number, total_number, issue_date, signer, office, send_to, copy_to, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '周建国', ?6, ?7, ?8, ?9, ?9)",
            params![new_id(), year - 1, i, total, date(d), office, send, copy, t],
        )?;
    }
    adopted_ids.sort_by_key(|(_, d)| *d);
    // Leave the last adopted report out of every issue: the composer has something to pick.
    let pool = &adopted_ids[..adopted_ids.len().saturating_sub(1)];
    for (i, chunk) in pool.chunks(2).enumerate() {
        total += 1;
        let last = chunk.iter().map(|(_, d)| *d).max().expect("chunk");
        let bid = new_id();
        tx.execute(
            "INSERT INTO bulletin_issues (id, year, number, total_number, issue_date, signer, office, send_to, copy_to, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '周建国', ?6, ?7, ?8, ?9, ?9)",
            params![bid, year, i as i64 + 1, total, date((last + Duration::days(10)).min(today)), office, send, copy, t],
        )?;
        for (seq, (oid, _)) in chunk.iter().enumerate() {
            tx.execute(
                "INSERT INTO bulletin_items (issue_id, opinion_id, seq) VALUES (?1, ?2, ?3)",
                params![bid, oid, seq as i64],
            )?;
        }
    }
    Ok(n)
}
