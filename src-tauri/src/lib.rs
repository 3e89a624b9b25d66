//! The desktop shell: thin commands, each parsing its arguments, calling one core function and
//! mapping the error. Logic belongs in `liaison-core`.

use liaison_core::model::*;
use liaison_core::{AppError, Db};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::State;

pub struct AppState(pub Mutex<Db>);

type R<T> = Result<T, AppError>;

fn with<T>(state: &State<AppState>, f: impl FnOnce(&mut Db) -> liaison_core::Result<T>) -> R<T> {
    let mut db = state.0.lock().map_err(|_| AppError {
        code: "internal".into(),
        message: "程序内部错误：数据库被占用，请重启程序".into(),
        fields: vec![],
    })?;
    f(&mut db).map_err(AppError::from)
}

#[tauri::command(rename_all = "snake_case")]
fn app_info(state: State<AppState>) -> R<AppInfo> {
    with(&state, |db| db.app_info())
}

#[tauri::command(rename_all = "snake_case")]
fn set_office_name(state: State<AppState>, name: String) -> R<AppInfo> {
    with(&state, |db| db.set_office_name(&name))
}

#[tauri::command(rename_all = "snake_case")]
fn refs_list(state: State<AppState>, kind: RefKind) -> R<Vec<RefItem>> {
    with(&state, |db| db.refs(kind))
}

#[tauri::command(rename_all = "snake_case")]
fn ref_save(state: State<AppState>, input: RefInput) -> R<RefItem> {
    with(&state, |db| db.save_ref(input))
}

#[tauri::command(rename_all = "snake_case")]
fn ref_delete(state: State<AppState>, kind: RefKind, id: String) -> R<()> {
    with(&state, |db| db.delete_ref(kind, &id))
}

#[tauri::command(rename_all = "snake_case")]
fn terms_list(state: State<AppState>) -> R<Vec<Term>> {
    with(&state, |db| db.terms())
}

#[tauri::command(rename_all = "snake_case")]
fn term_save(state: State<AppState>, input: TermInput) -> R<Term> {
    with(&state, |db| db.save_term(input))
}

#[tauri::command(rename_all = "snake_case")]
fn roster_query(state: State<AppState>, query: RosterQuery) -> R<RosterPage> {
    with(&state, |db| db.roster(&query))
}

#[tauri::command(rename_all = "snake_case")]
fn member_get(state: State<AppState>, id: String) -> R<MemberDetail> {
    with(&state, |db| db.member(&id))
}

#[tauri::command(rename_all = "snake_case")]
fn member_validate(state: State<AppState>, input: MemberInput) -> R<MemberValidation> {
    with(&state, |db| db.member_validation(input))
}

#[tauri::command(rename_all = "snake_case")]
fn member_save(state: State<AppState>, input: MemberInput) -> R<MemberDetail> {
    with(&state, |db| db.save_member(input))
}

#[tauri::command(rename_all = "snake_case")]
fn member_delete(state: State<AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_member(&id))
}

#[tauri::command(rename_all = "snake_case")]
fn member_restore(state: State<AppState>, id: String) -> R<()> {
    with(&state, |db| db.restore_member(&id))
}

#[tauri::command(rename_all = "snake_case")]
fn member_audit(state: State<AppState>, id: String) -> R<Vec<AuditEntry>> {
    with(&state, |db| db.audit_log(&id))
}

#[tauri::command(rename_all = "snake_case")]
fn groups_list(state: State<AppState>, term_id: Option<String>) -> R<Vec<GroupSummary>> {
    with(&state, |db| db.groups(term_id.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn group_get(state: State<AppState>, id: String) -> R<GroupDetail> {
    with(&state, |db| db.group(&id))
}

#[tauri::command(rename_all = "snake_case")]
fn group_save(state: State<AppState>, input: GroupInput) -> R<GroupSummary> {
    with(&state, |db| db.save_group(input))
}

#[tauri::command(rename_all = "snake_case")]
fn group_delete(state: State<AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_group(&id))
}

#[tauri::command(rename_all = "snake_case")]
fn group_add_members(
    state: State<AppState>,
    group_id: String,
    member_ids: Vec<String>,
    role: GroupRole,
    move_from_other: bool,
) -> R<GroupDetail> {
    with(&state, |db| db.add_group_members(&group_id, &member_ids, role, move_from_other))
}

#[tauri::command(rename_all = "snake_case")]
fn group_set_role(state: State<AppState>, group_id: String, member_id: String, role: GroupRole) -> R<GroupDetail> {
    with(&state, |db| db.set_group_role(&group_id, &member_id, role))
}

#[tauri::command(rename_all = "snake_case")]
fn group_remove_member(state: State<AppState>, group_id: String, member_id: String) -> R<GroupDetail> {
    with(&state, |db| db.remove_group_member(&group_id, &member_id))
}

#[tauri::command(rename_all = "snake_case")]
fn demo_load(state: State<AppState>, members: u32) -> R<DemoSummary> {
    with(&state, |db| db.load_demo(members, None))
}

/// `--db PATH` on the command line, else `LIAISON_DB`, else the OS's app-data folder.
fn db_path() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    for (i, a) in args.iter().enumerate() {
        if a == "--db" {
            if let Some(p) = args.get(i + 1) {
                return PathBuf::from(p);
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return PathBuf::from(p);
        }
    }
    liaison_core::db::default_path()
}

pub fn run() {
    let path = db_path();
    let db = match Db::open(&path) {
        Ok(db) => db,
        Err(e) => {
            // No window can show this yet: say it on stderr and stop, leaving the file untouched.
            eprintln!("无法打开数据库 {}：{e}", path.display());
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .manage(AppState(Mutex::new(db)))
        .invoke_handler(tauri::generate_handler![
            app_info,
            set_office_name,
            refs_list,
            ref_save,
            ref_delete,
            terms_list,
            term_save,
            roster_query,
            member_get,
            member_validate,
            member_save,
            member_delete,
            member_restore,
            member_audit,
            groups_list,
            group_get,
            group_save,
            group_delete,
            group_add_members,
            group_set_role,
            group_remove_member,
            demo_load,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the application");
}
