//! `liaison`: the same core as the app, for admins, scripts and benchmarks. Never needs a display.
//! Output for people is Chinese; `--json` gives machine output with English keys.
//! Exit 0 on success, 1 when the command could not do its work, 2 for a bad command line.

use clap::{Args, Parser, Subcommand};
use liaison_core::activities::{ActivityKind, ActivityQuery, DocumentExport, DocumentKind};
use liaison_core::export::DocumentFormat;
use liaison_core::groups::GroupListExport;
use liaison_core::members::{ContactsExport, RosterColumn, RosterExport, RosterQuery, RosterSort};
use liaison_core::proposals::types::{ProposalQuery, ProposalState, SpeechQuery};
use liaison_core::refs::RefKind;
use liaison_core::search::{SearchKind, SearchQuery};
use liaison_core::sessions::{SessionDocument, SessionExport};
use liaison_core::{AppError, Db, Error};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "liaison", version, about = "委员联络工作台 命令行工具")]
struct Cli {
    /// 数据库文件（默认：环境变量 LIAISON_DB，否则系统应用数据目录）
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// 以 JSON 输出（英文键名）
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// 载入演示数据（虚构的委员与联络组），仅限空数据库
    Demo {
        /// 委员人数
        #[arg(long, default_value_t = 300)]
        members: u32,
        /// 联络组个数（默认按人数估算，最多 100）
        #[arg(long)]
        groups: Option<u32>,
    },
    /// 检查数据库：完整性、外键、结构版本；有问题时退出码为 1
    Check,
    /// 数据库概况
    Info,
    /// 委员
    Members {
        #[command(subcommand)]
        cmd: MembersCmd,
    },
    /// 导入委员名册（.xlsx、.xls、.csv）：新增、更新（按身份证号，或姓名+出生日期匹配），逐行报告结果
    Import {
        /// 要导入的文件
        file: PathBuf,
        /// 只检查，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 有任何一行出错就什么都不导入（默认导入无误的行，报告出错的行）
        #[arg(long)]
        all_or_nothing: bool,
        /// 把列表中没有的界别、政治面貌、专委会、政协职务、联络组添加到列表
        #[arg(long)]
        add_unknown: bool,
        /// 未注明界别的新委员归入此界别（界别名称）
        #[arg(long)]
        default_sector: Option<String>,
        /// 把出错的行连同原因另存为 .xlsx（身份证号、电话默认打码）
        #[arg(long)]
        error_report: Option<PathBuf>,
        /// 错误报告中保留完整的身份证号和电话
        #[arg(long, requires = "error_report")]
        report_unmasked: bool,
    },
    /// 导出 Excel（.xlsx，可直接打印）
    Export {
        #[command(subcommand)]
        cmd: ExportCmd,
    },
    /// 活动：走访、视察、调研、座谈会、联络组活动、学习会、常委会、主席会议
    Activities {
        #[command(subcommand)]
        cmd: ActivitiesCmd,
    },
    /// 全会：会议、场次、报到、分组、座次
    Sessions {
        #[command(subcommand)]
        cmd: SessionsCmd,
    },
    /// 提案：列表（按状态、逾期、未答复）
    Proposals {
        #[command(subcommand)]
        cmd: ProposalsCmd,
    },
    /// 全文检索提案、大会发言（两个字也能查）
    Search {
        /// 要查找的文字（多个词用空格分开，须同时出现）
        text: String,
        /// 只查此类：proposal（提案）、speech（大会发言）
        #[arg(long)]
        kind: Option<String>,
        /// 年度
        #[arg(long)]
        year: Option<i32>,
        /// 状态代码（如 accepted、delivered）
        #[arg(long)]
        state: Option<String>,
        /// 界别名称
        #[arg(long)]
        sector: Option<String>,
        /// 提交人姓名（的一部分）
        #[arg(long)]
        submitter: Option<String>,
        /// 每类最多列出几条
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// 重建全文检索索引（导入交换数据后）
    SearchRebuild,
    /// 备份数据库（程序运行时也可以）：默认存入备份文件夹，或用 --out 指定文件
    Backup {
        /// 备份到此文件（默认：备份文件夹中的新文件）
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 列出备份文件夹中的备份（最新的在前）
    Backups,
    /// 从备份恢复：先检查备份文件，并把当前数据另存为一份“恢复前”备份，再替换
    Restore {
        /// 备份文件
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ProposalsCmd {
    /// 列出提案（按年度、提案号）
    List {
        #[arg(long)]
        year: Option<i32>,
        /// 状态代码：draft、submitted、accepted、rejected、merged、assigned、answered、feedback、closed
        #[arg(long)]
        state: Option<String>,
        /// 只列逾期未答复的
        #[arg(long)]
        overdue: bool,
        /// 只列已交办未答复的
        #[arg(long)]
        unanswered: bool,
    },
}

#[derive(Subcommand)]
enum SessionsCmd {
    /// 列出会议（最近的在前）：名称、会期、场次数、人数、报到人数、分组数
    List,
}

#[derive(Subcommand)]
enum ActivitiesCmd {
    /// 列出活动（按日期，日期未定的在最后），标出“四落实”不全的活动
    List {
        /// visit（走访）| inspection（视察）| research（调研）| forum（座谈会）| group（联络组活动）|
        /// study（学习会）| standing（常委会）| chair（主席会议）| plenary（全会）
        #[arg(long, value_parser = parse_activity_kind)]
        kind: Option<ActivityKind>,
        /// 只列出此日期（含）之后的活动，如 2026-01-01
        #[arg(long)]
        from: Option<String>,
        /// 只列出此日期（含）之前的活动
        #[arg(long)]
        to: Option<String>,
    },
    /// 活动通知的纯文本，可直接粘贴到微信群
    Notice {
        /// 活动 id（见 activities list --json）
        id: String,
    },
    /// 逾期未落实的跟踪事项（走访等活动后的跟踪落实）
    Overdue {
        /// 截至日期（默认今天），如 2026-06-30
        #[arg(long)]
        as_of: Option<String>,
    },
}

fn parse_activity_kind(s: &str) -> Result<ActivityKind, String> {
    ActivityKind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = ActivityKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("没有“{s}”这种活动类型，可选：{}", all.join(" | "))
    })
}

#[derive(Subcommand)]
enum ExportCmd {
    /// 提案汇总表（一年的提案：提案号、案由、提案人、类别、状态、承办单位、办理期限、答复类别）
    Proposals {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// 大会发言汇总表（一次会议，或一年）
    Speeches {
        /// 会议 ID（sessions list 可查）
        #[arg(long)]
        session: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 全会报到名册：类别、界别、分组、报到时间、代报到人、发放物品；手机号默认打码
    CheckIn {
        #[command(flatten)]
        target: SessionTarget,
    },
    /// 全会座次表：主席台在上，会场按排、座（过道留空），A3 横向；.xlsx 或 .pdf
    Seating {
        #[command(flatten)]
        target: SessionTarget,
    },
    /// 全会座位票：每人一张（姓名、区域、排、座、分组、报到条码），A4 每页 8 张，沿线裁开（.pdf）
    SeatTickets {
        #[command(flatten)]
        target: SessionTarget,
    },
    /// 全会出席证（列席证、工作证）：每人一张，印报到条码（扫码枪在报到台扫码报到），A4 每页 8 张（.pdf）
    Passes {
        #[command(flatten)]
        target: SessionTarget,
    },
    /// 全会请假人员名单（--sitting 只列该场次的请假）
    Leave {
        #[command(flatten)]
        target: SessionTarget,
        /// 场次的 id（见 sessions list --json）
        #[arg(long)]
        sitting: Option<String>,
    },
    /// 全会住宿安排表：房间号、姓名、同住人
    Rooms {
        #[command(flatten)]
        target: SessionTarget,
    },
    /// 全会用餐安排：桌号、地点、姓名
    Meals {
        #[command(flatten)]
        target: SessionTarget,
    },
    /// 全会车辆安排：车辆、驾驶员、乘车人员
    Vehicles {
        #[command(flatten)]
        target: SessionTarget,
        /// 导出完整电话号码（默认打码）
        #[arg(long)]
        with_phone: bool,
    },
    /// 委员名册：标题、A4、每页重复表头、页码；身份证号和手机号默认打码
    Roster {
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filters: RosterFilters,
        /// 导出的列，逗号分隔（序号总在第一列），如 name,gender,birth_date,party,sector,group,work_unit,job_title,mobile；
        /// 可选：name gender ethnicity birth_date party sector committee role group work_unit job_title
        /// professional_title education mobile phone address postcode id_number status notes
        #[arg(long, value_delimiter = ',', value_parser = parse_column)]
        columns: Vec<RosterColumn>,
        /// 导出完整身份证号（默认打码）
        #[arg(long)]
        with_id: bool,
        /// 导出完整电话号码（默认打码）
        #[arg(long)]
        with_phone: bool,
        /// 两字姓名中间加全角空格（王　伟）
        #[arg(long)]
        pad_names: bool,
    },
    /// 联络组成员名单：第一页为汇总，之后每个联络组一页（组长、副组长、成员）；手机号默认打码
    Groups {
        /// 输出文件（.xlsx；与 --session 同用时也可 .pdf）
        #[arg(long)]
        out: PathBuf,
        /// 全会的 id：导出该次会议的分组讨论名单（汇总 + 每组一页），而不是联络组成员名单
        #[arg(long)]
        session: Option<String>,
        /// 导出完整电话号码（默认打码）
        #[arg(long)]
        with_phone: bool,
        /// 两字姓名中间加全角空格（王　伟）
        #[arg(long)]
        pad_names: bool,
    },
    /// 通讯录：姓名、联络组、工作单位、职务、手机、固定电话、通讯地址、邮编；电话默认打码
    Contacts {
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filters: RosterFilters,
        /// 导出完整电话号码（默认打码）
        #[arg(long)]
        with_phone: bool,
        /// 两字姓名中间加全角空格（王　伟）
        #[arg(long)]
        pad_names: bool,
    },
    /// 走访安排表：一批走访按日期列表（时间、对象、地址、电话、事由、走访人员），另附每处走访的走访记录表；电话默认打码
    VisitChecklist {
        /// 走访批次的 id（见 activities list --kind visit --json 的 round_id）
        #[arg(long)]
        round: String,
        /// 输出文件（.pdf 或 .xlsx）
        #[arg(long)]
        out: PathBuf,
        /// 打印完整电话号码（默认打码）
        #[arg(long)]
        with_phone: bool,
    },
    /// 走访情况汇总：一个走访计划或一年的走访——了解到的情况、意见建议、困难诉求、跟踪落实事项及其状态
    VisitSummary {
        /// 走访计划（批次）的 id（见 activities list --kind visit --json 的 round_id）
        #[arg(long, conflicts_with = "year", required_unless_present = "year")]
        round: Option<String>,
        /// 汇总这一年的全部走访，如 2026
        #[arg(long)]
        year: Option<i32>,
        /// 输出文件（.pdf 或 .xlsx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 签到表：领导、委员（按姓氏笔画）、工作人员，留签名栏
    SignIn {
        /// 活动的 id
        #[arg(long, conflicts_with = "session")]
        activity: Option<String>,
        /// 全会的 id：每个场次一份签到表（行高 1 cm 以上、签名栏 4 cm 以上），或用 --sitting 只导出一个场次（.xlsx 或 .pdf）
        #[arg(long)]
        session: Option<String>,
        /// 全会场次的 id（与 --session 同用）
        #[arg(long, requires = "session")]
        sitting: Option<String>,
        /// 输出文件（.pdf 或 .xlsx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 出勤情况表：应到、实到、请假、缺席，及每人的出勤情况
    Attendance {
        /// 活动的 id
        #[arg(long, conflicts_with = "session")]
        activity: Option<String>,
        /// 全会的 id：出席情况统计（按场次、分组、界别，.xlsx）
        #[arg(long)]
        session: Option<String>,
        /// 输出文件（.pdf 或 .xlsx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 视察、调研方案：主题、时间地点、日程安排、参加人员、后勤保障
    InspectionPlan {
        /// 活动的 id
        #[arg(long)]
        activity: String,
        /// 输出文件（.pdf 或 .xlsx）
        #[arg(long)]
        out: PathBuf,
    },
}

/// Print a document of an activity or round to `out`, its format from the extension.
fn export_document(
    db: &Db,
    json: bool,
    kind: DocumentKind,
    id: &str,
    out: &Path,
    with_phone: bool,
) -> liaison_core::Result<()> {
    let format = DocumentFormat::from_path(out).ok_or_else(|| {
        Error::field("out", format!("--out：输出文件的扩展名须为 .pdf 或 .xlsx（{}）", out.display()))
    })?;
    let s = db.export_document(&DocumentExport { kind, id: id.to_string(), format, with_phone }, out)?;
    if json {
        println!("{}", serde_json::json!({ "rows": s.rows, "path": s.path }));
    } else {
        println!("已导出{}（{} 条）到 {}", kind.label(), s.rows, s.path.display());
    }
    Ok(())
}

fn required<'a>(v: &'a Option<String>, opt: &str, what: &str) -> liaison_core::Result<&'a str> {
    v.as_deref().ok_or_else(|| Error::field(opt.trim_start_matches('-'), format!("请用 {opt} 指定{what}")))
}

/// The order and filters of an exported member list (roster, contact list).
#[derive(Args)]
struct RosterFilters {
    /// strokes（姓氏笔画）| pinyin（拼音）| sector（界别）| group（联络组）
    #[arg(long, default_value = "strokes", value_parser = ["strokes", "pinyin", "sector", "group"])]
    sort: String,
    /// 只导出该界别的委员（界别名称）
    #[arg(long)]
    sector: Option<String>,
    /// 只导出该政治面貌的委员（如 中共党员）
    #[arg(long)]
    party: Option<String>,
    /// 只导出该联络组的委员（当前届次的联络组名称）
    #[arg(long)]
    group: Option<String>,
}

impl RosterFilters {
    /// The query these options ask for; names that match nothing are errors naming the option.
    fn query(&self, db: &Db) -> liaison_core::Result<RosterQuery> {
        let by_name = |kind: RefKind, opt: &str, v: &Option<String>| -> liaison_core::Result<Option<String>> {
            match v {
                None => Ok(None),
                Some(name) => match db.ref_by_name(kind, name.trim())? {
                    Some(id) => Ok(Some(id)),
                    None => Err(Error::NotFound(format!("{opt}：没有名为“{name}”的{}", kind.label()))),
                },
            }
        };
        let group_id = match &self.group {
            None => None,
            Some(name) => Some(
                db.groups(None)?
                    .into_iter()
                    .find(|g| g.name == name.trim())
                    .map(|g| g.id)
                    .ok_or_else(|| Error::NotFound(format!("--group：当前届次没有名为“{name}”的联络组")))?,
            ),
        };
        Ok(RosterQuery {
            sort: RosterSort::parse(&self.sort).unwrap_or_default(),
            sector_id: by_name(RefKind::Sector, "--sector", &self.sector)?,
            party_id: by_name(RefKind::Party, "--party", &self.party)?,
            group_id,
            ..Default::default()
        })
    }
}

fn parse_column(s: &str) -> Result<RosterColumn, String> {
    RosterColumn::parse(s).ok_or_else(|| format!("没有“{s}”这一列"))
}

#[derive(Subcommand)]
enum MembersCmd {
    /// 列出委员（默认按姓氏笔画为序）
    List {
        /// 姓名、全拼、拼音首字母、手机号或身份证号尾号
        #[arg(long)]
        search: Option<String>,
        /// strokes（姓氏笔画）| pinyin（拼音）| sector（界别）| group（联络组）
        #[arg(long, default_value = "strokes", value_parser = ["strokes", "pinyin", "sector", "group"])]
        sort: String,
        /// 最多列出多少人（0 为全部）
        #[arg(long, default_value_t = 0)]
        limit: u32,
    },
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`liaison members list | head`) would panic;
    // the default action ends the program quietly, as command-line tools do.
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if cli.json {
                println!("{}", serde_json::json!({ "error": AppError::from(&e) }));
            } else {
                eprintln!("错误：{e}");
            }
            ExitCode::from(1)
        }
    }
}

impl Cmd {
    /// Whether the command writes to the database. Only these create a database that does not exist
    /// yet: a read on a mistyped `--db` path says so instead of leaving an empty database behind.
    fn writes(&self) -> bool {
        match self {
            Cmd::Demo { .. } | Cmd::Restore { .. } | Cmd::SearchRebuild => true,
            Cmd::Import { dry_run, .. } => !dry_run,
            Cmd::Check
            | Cmd::Info
            | Cmd::Members { .. }
            | Cmd::Export { .. }
            | Cmd::Activities { .. }
            | Cmd::Sessions { .. }
            | Cmd::Proposals { .. }
            | Cmd::Search { .. }
            | Cmd::Backup { .. }
            | Cmd::Backups => false,
        }
    }
}

fn run(cli: &Cli) -> liaison_core::Result<()> {
    let path = cli.db.clone().unwrap_or_else(liaison_core::db::default_path);
    if !path.exists() && !cli.cmd.writes() {
        return Err(liaison_core::Error::NotFound(format!(
            "数据库文件不存在：{}（请检查 --db 给出的路径；新的数据库由 demo 或 import 创建）",
            path.display()
        )));
    }
    let mut db = Db::open(&path)?;
    match &cli.cmd {
        Cmd::Demo { members, groups } => {
            let s = db.load_demo(*members, *groups)?;
            if cli.json {
                println!("{}", serde_json::to_string(&s).expect("json"));
            } else {
                println!(
                    "已载入演示数据：委员 {} 名，联络组 {} 个，活动 {} 项，提案 {} 件，大会发言 {} 篇（{}）",
                    s.members,
                    s.groups,
                    s.activities,
                    s.proposals,
                    s.speeches,
                    path.display()
                );
            }
        }
        Cmd::Backup { out } => match out {
            Some(out) => {
                let bytes = db.backup_to(out)?;
                if cli.json {
                    println!("{}", serde_json::json!({ "path": out.display().to_string(), "bytes": bytes }));
                } else {
                    println!("已备份到 {}（{} KB）", out.display(), bytes.div_ceil(1024));
                }
            }
            None => {
                let f = db.backup_now(liaison_core::backup::BackupReason::Manual)?;
                if cli.json {
                    println!("{}", serde_json::to_string(&f).expect("json"));
                } else {
                    println!("已备份到 {}（{} KB）", f.path, f.bytes.div_ceil(1024));
                }
            }
        },
        Cmd::Backups => {
            let o = db.backup_overview()?;
            if cli.json {
                println!("{}", serde_json::to_string(&o).expect("json"));
            } else {
                println!("备份文件夹：{}", o.dir);
                for f in &o.files {
                    println!("{}\t{}\t{} KB\t{}", f.made_at, f.reason.label(), f.bytes.div_ceil(1024), f.file_name);
                }
                println!("共 {} 份。{}", o.files.len(), o.rotation);
            }
        }
        Cmd::Restore { file } => {
            let r = db.restore_from(file)?;
            if cli.json {
                println!("{}", serde_json::to_string(&r).expect("json"));
            } else {
                println!(
                    "已从 {} 恢复：{}，委员 {} 名，活动 {} 项。恢复前的数据已另存为 {}",
                    r.restored.path, r.restored.office_name, r.restored.members, r.restored.activities, r.previous.path
                );
            }
        }
        Cmd::Check => {
            let problems = db.check()?;
            if cli.json {
                println!(
                    "{}",
                    serde_json::json!({ "ok": problems.is_empty(), "schema_version": db.schema_version()?, "problems": problems })
                );
            } else if problems.is_empty() {
                println!("数据库正常：完整性检查、外键检查通过，结构版本 {}", db.schema_version()?);
            } else {
                for p in &problems {
                    println!("{p}");
                }
            }
            if !problems.is_empty() {
                std::process::exit(1);
            }
        }
        Cmd::Info => {
            let i = db.app_info()?;
            if cli.json {
                println!("{}", serde_json::to_string(&i).expect("json"));
            } else {
                println!("单位：{}", i.office_name);
                println!("当前届次：{}", i.current_term.map(|t| t.name).unwrap_or_else(|| "（未设置）".into()));
                println!("委员：{} 名；联络组：{} 个", i.member_count, i.group_count);
                println!("数据库：{}（结构版本 {}）", i.db_path, i.schema_version);
            }
        }
        Cmd::Members { cmd: MembersCmd::List { search, sort, limit } } => {
            let q = RosterQuery {
                search: search.clone().unwrap_or_default(),
                sort: RosterSort::parse(sort).unwrap_or_default(),
                limit: if *limit == 0 { 1_000_000 } else { *limit },
                ..Default::default()
            };
            let page = db.roster(&q)?;
            if cli.json {
                println!("{}", serde_json::to_string(&page.rows).expect("json"));
            } else {
                println!("{:<8}\t性别\t{:<12}\t{:<12}\t手机", "姓名", "界别", "联络组");
                for r in &page.rows {
                    println!("{:<8}\t{}\t{:<12}\t{:<12}\t{}", r.name, r.gender, r.sector, r.group, r.mobile);
                }
                println!("共 {} 人", page.total);
            }
        }
        Cmd::Import { file, dry_run, all_or_nothing, add_unknown, default_sector, error_report, report_unmasked } => {
            import(
                &mut db,
                cli.json,
                file,
                *dry_run,
                *all_or_nothing,
                *add_unknown,
                default_sector,
                error_report,
                *report_unmasked,
            )?;
        }
        Cmd::Export { cmd: ExportCmd::Roster { out, filters, columns, with_id, with_phone, pad_names } } => {
            let opts = RosterExport {
                query: filters.query(&db)?,
                columns: if columns.is_empty() { RosterColumn::defaults() } else { columns.clone() },
                with_id: *with_id,
                with_phone: *with_phone,
                pad_two_char_names: *pad_names,
                // Without --columns: the default columns, less those empty for everyone.
                drop_empty_defaults: columns.is_empty(),
            };
            let s = db.export_roster(&opts, out)?;
            if cli.json {
                println!("{}", serde_json::json!({ "rows": s.rows, "path": s.path }));
            } else {
                println!("已导出 {} 名委员到 {}", s.rows, s.path.display());
            }
        }
        Cmd::Export { cmd: ExportCmd::Groups { out, session: Some(session), .. } } => {
            session_export(&db, cli.json, session, SessionDocument::Groups, None, false, out)?
        }
        Cmd::Export { cmd: ExportCmd::CheckIn { target } } => {
            target.export(&db, cli.json, SessionDocument::CheckIn, None, false)?
        }
        Cmd::Export { cmd: ExportCmd::Seating { target } } => {
            target.export(&db, cli.json, SessionDocument::Seating, None, false)?
        }
        Cmd::Export { cmd: ExportCmd::SeatTickets { target } } => {
            target.export(&db, cli.json, SessionDocument::SeatTickets, None, false)?
        }
        Cmd::Export { cmd: ExportCmd::Passes { target } } => {
            target.export(&db, cli.json, SessionDocument::Passes, None, false)?
        }
        Cmd::Export { cmd: ExportCmd::Leave { target, sitting } } => {
            target.export(&db, cli.json, SessionDocument::Leave, sitting.clone(), false)?
        }
        Cmd::Export { cmd: ExportCmd::Rooms { target } } => {
            target.export(&db, cli.json, SessionDocument::Rooms, None, false)?
        }
        Cmd::Export { cmd: ExportCmd::Meals { target } } => {
            target.export(&db, cli.json, SessionDocument::Meals, None, false)?
        }
        Cmd::Export { cmd: ExportCmd::Vehicles { target, with_phone } } => {
            target.export(&db, cli.json, SessionDocument::Vehicles, None, *with_phone)?
        }
        Cmd::Export { cmd: ExportCmd::Groups { out, with_phone, pad_names, session: None } } => {
            let opts = GroupListExport { term_id: None, with_phone: *with_phone, pad_two_char_names: *pad_names };
            let s = db.export_group_lists(&opts, out)?;
            if cli.json {
                println!("{}", serde_json::json!({ "rows": s.rows, "path": s.path }));
            } else {
                println!("已导出 {} 个联络组、{} 名委员到 {}", db.groups(None)?.len(), s.rows, s.path.display());
            }
        }
        Cmd::Export { cmd: ExportCmd::Contacts { out, filters, with_phone, pad_names } } => {
            let opts =
                ContactsExport { query: filters.query(&db)?, with_phone: *with_phone, pad_two_char_names: *pad_names };
            let s = db.export_contacts(&opts, out)?;
            if cli.json {
                println!("{}", serde_json::json!({ "rows": s.rows, "path": s.path }));
            } else {
                println!("已导出 {} 名委员的通讯录到 {}", s.rows, s.path.display());
            }
        }
        Cmd::Export { cmd: ExportCmd::VisitChecklist { round, out, with_phone } } => {
            export_document(&db, cli.json, DocumentKind::VisitChecklist, round, out, *with_phone)?
        }
        Cmd::Export { cmd: ExportCmd::VisitSummary { round, year, out } } => {
            let id = match (round, year) {
                (Some(r), _) => r.clone(),
                (None, Some(y)) if !(1900..3000).contains(y) => {
                    return Err(Error::field("year", format!("--year：年份应为四位数字，如 2026（{y}）")));
                }
                (None, Some(y)) => y.to_string(),
                (None, None) => required(round, "--round", "走访计划（或用 --year 指定年份）")?.to_string(),
            };
            export_document(&db, cli.json, DocumentKind::VisitSummary, &id, out, false)?
        }
        Cmd::Export { cmd: ExportCmd::SignIn { session: Some(session), sitting, out, .. } } => {
            session_export(&db, cli.json, session, SessionDocument::SignIn, sitting.clone(), false, out)?
        }
        Cmd::Export { cmd: ExportCmd::Attendance { session: Some(session), out, .. } } => {
            session_export(&db, cli.json, session, SessionDocument::Attendance, None, false, out)?
        }
        Cmd::Export { cmd: ExportCmd::SignIn { activity, out, session: None, .. } } => {
            let id = required(activity, "--activity", "活动")?;
            export_document(&db, cli.json, DocumentKind::SignIn, id, out, false)?
        }
        Cmd::Export { cmd: ExportCmd::Attendance { activity, out, session: None } } => {
            let id = required(activity, "--activity", "活动")?;
            export_document(&db, cli.json, DocumentKind::Attendance, id, out, false)?
        }
        Cmd::Export { cmd: ExportCmd::InspectionPlan { activity, out } } => {
            export_document(&db, cli.json, DocumentKind::InspectionPlan, activity, out, false)?
        }
        Cmd::Activities { cmd } => activities(&db, cli.json, cmd)?,
        Cmd::Sessions { cmd: SessionsCmd::List } => sessions_list(&db, cli.json)?,
        Cmd::Export { cmd: ExportCmd::Proposals { year, out } } => {
            let s = db.export_proposals(*year, out)?;
            print_export(cli.json, &s, "提案汇总表", "件");
        }
        Cmd::Export { cmd: ExportCmd::Speeches { session, year, out } } => {
            let q = SpeechQuery { session_id: session.clone(), year: *year, ..Default::default() };
            let s = db.export_speeches(&q, out)?;
            print_export(cli.json, &s, "大会发言汇总表", "篇");
        }
        Cmd::Proposals { cmd: ProposalsCmd::List { year, state, overdue, unanswered } } => {
            let state = match state.as_deref() {
                None => None,
                Some(s) => Some(ProposalState::parse(s).ok_or_else(|| {
                    Error::field("--state", format!("--state：没有状态“{s}”，可用 draft、submitted、accepted、rejected、merged、assigned、answered、feedback、closed"))
                })?),
            };
            let q =
                ProposalQuery { year: *year, state, overdue: *overdue, unanswered: *unanswered, ..Default::default() };
            let list = db.proposals(&q)?;
            if cli.json {
                println!("{}", serde_json::to_string(&list.rows).expect("json"));
            } else {
                for p in &list.rows {
                    let n = p.number.map(|n| format!("第{n}号")).unwrap_or_else(|| "—".into());
                    let late = if p.days_overdue > 0 {
                        format!("  【逾期 {} 天】", p.days_overdue)
                    } else {
                        String::new()
                    };
                    println!("{}\t{n}\t{}\t{}\t{}{late}", p.year, p.state.label(), p.lead, p.title);
                }
                println!(
                    "共 {} 件（逾期未答复 {} 件，已交办未答复 {} 件）",
                    list.rows.len(),
                    list.overdue,
                    list.unanswered
                );
            }
        }
        Cmd::Search { text, kind, year, state, sector, submitter, limit } => {
            let kinds = match kind.as_deref() {
                None => vec![],
                Some(k) => vec![SearchKind::parse(k).ok_or_else(|| {
                    Error::field("--kind", format!("--kind：没有“{k}”这一类，可用 proposal、speech"))
                })?],
            };
            let q = SearchQuery {
                text: text.clone(),
                kinds,
                state: state.clone(),
                year: *year,
                sector: sector.clone(),
                submitter: submitter.clone(),
                limit: Some(*limit),
            };
            let r = db.search(&q)?;
            if cli.json {
                println!("{}", serde_json::to_string(&r).expect("json"));
            } else {
                for g in &r.groups {
                    println!("【{}】{} 条", g.kind.label(), g.total);
                    for h in &g.hits {
                        let snip: String = h
                            .snippet
                            .iter()
                            .map(|p| if p.hit { format!("【{}】", p.text) } else { p.text.clone() })
                            .collect();
                        println!(
                            "  {}\t{}\t{}\t{}",
                            h.year.map(|y| y.to_string()).unwrap_or_default(),
                            h.state_label,
                            h.submitter,
                            h.title
                        );
                        println!("      {snip}");
                    }
                }
                println!("共 {} 条", r.total);
            }
        }
        Cmd::SearchRebuild => {
            let n = db.search_rebuild()?;
            if cli.json {
                println!("{}", serde_json::json!({ "indexed": n }));
            } else {
                println!("已重建全文检索索引：{n} 篇");
            }
        }
    }
    Ok(())
}

fn print_export(json: bool, s: &liaison_core::export::ExportSummary, what: &str, unit: &str) {
    if json {
        println!("{}", serde_json::to_string(s).expect("json"));
    } else {
        println!("已导出{what}：{} {unit}（{}）", s.rows, s.path.display());
    }
}

fn activities(db: &Db, json: bool, cmd: &ActivitiesCmd) -> liaison_core::Result<()> {
    match cmd {
        ActivitiesCmd::List { kind, from, to } => {
            let q = ActivityQuery {
                kind: *kind,
                from: from.clone().unwrap_or_default(),
                to: to.clone().unwrap_or_default(),
                ..Default::default()
            };
            for (opt, v) in [("--from", &q.from), ("--to", &q.to)] {
                if liaison_core::dates::parse_date(v).is_err() {
                    return Err(Error::field(opt, format!("{opt}：日期格式应为 2026-05-12")));
                }
            }
            let rows = db.activities(&q)?;
            if json {
                println!("{}", serde_json::to_string(&rows).expect("json"));
                return Ok(());
            }
            println!("日期\t\t类型\t\t状态\t标题");
            for r in &rows {
                let round = r.round.as_deref().map(|t| format!("（{t}）")).unwrap_or_default();
                let missing = if r.missing.is_empty() {
                    String::new()
                } else {
                    let m: Vec<&str> = r.missing.iter().map(|f| f.label()).collect();
                    format!("  【未落实：{}】", m.join("、"))
                };
                println!(
                    "{}\t{:<8}\t{}\t{}{round}{missing}",
                    r.date.as_deref().unwrap_or("日期未定"),
                    r.kind.label(),
                    r.status.label(),
                    r.title
                );
            }
            let incomplete = rows.iter().filter(|r| !r.missing.is_empty()).count();
            println!("共 {} 项，其中“四落实”不全 {incomplete} 项", rows.len());
        }
        ActivitiesCmd::Notice { id } => {
            let text = db.activity_notice(id)?;
            if json {
                println!("{}", serde_json::json!({ "id": id, "text": text }));
            } else {
                print!("{text}");
            }
        }
        ActivitiesCmd::Overdue { as_of } => {
            let list = db.overdue_follow_ups(as_of.as_deref().unwrap_or(""))?;
            if json {
                println!("{}", serde_json::to_string(&list).expect("json"));
                return Ok(());
            }
            for f in &list {
                println!(
                    "{}\t逾期 {} 天\t{}\t{}（{}）",
                    f.due_date, f.days_overdue, f.owner, f.content, f.activity_title
                );
            }
            println!("逾期未落实的跟踪事项共 {} 项", list.len());
        }
    }
    Ok(())
}

/// The session and output file of a session's document.
#[derive(Args)]
struct SessionTarget {
    /// 全会的 id（见 sessions list --json）
    #[arg(long)]
    session: String,
    /// 输出文件（.xlsx 或 .pdf，按扩展名）
    #[arg(long)]
    out: PathBuf,
}

impl SessionTarget {
    fn export(
        &self,
        db: &Db,
        json: bool,
        doc: SessionDocument,
        sitting: Option<String>,
        with_phone: bool,
    ) -> liaison_core::Result<()> {
        session_export(db, json, &self.session, doc, sitting, with_phone, &self.out)
    }
}

/// Write one of a session's documents (.xlsx or .pdf by the file's extension; see `SessionExport::format`).
fn session_export(
    db: &Db,
    json: bool,
    session: &str,
    document: SessionDocument,
    sitting_id: Option<String>,
    with_phone: bool,
    out: &std::path::Path,
) -> liaison_core::Result<()> {
    let format = DocumentFormat::from_path(out).ok_or_else(|| {
        Error::field("out", format!("--out：输出文件的扩展名须为 .xlsx 或 .pdf（{}）", out.display()))
    })?;
    let e = SessionExport { session_id: session.to_string(), document, sitting_id, with_phone, format };
    let s = db.export_session(&e, out)?;
    if json {
        println!("{}", serde_json::json!({ "rows": s.rows, "path": s.path }));
    } else {
        println!("已导出{}（{} 行）到 {}", document.label(), s.rows, s.path.display());
    }
    Ok(())
}

fn sessions_list(db: &Db, json: bool) -> liaison_core::Result<()> {
    let rows = db.sessions(false)?;
    if json {
        println!("{}", serde_json::to_string(&rows).expect("json"));
        return Ok(());
    }
    println!("会期\t\t\t场次\t委员\t列席\t工作人员\t已报到\t分组\t名称");
    for r in &rows {
        println!(
            "{} 至 {}\t{}\t{}\t{}\t{}\t\t{}\t{}\t{}",
            r.start_date, r.end_date, r.sittings, r.members, r.observers, r.staff, r.checked_in, r.groups, r.name
        );
    }
    println!("共 {} 次会议", rows.len());
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn import(
    db: &mut Db,
    json: bool,
    file: &std::path::Path,
    dry_run: bool,
    all_or_nothing: bool,
    add_unknown: bool,
    default_sector: &Option<String>,
    error_report: &Option<PathBuf>,
    report_personal: bool,
) -> liaison_core::Result<()> {
    use liaison_core::import::{CommitMode, ImportOptions, ImportOutcome, ImportSession};
    let default_sector_id = match default_sector {
        None => None,
        Some(name) => Some(
            db.ref_by_name(RefKind::Sector, name.trim())?
                .ok_or_else(|| Error::NotFound(format!("--default-sector：没有名为“{name}”的界别")))?,
        ),
    };
    let opts = ImportOptions { add_unknown, default_sector_id, ..Default::default() };
    // The file is read once; the plan, the commit and the error report use what the session keeps.
    let mut session = ImportSession::open(db, file)?;
    let p = if dry_run {
        session.plan(db, &opts)?
    } else {
        let mode = if all_or_nothing { CommitMode::AllOrNothing } else { CommitMode::ValidRows };
        session.commit(db, &opts, mode, &mut |_| {})?
    };
    if let Some(out) = error_report {
        liaison_core::import::write_error_report(&p, out, report_personal)?;
    }
    if json {
        println!("{}", serde_json::to_string(&p).expect("json"));
        return Ok(());
    }
    for s in &p.sheets {
        match s.header_row {
            Some(h) => {
                let cols: Vec<String> = s
                    .columns
                    .iter()
                    .filter_map(|c| c.field.map(|f| format!("{}列“{}”→{}", c.letter, c.header, f.label())))
                    .collect();
                println!("工作表“{}”：表头在第 {h} 行，{} 行数据；{}", s.name, s.data_rows, cols.join("，"));
            }
            None => println!("工作表“{}”：{}", s.name, s.note),
        }
    }
    for r in p.rows.iter().filter(|r| r.outcome == ImportOutcome::Error) {
        let at = r.column.as_deref().map(|c| format!("{c}列")).unwrap_or_default();
        println!("  “{}”第 {} 行{at}：{}", r.sheet, r.row, r.message);
    }
    for u in &p.unknown {
        println!("  列表中没有的{}：“{}”（{} 行）", u.label, u.value, u.rows);
    }
    if !p.unknown.is_empty() && !add_unknown {
        println!("  （加 --add-unknown 可把这些值添加到列表）");
    }
    let s = &p.summary;
    let verb = if p.committed {
        "已导入"
    } else if dry_run {
        "试导入（未写入）"
    } else {
        "未导入（有出错的行）"
    };
    println!("{verb}：新增 {}，更新 {}，无变化 {}，跳过 {}，出错 {}", s.new, s.update, s.unchanged, s.skipped, s.error);
    if let Some(out) = error_report {
        println!("出错的行已另存到 {}", out.display());
    }
    Ok(())
}
