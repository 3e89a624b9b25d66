//! `liaison`: the same core as the app, for admins, scripts and benchmarks. Never needs a display.
//! Output for people is Chinese; `--json` gives machine output with English keys.
//! Exit 0 on success, 1 when the command could not do its work, 2 for a bad command line.

use chrono::Datelike;
use clap::{Args, Parser, Subcommand};
use liaison_core::activities::{ActivityKind, ActivityQuery, DocumentExport, DocumentKind};
use liaison_core::crypto::{OldBackups, Passphrase};
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
    /// 导入委员名册（.xlsx、.xls、.csv）：新增、更新（按身份证号，或姓名+出生日期匹配），逐行报告结果；
    /// `import undo 编号` 撤销一次导入
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        #[command(subcommand)]
        cmd: Option<ImportCmd>,
        /// 要导入的文件
        #[arg(required = true)]
        file: Option<PathBuf>,
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
    /// 《社情民意》各期
    Bulletins {
        #[command(subcommand)]
        cmd: BulletinsCmd,
    },
    /// 社情民意信息
    Opinions {
        #[command(subcommand)]
        cmd: OpinionsCmd,
    },
    /// 提案：列表（按状态、逾期、未答复）
    Proposals {
        #[command(subcommand)]
        cmd: ProposalsCmd,
    },
    /// 履职积分：某年度各委员的积分、名次、等次（--member：一位委员的积分明细）
    Score {
        /// 年度，如 2026
        #[arg(long)]
        year: i32,
        /// 只看这位委员的积分明细（委员 id，见 members list --json）
        #[arg(long)]
        member: Option<String>,
    },
    /// 工作计划：一年的目标与完成情况（按季度、按联络组）
    Workplan {
        /// 年度（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 列出某项数字背后的名单：member_visits、bulletin_issues、opinions、opinions_adopted、proposals、
        /// inspections、group_quarterly、member_reports、member_reflections
        #[arg(long)]
        list: Option<String>,
        /// 名单：done（已完成，默认）、short（未达标的委员或联络组）、incomplete（四落实不全的活动）
        #[arg(long, requires = "list", default_value = "done")]
        which: String,
        /// 只列某季度（1–4）
        #[arg(long, requires = "list")]
        quarter: Option<i32>,
        /// 只列某联络组（联络组 ID）
        #[arg(long, requires = "list")]
        group: Option<String>,
    },
    /// 全文检索社情民意、提案、大会发言（两个字也能查）
    Search {
        /// 要查找的文字（多个词用空格分开，须同时出现）
        text: String,
        /// 只查此类：proposal（提案）、speech（大会发言）、opinion（社情民意）
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
    /// 列出导入记录（最新的在前）：编号、时间、操作人、文件、新增与更新的人数、是否已撤销
    Imports,
    /// 数据交换：在几台电脑之间交换数据（导出变更、导入、基准文件、加入办公室、冲突）
    Exchange {
        #[command(subcommand)]
        cmd: ExchangeCmd,
    },
    /// 从备份恢复：先检查备份文件，并把当前数据另存为一份“恢复前”备份，再替换
    /// （加密的备份用数据库的口令读取；用其他口令加密的，口令放在环境变量 LIAISON_BACKUP_PASSPHRASE 中）
    Restore {
        /// 备份文件
        file: PathBuf,
    },
    /// 设置口令，加密数据库（整个文件及以后的备份）。新口令取自环境变量 LIAISON_NEW_PASSPHRASE，或在终端中输入两次。
    /// 口令忘记后无法找回，数据也无法恢复，请妥善保管
    Encrypt {
        #[command(flatten)]
        backups: OldBackupsArg,
    },
    /// 修改口令：当前口令取自 LIAISON_PASSPHRASE（或在终端中输入），新口令取自 LIAISON_NEW_PASSPHRASE（或输入两次）
    Rekey {
        #[command(flatten)]
        backups: OldBackupsArg,
    },
    /// 取消加密：数据库恢复为不加密的文件（当前口令取自 LIAISON_PASSPHRASE，或在终端中输入）
    Decrypt {
        #[command(flatten)]
        backups: OldBackupsArg,
    },
}

/// What happens to the backups in the backup folder when the passphrase changes.
#[derive(Args)]
struct OldBackupsArg {
    /// 备份文件夹中已有的备份：convert（随数据库一起转换为新口令，默认）| delete（删除）| keep（保留原样）
    #[arg(long, default_value = "convert", value_parser = parse_old_backups)]
    old_backups: OldBackups,
}

fn parse_old_backups(s: &str) -> Result<OldBackups, String> {
    OldBackups::parse(s).ok_or_else(|| format!("没有“{s}”这个选项，可选：convert | delete | keep"))
}

/// The passphrase environment variables.
const PASS_ENV: &str = "LIAISON_PASSPHRASE";
const NEW_PASS_ENV: &str = "LIAISON_NEW_PASSPHRASE";
const BACKUP_PASS_ENV: &str = "LIAISON_BACKUP_PASSPHRASE";

fn env_pass(var: &str) -> Option<Passphrase> {
    std::env::var(var).ok().filter(|s| !s.is_empty()).map(Passphrase::new)
}

fn on_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

fn prompt(text: &str) -> liaison_core::Result<Passphrase> {
    rpassword::prompt_password(text).map(Passphrase::new).map_err(Error::from)
}

/// The passphrase of the encrypted database at `path`: from `LIAISON_PASSPHRASE`, else asked on the
/// terminal; with neither, `Locked` says how to give it.
fn current_pass(path: &Path) -> liaison_core::Result<Passphrase> {
    if let Some(p) = env_pass(PASS_ENV) {
        return Ok(p);
    }
    if on_terminal() {
        return prompt(&format!("数据库 {} 已加密，请输入口令：", path.display()));
    }
    Err(Error::Locked(format!(
        "数据库 {} 已加密：请在环境变量 {PASS_ENV} 中给出口令，或在终端中运行以输入口令",
        path.display()
    )))
}

/// A new passphrase: from `LIAISON_NEW_PASSPHRASE`, else typed twice on the terminal.
fn new_pass() -> liaison_core::Result<Passphrase> {
    if let Some(p) = env_pass(NEW_PASS_ENV) {
        return liaison_core::crypto::check_new(p.expose(), "new");
    }
    if !on_terminal() {
        return Err(Error::field("new", format!("请在环境变量 {NEW_PASS_ENV} 中给出新口令，或在终端中运行以输入")));
    }
    eprintln!("口令至少 {} 个字符。请牢记：口令忘记后无法找回，数据也无法恢复。", liaison_core::crypto::MIN_LEN);
    let p = prompt("新口令：")?;
    liaison_core::crypto::check_new(p.expose(), "new")?;
    if prompt("再输入一次新口令：")? != p {
        return Err(Error::field("new", "两次输入的口令不一致，数据库未改动"));
    }
    Ok(p)
}

#[derive(Subcommand)]
enum ImportCmd {
    /// 撤销一次导入（编号见 `imports`）：新增的委员移入回收站，更新过的委员恢复原值，同在一个事务中；
    /// 导入之后又被修改过的委员会被列出，此时不撤销
    Undo {
        /// 导入记录的编号
        id: String,
        /// 只检查会撤销什么，不写入
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum ExchangeCmd {
    /// 导出本机自上次交换以来的变更（一个文件，交给办公室导入）
    Export {
        /// 交换文件（.ldx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 导入另一台电脑导出的交换文件（先自动备份；同一文件导入两次不会重复）
    Import {
        /// 交换文件
        file: PathBuf,
    },
    /// 导出基准文件：本办公室的全部数据，新电脑从它加入
    Baseline {
        #[arg(long)]
        out: PathBuf,
    },
    /// 从办公室的基准文件新建数据库（--db 给出新数据库的路径）
    Join {
        /// 基准文件
        file: PathBuf,
        /// 本机名称，如 城关镇联络组笔记本
        #[arg(long)]
        name: Option<String>,
    },
    /// 列出待处理的冲突（双方都改过的记录）
    Conflicts {
        /// 也列出已处理的
        #[arg(long)]
        all: bool,
    },
    /// 本机与办公室的标识、上次交换、待交换的行数、导入过的文件
    Status,
    /// 设置本机名称（对方看到的来源）
    Name { name: String },
    /// 检查交换文件（不导入）：来源、序号、校验和、行数
    Inspect { file: PathBuf },
}

#[derive(Subcommand)]
enum BulletinsCmd {
    /// 列出《社情民意》各期（最新的在前）：期号、总期号、日期、签发人、篇数
    List {
        /// 只列这一年的
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Subcommand)]
enum OpinionsCmd {
    /// 列出社情民意信息（最新的在前）：日期、状态、标题、报送人
    List {
        /// 只列这一年的
        #[arg(long)]
        year: Option<i32>,
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
    /// 工作计划完成情况（目标、完成、按季度、按联络组，未达标的联络组与委员）
    Workplan {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// 委员构成统计（按界别、党派、性别、年龄、学历、联络组：人数与占比）
    Composition {
        #[arg(long)]
        out: PathBuf,
    },
    /// 委员履职档案（一委员一档案）：基本情况、历年履职、参加活动、社情民意、提案、大会发言（.pdf）
    PerformanceFile {
        /// 委员 ID（members list --json 可查）
        #[arg(long)]
        member: String,
        /// 届次 ID（默认当前届次）
        #[arg(long)]
        term: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 年度工作总结（.docx 初稿）：走访、各类活动、《社情民意》、社情民意采用、提案、出勤率等数据均取自记录
    Summary {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// 全体委员履职档案：每人一份 PDF，打包为一个 .zip（文件名 序号-姓名.pdf，按姓氏笔画排序）
    PerformanceFiles {
        /// 届次 ID（默认当前届次）
        #[arg(long)]
        term: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
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
    /// 《社情民意》一期：报头、期号、编印单位和日期、各篇信息及报送人、报送/抄送（.docx 或 .pdf）
    Bulletin {
        /// 这一期的 id（见 bulletins list --json）
        #[arg(long)]
        issue: String,
        /// 输出文件（.docx 或 .pdf）
        #[arg(long)]
        out: PathBuf,
    },
    /// 社情民意信息汇总表（一年，.xlsx）：标题、报送人、界别、日期、状态、采用、批示、转办、刊发期号
    Opinions {
        /// 年份，如 2026
        #[arg(long)]
        year: i32,
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 履职积分汇总表（一年，.xlsx）：名次、姓名、联络组、界别、积分、等次、未达基本要求
    Scores {
        /// 年份，如 2026
        #[arg(long)]
        year: i32,
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 一篇社情民意信息的核稿单（.pdf）：原稿与核稿稿对照
    OpinionReview {
        /// 信息的 id（见 opinions list --json）
        #[arg(long)]
        opinion: String,
        /// 输出文件（.pdf）
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

/// `liaison exchange …`. Files are keyed with the database's passphrase when it has one; a file read
/// before any database is open (join, inspect) with `LIAISON_PASSPHRASE` when it is set.
fn exchange(cli: &Cli, path: &Path, cmd: &ExchangeCmd) -> liaison_core::Result<()> {
    use liaison_core::exchange::{self, ExchangeKind};
    let env_key = env_pass(PASS_ENV);
    let pass: Option<&str> = env_key.as_ref().map(|p| p.expose());
    let print = |v: serde_json::Value, text: String| {
        if cli.json {
            println!("{v}");
        } else {
            println!("{text}");
        }
    };
    if let ExchangeCmd::Join { file, name } = cmd {
        let (_, o) = Db::exchange_join(path, file, name.as_deref(), pass)?;
        print(
            serde_json::to_value(&o).expect("json"),
            format!(
                "已从基准文件加入办公室 {}：新数据库 {}，委员 {} 名，共 {} 行。本机：{}",
                o.office_name, o.path, o.members, o.rows, o.laptop_name
            ),
        );
        return Ok(());
    }
    if let ExchangeCmd::Inspect { file } = cmd {
        let i = exchange::inspect_file(file, pass)?;
        let h = &i.header;
        let mut text = format!(
            "{}文件：{} 第 {} 号（{}），办公室 {}，导出于 {}，基于 {}\n",
            h.kind.label(),
            h.origin_name,
            h.sequence,
            h.origin_laptop_id,
            h.office_name,
            h.created_at,
            if h.base.is_empty() { "（无）" } else { h.base.as_str() }
        );
        for c in &i.counts {
            text.push_str(&format!("{}\t新增 {}\t修改 {}\t删除 {}\n", c.table, c.inserts, c.updates, c.deletes));
        }
        text.push_str(&format!("校验和 {} 正确", h.payload_sha256));
        print(serde_json::to_value(&i).expect("json"), text);
        return Ok(());
    }
    let key = if liaison_core::crypto::is_encrypted(path)? { Some(current_pass(path)?) } else { None };
    let mut db = Db::open_with(path, key)?;
    let db_pass = db.passphrase().map(|p| p.expose().to_string());
    let pass = db_pass.as_deref();
    match cmd {
        ExchangeCmd::Export { out } | ExchangeCmd::Baseline { out } => {
            let kind = if matches!(cmd, ExchangeCmd::Baseline { .. }) {
                ExchangeKind::Baseline
            } else {
                ExchangeKind::Changes
            };
            let o = db.exchange_export(out, kind, pass)?;
            print(
                serde_json::to_value(&o).expect("json"),
                format!(
                    "已导出{}文件 {}：{} 第 {} 号，{} 行{}",
                    kind.label(),
                    o.path,
                    o.header.origin_name,
                    o.header.sequence,
                    o.rows,
                    if o.rows == 0 { "（自上次交换以来没有变更）" } else { "" }
                ),
            );
        }
        ExchangeCmd::Import { file } => {
            let o = db.exchange_import(file, pass)?;
            let text = if o.already_imported {
                format!("{} 的第 {} 号文件已经导入过，没有改动", o.origin_name, o.sequence)
            } else {
                format!(
                    "已导入 {} 的第 {} 号{}文件：新增 {} 行，修改 {} 行，删除 {} 行，冲突 {} 处{}",
                    o.origin_name,
                    o.sequence,
                    o.kind.label(),
                    o.inserted,
                    o.updated,
                    o.deleted,
                    o.conflicts,
                    if o.conflicts > 0 {
                        "（本机的记录已保留，请在 数据交换 → 冲突 中处理，或 exchange conflicts）"
                    } else {
                        ""
                    }
                )
            };
            print(serde_json::to_value(&o).expect("json"), text);
        }
        ExchangeCmd::Conflicts { all } => {
            let list = db.exchange_conflicts(*all, false)?;
            let mut text = String::new();
            for c in &list {
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    c.id,
                    c.table_label,
                    c.record,
                    c.kind.label(),
                    c.reason
                ));
                for f in c.fields.iter().filter(|f| f.differs) {
                    text.push_str(&format!(
                        "\t{}：本机 {} ｜ 对方 {}\n",
                        f.label,
                        f.local.as_deref().unwrap_or("（无）"),
                        f.theirs.as_deref().unwrap_or("（无）")
                    ));
                }
            }
            text.push_str(&format!("共 {} 处", list.len()));
            print(serde_json::to_value(&list).expect("json"), text);
        }
        ExchangeCmd::Status => {
            let s = db.exchange_status(pass)?;
            print(
                serde_json::to_value(&s).expect("json"),
                format!(
                    "办公室：{}（{}）\n本机：{}（{}）\n已导出到第 {} 号，上次交换 {}，待交换 {} 行，待处理冲突 {} 处，导入过 {} 个文件",
                    s.office_name,
                    s.office_id,
                    if s.laptop_name.is_empty() { "未命名" } else { s.laptop_name.as_str() },
                    s.laptop_id,
                    s.last_sequence,
                    s.last_exchange_at.as_deref().unwrap_or("（从未）"),
                    s.pending_rows,
                    s.open_conflicts,
                    s.imports.len()
                ),
            );
        }
        ExchangeCmd::Name { name } => {
            let s = db.set_laptop_name(name)?;
            print(serde_json::to_value(&s).expect("json"), format!("本机名称：{}", s.laptop_name));
        }
        ExchangeCmd::Join { .. } | ExchangeCmd::Inspect { .. } => unreachable!("handled above"),
    }
    Ok(())
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
            Cmd::Encrypt { .. } | Cmd::Rekey { .. } | Cmd::Decrypt { .. } => false,
            Cmd::Import { cmd: Some(ImportCmd::Undo { dry_run, .. }), .. } => !dry_run,
            Cmd::Exchange { cmd } => matches!(cmd, ExchangeCmd::Import { .. } | ExchangeCmd::Join { .. }),
            Cmd::Import { dry_run, .. } => !dry_run,
            Cmd::Check
            | Cmd::Info
            | Cmd::Members { .. }
            | Cmd::Export { .. }
            | Cmd::Activities { .. }
            | Cmd::Sessions { .. }
            | Cmd::Bulletins { .. }
            | Cmd::Opinions { .. }
            | Cmd::Proposals { .. }
            | Cmd::Score { .. }
            | Cmd::Workplan { .. }
            | Cmd::Search { .. }
            | Cmd::Backup { .. }
            | Cmd::Backups
            | Cmd::Imports => false,
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
    if let Cmd::Exchange { cmd } = &cli.cmd {
        return exchange(cli, &path, cmd);
    }
    let key = if liaison_core::crypto::is_encrypted(&path)? { Some(current_pass(&path)?) } else { None };
    let mut db = Db::open_with(&path, key)?;
    match &cli.cmd {
        Cmd::Encrypt { backups } | Cmd::Rekey { backups } | Cmd::Decrypt { backups } => {
            let encrypted = db.is_encrypted();
            let new = match (&cli.cmd, encrypted) {
                (Cmd::Encrypt { .. }, true) => {
                    return Err(Error::Conflict("数据库已经加密：修改口令请用 rekey".into()));
                }
                (Cmd::Rekey { .. }, false) => {
                    return Err(Error::Conflict("数据库没有加密：设置口令请用 encrypt".into()));
                }
                (Cmd::Decrypt { .. }, _) => None,
                _ => Some(new_pass()?),
            };
            // Not while the app has the database open: its connection would go on with the old file.
            let _lock = liaison_core::db::InstanceLock::acquire(&path)?;
            let current = db.passphrase().map(|p| p.expose().to_string());
            let o = db.set_passphrase(current.as_deref(), new, backups.old_backups)?;
            if cli.json {
                println!("{}", serde_json::to_string(&o).expect("json"));
            } else {
                let what = match (&cli.cmd, o.encrypted) {
                    (Cmd::Rekey { .. }, _) => "已修改口令",
                    (_, true) => "已加密数据库",
                    _ => "已取消加密，数据库现在是不加密的文件",
                };
                println!("{what}（{}）。修改前的数据已备份为 {}", path.display(), o.backup.path);
                if o.converted + o.deleted > 0 {
                    println!("备份文件夹中的备份：转换 {} 份，删除 {} 份", o.converted, o.deleted);
                }
                if !o.left.is_empty() {
                    println!("未改动的备份 {} 份：{}", o.left.len(), o.left.join("、"));
                }
            }
        }
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
            let r = db.restore_from(file, env_pass(BACKUP_PASS_ENV))?;
            if cli.json {
                println!("{}", serde_json::to_string(&r).expect("json"));
            } else {
                println!(
                    "已从 {} 恢复：{}，委员 {} 名，活动 {} 项。恢复前的数据已另存为 {}",
                    r.restored.path, r.restored.office_name, r.restored.members, r.restored.activities, r.previous.path
                );
            }
        }
        Cmd::Exchange { .. } => unreachable!("handled above"),
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
        Cmd::Import { cmd: Some(ImportCmd::Undo { id, dry_run }), .. } => {
            let u = if *dry_run { db.import_undo_check(id)? } else { db.undo_import(id)? };
            if cli.json {
                println!("{}", serde_json::to_string(&u).expect("json"));
            } else {
                let verb = if u.done { "已撤销" } else { "撤销将" };
                println!(
                    "{verb}导入 {}（{}，{}）：删除新增的委员 {} 名，恢复原值的委员 {} 名，删除新增的列表项 {} 个",
                    u.run.file,
                    liaison_core::db::local_time(&u.run.at),
                    u.run.actor,
                    u.delete_members,
                    u.revert_members,
                    u.delete_lists
                );
                for c in &u.changed {
                    println!(
                        "  导入后被修改：{}（{}，{} {}）",
                        c.name,
                        c.what,
                        c.by,
                        liaison_core::db::local_time(&c.at)
                    );
                }
            }
            if *dry_run && !u.changed.is_empty() {
                std::process::exit(1);
            }
        }
        Cmd::Imports => {
            let runs = db.import_runs()?;
            if cli.json {
                println!("{}", serde_json::to_string(&runs).expect("json"));
            } else {
                for r in &runs {
                    let undone = match &r.undone_at {
                        Some(at) => format!(
                            "已于 {} 由 {} 撤销",
                            liaison_core::db::local_time(at),
                            r.undone_by.clone().unwrap_or_default()
                        ),
                        None => String::new(),
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t新增 {}，更新 {}，列表项 {}\t{undone}",
                        r.id,
                        liaison_core::db::local_time(&r.at),
                        r.actor,
                        r.file,
                        r.created,
                        r.updated,
                        r.lists_added
                    );
                }
                println!("共 {} 次导入", runs.len());
            }
        }
        Cmd::Import {
            file,
            dry_run,
            all_or_nothing,
            add_unknown,
            default_sector,
            error_report,
            report_unmasked,
            ..
        } => {
            let file = file.as_ref().expect("required");
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
        Cmd::Bulletins { cmd: BulletinsCmd::List { year } } => bulletins_list(&db, cli.json, *year)?,
        Cmd::Opinions { cmd: OpinionsCmd::List { year } } => opinions_list(&db, cli.json, *year)?,
        Cmd::Export { cmd: ExportCmd::Bulletin { issue, out } } => {
            let s = db.export_bulletin(issue, out)?;
            exported(cli.json, "《社情民意》", "篇", &s);
        }
        Cmd::Score { year, member } => score(&db, cli.json, *year, member.as_deref())?,
        Cmd::Export { cmd: ExportCmd::Scores { year, out } } => {
            if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
                return Err(Error::field("out", format!("--out：履职积分汇总表为 .xlsx 文件（{}）", out.display())));
            }
            let s = db.export_scores(*year, out)?;
            exported(cli.json, "履职积分汇总表", "人", &s);
        }
        Cmd::Export { cmd: ExportCmd::Opinions { year, out } } => {
            if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
                return Err(Error::field(
                    "out",
                    format!("--out：社情民意信息汇总表为 .xlsx 文件（{}）", out.display()),
                ));
            }
            let s = db.export_opinions(*year, out)?;
            exported(cli.json, "社情民意信息汇总表", "篇", &s);
        }
        Cmd::Export { cmd: ExportCmd::OpinionReview { opinion, out } } => {
            if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("pdf")) != Some(true) {
                return Err(Error::field("out", format!("--out：核稿单为 .pdf 文件（{}）", out.display())));
            }
            let s = db.export_review_sheet(opinion, out)?;
            exported(cli.json, "核稿单", "份", &s);
        }
        Cmd::Export { cmd: ExportCmd::Workplan { year, out } } => {
            xlsx_out(out, "工作计划完成情况")?;
            let s = db.export_work_plan(*year, out)?;
            print_export(cli.json, &s, "工作计划完成情况", "项");
        }
        Cmd::Export { cmd: ExportCmd::Composition { out } } => {
            xlsx_out(out, "委员构成统计")?;
            let s = db.export_composition(out)?;
            print_export(cli.json, &s, "委员构成统计", "人");
        }
        Cmd::Workplan { year, list: None, .. } => {
            workplan(&db, cli.json, year.unwrap_or_else(|| chrono::Local::now().year()))?
        }
        Cmd::Workplan { year, list: Some(item), which, quarter, group } => {
            use liaison_core::workplan::types::{PlanItem, PlanListKind, PlanListQuery};
            let item = PlanItem::parse(item).ok_or_else(|| {
                let all: Vec<&str> = PlanItem::ALL.iter().map(|i| i.as_str()).collect();
                Error::field("--list", format!("--list：没有“{item}”这一项，可用 {}", all.join("、")))
            })?;
            let list = PlanListKind::parse(which).ok_or_else(|| {
                Error::field("--which", format!("--which：没有“{which}”，可用 done、short、incomplete"))
            })?;
            let q = PlanListQuery {
                year: year.unwrap_or_else(|| chrono::Local::now().year()),
                item,
                list,
                quarter: *quarter,
                group_id: group.clone(),
            };
            let l = db.work_plan_list(&q)?;
            if cli.json {
                println!("{}", serde_json::to_string(&l).expect("json"));
            } else {
                println!("{}", l.caption);
                for r in &l.rows {
                    let when = if r.date.is_empty() {
                        liaison_core::workplan::quarter_label(r.quarter).to_string()
                    } else {
                        r.date.clone()
                    };
                    println!("{when}\t{}\t{}\t{}", r.title, r.group, r.detail);
                }
                println!("共 {} 条", l.rows.len());
            }
        }
        Cmd::Export { cmd: ExportCmd::PerformanceFile { member, term, out } } => {
            if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("pdf")) != Some(true) {
                return Err(Error::field("out", format!("--out：履职档案为 .pdf 文件（{}）", out.display())));
            }
            let s = db.export_dossier(member, term.as_deref(), out)?;
            exported(cli.json, "履职档案", "份", &s);
        }
        Cmd::Export { cmd: ExportCmd::Summary { year, out } } => {
            if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("docx")) != Some(true) {
                return Err(Error::field("out", format!("--out：年度工作总结为 .docx 文件（{}）", out.display())));
            }
            let s = db.export_year_summary(*year, out)?;
            exported(cli.json, &format!("{year}年工作总结"), "项数据", &s);
        }
        Cmd::Export { cmd: ExportCmd::PerformanceFiles { term, out } } => {
            if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("zip")) != Some(true) {
                return Err(Error::field("out", format!("--out：全体委员履职档案为 .zip 文件（{}）", out.display())));
            }
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let quiet = cli.json;
            let mut last = std::time::Instant::now();
            let s = db.export_dossiers(
                term.as_deref(),
                out,
                &mut |p| {
                    if !quiet && (p.done == p.total || last.elapsed().as_millis() >= 1000) {
                        last = std::time::Instant::now();
                        eprintln!("已生成 {}/{} 份", p.done, p.total);
                    }
                },
                &cancel,
            )?;
            exported(cli.json, "全体委员履职档案", "份", &s);
        }
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
                    Error::field("--kind", format!("--kind：没有“{k}”这一类，可用 proposal、speech、opinion"))
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

/// An export written as .xlsx only: `--out` must say so.
fn xlsx_out(out: &std::path::Path, what: &str) -> liaison_core::Result<()> {
    if out.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::field("out", format!("--out：{what}为 .xlsx 文件（{}）", out.display())));
    }
    Ok(())
}

/// The year's work plan against the records: JSON (`WorkPlanProgress`), or a line per item.
fn workplan(db: &Db, json: bool, year: i32) -> liaison_core::Result<()> {
    use liaison_core::workplan::types::PlanItemKind;
    let p = db.work_plan_progress(year)?;
    if json {
        println!("{}", serde_json::to_string(&p).expect("json"));
        return Ok(());
    }
    println!(
        "{year}年工作计划完成情况（统计至 {}；本届委员 {} 人，联络组 {} 个）{}",
        p.as_of,
        p.members,
        p.groups.len(),
        if p.saved { "" } else { "——尚未制定本年度计划，按参考目标统计" }
    );
    for i in &p.items {
        let target = liaison_core::workplan::target_text(i.target, i.target_max, &i.unit);
        let line = match i.kind {
            PlanItemKind::Count => format!("目标 {target}，完成 {} {}", i.actual, i.unit),
            PlanItemKind::PerGroupQuarter => {
                format!("每组每季度 {target}，达标 {} / {} 组次，四落实不全 {} 次", i.actual, i.goal, i.incomplete)
            }
            PlanItemKind::PerMember => {
                format!("每人 {target}，达标 {} / {} 人，未达标 {} 人", i.actual, i.goal, i.short)
            }
        };
        let q = if i.by_quarter.is_empty() {
            String::new()
        } else {
            format!("（各季度 {}）", i.by_quarter.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" / "))
        };
        println!("{}\t{line}\t{}%{q}", i.label, i.percent);
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

fn exported(json: bool, what: &str, unit: &str, s: &liaison_core::export::ExportSummary) {
    if json {
        println!("{}", serde_json::json!({ "rows": s.rows, "path": s.path }));
    } else {
        println!("已导出{what}（{} {unit}）到 {}", s.rows, s.path.display());
    }
}

fn bulletins_list(db: &Db, json: bool, year: Option<i32>) -> liaison_core::Result<()> {
    let rows = db.bulletins(year, false)?;
    if json {
        println!("{}", serde_json::to_string(&rows).expect("json"));
        return Ok(());
    }
    println!("期号			日期		签发人	篇数");
    for r in &rows {
        println!("{}年第{}期（总第{}期）	{}	{}	{}", r.year, r.number, r.total_number, r.date, r.signer, r.reports);
    }
    let y = year.unwrap_or_else(|| chrono::Local::now().date_naive().year());
    let t = db.bulletin_year(y)?;
    println!("共 {} 期；{} 年已编 {} 期，目标 {} 期", rows.len(), y, t.issues, t.target);
    Ok(())
}

fn score(db: &Db, json: bool, year: i32, member: Option<&str>) -> liaison_core::Result<()> {
    use liaison_core::performance::fmt_points;
    if let Some(m) = member {
        let Some(s) = db.member_score(m, year)? else {
            return Err(Error::NotFound(format!("该委员不在{year}年的积分表中（已离任或已删除）")));
        };
        if json {
            println!("{}", serde_json::to_string(&s).expect("json"));
            return Ok(());
        }
        println!(
            "{} {}年积分 {}，第 {} 名，{}",
            s.row.name,
            year,
            fmt_points(s.row.points),
            s.row.rank,
            s.row.grade.map(|g| g.label()).unwrap_or("未设规则")
        );
        for i in &s.items {
            println!("{}\t{}\t{}\t{}", fmt_points(i.points), i.label, i.date, i.record_title);
        }
        return Ok(());
    }
    let l = db.score_ledger(year)?;
    if json {
        let rows: Vec<serde_json::Value> = l
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.member_id, "name": r.name, "points": r.points, "rank": r.rank,
                    "grade": r.grade.map(|g| g.as_str()), "grade_label": r.grade.map(|g| g.label()),
                    "group": r.group, "sector": r.sector,
                    "missed": r.missed.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string(&rows).expect("json"));
        return Ok(());
    }
    if !l.has_rules {
        eprintln!("{year}年还没有积分规则：各委员均按 0 分计（在“履职 → 积分规则”中设置）");
    }
    println!("名次\t积分\t等次\t姓名\t联络组\t未达基本要求");
    for r in &l.rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            r.rank,
            fmt_points(r.points),
            r.grade.map(|g| g.label()).unwrap_or("—"),
            r.name,
            r.group,
            r.missed.iter().map(|b| b.label()).collect::<Vec<_>>().join("、")
        );
    }
    println!(
        "共 {} 人：优秀 {}，称职 {}，基本称职 {}，不称职 {}",
        l.rows.len(),
        l.excellent,
        l.competent,
        l.basic,
        l.unfit
    );
    Ok(())
}

fn opinions_list(db: &Db, json: bool, year: Option<i32>) -> liaison_core::Result<()> {
    let l = db.opinions(&liaison_core::opinions::OpinionQuery { year, ..Default::default() })?;
    if json {
        println!("{}", serde_json::to_string(&l.rows).expect("json"));
        return Ok(());
    }
    println!("日期		状态	标题（报送人）");
    for r in &l.rows {
        println!("{}	{}	{}（{}）", r.date.as_deref().unwrap_or("未填"), r.state.label(), r.title, r.submitters);
    }
    let by: Vec<String> =
        l.counts.iter().filter(|c| c.count > 0).map(|c| format!("{} {}", c.state.label(), c.count)).collect();
    println!("共 {} 篇：{}", l.total, by.join("，"));
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
    if let Some(run) = &p.run_id {
        println!("导入记录编号 {run}（撤销：liaison import undo {run}）");
    }
    Ok(())
}
