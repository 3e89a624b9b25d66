//! The desktop shell: thin commands, each parsing its arguments, calling one core function and
//! mapping the error. Logic belongs in `liaison-core`.

use liaison_core::export::{ExportSummary, RosterColumnInfo, RosterExport};
use liaison_core::import::{CommitMode, ImportOptions, ImportPreview, ImportProgress};
use liaison_core::model::*;
use liaison_core::sessions::*;
use liaison_core::{AppError, Db};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

/// The open database, or why it could not be opened (the window then says so instead of the app).
pub struct AppState(pub Result<Mutex<Db>, AppError>);

type R<T> = Result<T, AppError>;

// Commands are `async` so that Tauri runs them off the main thread: the window keeps painting while
// SQLite works. The mutex serialises them, as one SQLite connection needs.

fn with<T>(state: &State<AppState>, f: impl FnOnce(&mut Db) -> liaison_core::Result<T>) -> R<T> {
    let db = state.0.as_ref().map_err(Clone::clone)?;
    let mut db = db.lock().map_err(|_| AppError {
        code: "internal".into(),
        message: "程序内部错误：数据库被占用，请重启程序".into(),
        fields: vec![],
    })?;
    f(&mut db).map_err(AppError::from)
}

#[tauri::command(rename_all = "snake_case")]
async fn app_info(state: State<'_, AppState>) -> R<AppInfo> {
    with(&state, |db| db.app_info())
}

#[tauri::command(rename_all = "snake_case")]
async fn set_office_name(state: State<'_, AppState>, name: String) -> R<AppInfo> {
    with(&state, |db| db.set_office_name(&name))
}

#[tauri::command(rename_all = "snake_case")]
async fn refs_list(state: State<'_, AppState>, kind: RefKind) -> R<Vec<RefItem>> {
    with(&state, |db| db.refs(kind))
}

#[tauri::command(rename_all = "snake_case")]
async fn ref_save(state: State<'_, AppState>, input: RefInput) -> R<RefItem> {
    with(&state, |db| db.save_ref(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn ref_delete(state: State<'_, AppState>, kind: RefKind, id: String) -> R<()> {
    with(&state, |db| db.delete_ref(kind, &id))
}

#[tauri::command(rename_all = "snake_case")]
async fn terms_list(state: State<'_, AppState>) -> R<Vec<Term>> {
    with(&state, |db| db.terms())
}

#[tauri::command(rename_all = "snake_case")]
async fn term_save(state: State<'_, AppState>, input: TermInput) -> R<Term> {
    with(&state, |db| db.save_term(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn roster_query(state: State<'_, AppState>, query: RosterQuery) -> R<RosterPage> {
    with(&state, |db| db.roster(&query))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_get(state: State<'_, AppState>, id: String) -> R<MemberDetail> {
    with(&state, |db| db.member(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_validate(state: State<'_, AppState>, input: MemberInput) -> R<MemberValidation> {
    with(&state, |db| db.member_validation(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_save(state: State<'_, AppState>, input: MemberInput) -> R<MemberDetail> {
    with(&state, |db| db.save_member(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_member(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.restore_member(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_audit(state: State<'_, AppState>, id: String) -> R<Vec<AuditEntry>> {
    with(&state, |db| db.audit_log(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn groups_list(state: State<'_, AppState>, term_id: Option<String>) -> R<Vec<GroupSummary>> {
    with(&state, |db| db.groups(term_id.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
async fn group_get(state: State<'_, AppState>, id: String) -> R<GroupDetail> {
    with(&state, |db| db.group(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn group_save(state: State<'_, AppState>, input: GroupInput) -> R<GroupSummary> {
    with(&state, |db| db.save_group(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn group_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_group(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn group_add_members(
    state: State<'_, AppState>,
    group_id: String,
    member_ids: Vec<String>,
    role: GroupRole,
    move_from_other: bool,
) -> R<GroupDetail> {
    with(&state, |db| db.add_group_members(&group_id, &member_ids, role, move_from_other))
}

#[tauri::command(rename_all = "snake_case")]
async fn group_set_role(
    state: State<'_, AppState>,
    group_id: String,
    member_id: String,
    role: GroupRole,
) -> R<GroupDetail> {
    with(&state, |db| db.set_group_role(&group_id, &member_id, role))
}

#[tauri::command(rename_all = "snake_case")]
async fn group_remove_member(state: State<'_, AppState>, group_id: String, member_id: String) -> R<GroupDetail> {
    with(&state, |db| db.remove_group_member(&group_id, &member_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn roster_columns() -> R<Vec<RosterColumnInfo>> {
    Ok(liaison_core::export::roster_columns())
}

#[tauri::command(rename_all = "snake_case")]
async fn roster_export(state: State<'_, AppState>, options: RosterExport) -> R<ExportSummary> {
    with(&state, |db| db.export_roster_to_folder(&options))
}

/// The group member lists (联络组成员名单) of a term, written into the export folder.
#[tauri::command(rename_all = "snake_case")]
async fn group_lists_export(
    state: State<'_, AppState>,
    options: liaison_core::export_lists::GroupListExport,
) -> R<ExportSummary> {
    with(&state, |db| db.export_group_lists_to_folder(&options))
}

/// The contact list (通讯录) of the roster's filters and order, written into the export folder.
#[tauri::command(rename_all = "snake_case")]
async fn contacts_export(
    state: State<'_, AppState>,
    options: liaison_core::export::ContactsExport,
) -> R<ExportSummary> {
    with(&state, |db| db.export_contacts_to_folder(&options))
}

/// A printable document (visit checklist, sign-in sheet, attendance list, inspection plan) as PDF or
/// .xlsx, written into the export folder.
#[tauri::command(rename_all = "snake_case")]
async fn document_export(
    state: State<'_, AppState>,
    request: liaison_core::documents::DocumentExport,
) -> R<ExportSummary> {
    with(&state, |db| db.export_document_to_folder(&request))
}

/// Open a file the app exported with the system's viewer (WPS, Excel, LibreOffice …).
#[tauri::command(rename_all = "snake_case")]
async fn open_export(app: tauri::AppHandle, path: String) -> R<()> {
    use tauri_plugin_opener::OpenerExt;
    let p = liaison_core::export::openable_export(std::path::Path::new(&path)).map_err(AppError::from)?;
    app.opener().open_path(p.to_string_lossy(), None::<&str>).map_err(|e| AppError {
        code: "open".into(),
        message: format!("无法用系统程序打开文件：{e}。文件在 {}", p.display()),
        fields: vec![],
    })
}

#[tauri::command(rename_all = "snake_case")]
async fn demo_load(state: State<'_, AppState>, members: u32) -> R<DemoSummary> {
    with(&state, |db| db.load_demo(members, None))
}

// The import wizard. The webview sends the chosen file's contents once (a raw request body, its name
// URL-encoded in the `x-file-name` header: no paths cross IPC); the commands after that re-plan,
// commit or report on the file kept here, with the user's choices.

/// The file the import wizard loaded last: its name and contents.
#[derive(Default)]
pub struct ImportFile(Mutex<Option<(String, Arc<Vec<u8>>)>>);

impl ImportFile {
    fn set(&self, f: Option<(String, Arc<Vec<u8>>)>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = f;
    }

    fn get(&self) -> R<(String, Arc<Vec<u8>>)> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone().ok_or_else(|| AppError {
            code: "import".into(),
            message: "请先选择要导入的文件".into(),
            fields: vec![],
        })
    }
}

/// Load a file to import (body: its bytes; header `x-file-name`: its URL-encoded name) and answer with
/// what importing it would do under the automatic column mapping. Writes nothing.
#[tauri::command(rename_all = "snake_case")]
async fn import_load(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    request: Request<'_>,
) -> R<ImportPreview> {
    let InvokeBody::Raw(data) = request.body() else {
        return Err(AppError {
            code: "import".into(),
            message: "文件内容没有传到程序，请重新选择文件".into(),
            fields: vec![],
        });
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    let data = Arc::new(data.clone());
    file.set(None);
    let preview = with(&state, |db| db.import_preview_bytes(&name, &data, &ImportOptions::default(), &mut |_| {}))?;
    file.set(Some((name, data)));
    Ok(preview)
}

/// The loaded file again, with the user's column choices and options. Writes nothing.
#[tauri::command(rename_all = "snake_case")]
async fn import_preview(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    options: ImportOptions,
) -> R<ImportPreview> {
    let (name, data) = file.get()?;
    with(&state, |db| db.import_preview_bytes(&name, &data, &options, &mut |_| {}))
}

/// Import the loaded file in one transaction: the rows without errors, or (`all_or_nothing`) nothing
/// at all if any row has one. Progress goes to `on_progress`.
#[tauri::command(rename_all = "snake_case")]
async fn import_commit(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    options: ImportOptions,
    all_or_nothing: bool,
    on_progress: Channel<ImportProgress>,
) -> R<ImportPreview> {
    let (name, data) = file.get()?;
    let mode = if all_or_nothing { CommitMode::AllOrNothing } else { CommitMode::ValidRows };
    with(&state, |db| {
        db.import_commit_bytes(&name, &data, &options, mode, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
}

/// The loaded file's rows with errors, with the reasons, as an .xlsx in the export folder.
#[tauri::command(rename_all = "snake_case")]
async fn import_error_report(
    state: State<'_, AppState>,
    file: State<'_, ImportFile>,
    options: ImportOptions,
) -> R<ExportSummary> {
    let (name, data) = file.get()?;
    with(&state, |db| db.import_error_report_bytes(&name, &data, &options))
}

/// The wizard closed: forget the file.
#[tauri::command(rename_all = "snake_case")]
async fn import_close(file: State<'_, ImportFile>) -> R<()> {
    file.set(None);
    Ok(())
}

// Activities (issue 4): 走访, 视察, 调研, meetings; participants, attendance, visits, notices.

#[tauri::command(rename_all = "snake_case")]
async fn activities_query(state: State<'_, AppState>, query: ActivityQuery) -> R<Vec<ActivityRow>> {
    with(&state, |db| db.activities(&query))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_get(state: State<'_, AppState>, id: String) -> R<ActivityDetail> {
    with(&state, |db| db.activity(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_save(state: State<'_, AppState>, input: ActivityInput) -> R<ActivityDetail> {
    with(&state, |db| db.save_activity(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_set_status(state: State<'_, AppState>, id: String, status: ActivityStatus) -> R<ActivityRow> {
    with(&state, |db| db.set_activity_status(&id, status))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_activity(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.restore_activity(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_notice(state: State<'_, AppState>, id: String) -> R<String> {
    with(&state, |db| db.activity_notice(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn agenda_month(state: State<'_, AppState>, year: i32, month: u32) -> R<AgendaMonth> {
    with(&state, |db| db.agenda_month(year, month))
}

#[tauri::command(rename_all = "snake_case")]
async fn member_history(state: State<'_, AppState>, member_id: String) -> R<MemberHistory> {
    with(&state, |db| db.member_history(&member_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn participants_list(state: State<'_, AppState>, activity_id: String, search: String) -> R<Vec<Participant>> {
    with(&state, |db| db.participants(&activity_id, &search))
}

#[tauri::command(rename_all = "snake_case")]
async fn participants_invite(state: State<'_, AppState>, input: InviteInput) -> R<InviteOutcome> {
    with(&state, |db| db.invite_members(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn participant_add_person(state: State<'_, AppState>, input: PersonInput) -> R<Participant> {
    with(&state, |db| db.add_person(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn participant_update(
    state: State<'_, AppState>,
    participant_id: String,
    role: ParticipantRole,
    team: String,
) -> R<Participant> {
    with(&state, |db| db.update_participant(&participant_id, role, &team))
}

#[tauri::command(rename_all = "snake_case")]
async fn participant_remove(state: State<'_, AppState>, participant_id: String) -> R<()> {
    with(&state, |db| db.remove_participant(&participant_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_sign_up(
    state: State<'_, AppState>,
    activity_id: String,
    member_id: String,
    attending: bool,
) -> R<Participant> {
    with(&state, |db| db.sign_up(&activity_id, &member_id, attending))
}

#[tauri::command(rename_all = "snake_case")]
async fn leave_request(state: State<'_, AppState>, input: LeaveInput) -> R<LeaveRequest> {
    with(&state, |db| db.request_leave(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn leave_decide(state: State<'_, AppState>, decision: LeaveDecision) -> R<LeaveRequest> {
    with(&state, |db| db.decide_leave(decision))
}

#[tauri::command(rename_all = "snake_case")]
async fn leave_requests(state: State<'_, AppState>, activity_id: String) -> R<Vec<LeaveRequest>> {
    with(&state, |db| db.leave_requests(&activity_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn activity_sign_in(state: State<'_, AppState>, input: SignInInput) -> R<SignInOutcome> {
    with(&state, |db| db.sign_in(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn attendance_set(
    state: State<'_, AppState>,
    activity_id: String,
    outcomes: Vec<OutcomeInput>,
) -> R<AttendanceSummary> {
    with(&state, |db| db.set_attendance(&activity_id, &outcomes))
}

#[tauri::command(rename_all = "snake_case")]
async fn attendance_finalise(state: State<'_, AppState>, activity_id: String) -> R<AttendanceSummary> {
    with(&state, |db| db.finalise_attendance(&activity_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn stops_save(state: State<'_, AppState>, activity_id: String, stops: Vec<StopInput>) -> R<Vec<Stop>> {
    with(&state, |db| db.save_stops(&activity_id, stops))
}

#[tauri::command(rename_all = "snake_case")]
async fn reflections_list(
    state: State<'_, AppState>,
    activity_id: Option<String>,
    member_id: Option<String>,
) -> R<Vec<Reflection>> {
    with(&state, |db| db.reflections(activity_id.as_deref(), member_id.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
async fn reflection_save(state: State<'_, AppState>, input: ReflectionInput) -> R<Reflection> {
    with(&state, |db| db.save_reflection(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn reflection_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_reflection(&id))
}

/// Reflections counted per member and per group, for activities in `year` (None: all years).
#[tauri::command(rename_all = "snake_case")]
async fn reflection_counts(state: State<'_, AppState>, year: Option<i32>) -> R<ReflectionCounts> {
    with(&state, |db| db.reflection_counts(year))
}

#[tauri::command(rename_all = "snake_case")]
async fn attachment_add(state: State<'_, AppState>, input: AttachmentInput) -> R<Attachment> {
    with(&state, |db| db.add_attachment(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn attachment_remove(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.remove_attachment(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn visit_rounds(state: State<'_, AppState>) -> R<Vec<VisitRoundSummary>> {
    with(&state, |db| db.visit_rounds())
}

#[tauri::command(rename_all = "snake_case")]
async fn visit_round_get(state: State<'_, AppState>, id: String) -> R<VisitRound> {
    with(&state, |db| db.visit_round(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn visit_round_save(state: State<'_, AppState>, input: VisitRoundInput) -> R<VisitRound> {
    with(&state, |db| db.save_visit_round(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn visit_round_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_visit_round(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn visit_round_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.restore_visit_round(&id))
}

/// The deleted rounds (recycle bin).
#[tauri::command(rename_all = "snake_case")]
async fn visit_rounds_deleted(state: State<'_, AppState>) -> R<Vec<VisitRoundSummary>> {
    with(&state, |db| db.deleted_visit_rounds())
}

#[tauri::command(rename_all = "snake_case")]
async fn visit_outcome_record(state: State<'_, AppState>, input: VisitOutcomeInput) -> R<Visit> {
    with(&state, |db| db.record_visit_outcome(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn follow_up_save(state: State<'_, AppState>, input: FollowUpInput) -> R<FollowUp> {
    with(&state, |db| db.save_follow_up(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn follow_up_complete(state: State<'_, AppState>, id: String, done_date: String, result: String) -> R<FollowUp> {
    with(&state, |db| db.complete_follow_up(&id, &done_date, &result))
}

#[tauri::command(rename_all = "snake_case")]
async fn follow_ups_overdue(state: State<'_, AppState>, as_of: String) -> R<Vec<FollowUp>> {
    with(&state, |db| db.overdue_follow_ups(&as_of))
}

// The plenary session (全会): sessions, sittings, attendees, check-in, leave, sign-in, groups, seating,
// logistics, statistics and exports (core: `liaison_core::sessions`).

#[tauri::command(rename_all = "snake_case")]
async fn sessions_list(state: State<'_, AppState>, deleted: bool) -> R<Vec<SessionRow>> {
    with(&state, |db| db.sessions(deleted))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_get(state: State<'_, AppState>, id: String) -> R<SessionDetail> {
    with(&state, |db| db.session(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_save(state: State<'_, AppState>, input: SessionInput) -> R<SessionDetail> {
    with(&state, |db| db.save_session(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.delete_session(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, |db| db.restore_session(&id))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_save(state: State<'_, AppState>, input: SittingInput) -> R<Sitting> {
    with(&state, |db| db.save_sitting(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_delete(state: State<'_, AppState>, sitting_id: String) -> R<()> {
    with(&state, |db| db.delete_sitting(&sitting_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_attendees(state: State<'_, AppState>, session_id: String, query: AttendeeQuery) -> R<Vec<Attendee>> {
    with(&state, |db| db.session_attendees(&session_id, &query))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_add_members(state: State<'_, AppState>, session_id: String, member_ids: Vec<String>) -> R<u32> {
    with(&state, |db| db.add_session_members(&session_id, &member_ids))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_add_person(state: State<'_, AppState>, input: PersonAttendeeInput) -> R<Attendee> {
    with(&state, |db| db.add_session_person(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_remove_attendee(state: State<'_, AppState>, attendee_id: String) -> R<()> {
    with(&state, |db| db.remove_session_attendee(&attendee_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_set_rostrum(
    state: State<'_, AppState>,
    attendee_id: String,
    rostrum: bool,
    protocol_rank: Option<u32>,
) -> R<Attendee> {
    with(&state, |db| db.set_rostrum(&attendee_id, rostrum, protocol_rank))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_check_in(state: State<'_, AppState>, input: CheckInInput) -> R<Attendee> {
    with(&state, |db| db.check_in(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_check_in_items(state: State<'_, AppState>, attendee_id: String, items: Vec<String>) -> R<Attendee> {
    with(&state, |db| db.set_check_in_items(&attendee_id, &items))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_undo_check_in(state: State<'_, AppState>, attendee_id: String) -> R<Attendee> {
    with(&state, |db| db.undo_check_in(&attendee_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_check_in_counts(state: State<'_, AppState>, session_id: String) -> R<CheckInCounts> {
    with(&state, |db| db.check_in_counts(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_sign_in(state: State<'_, AppState>, input: SittingSignInInput) -> R<SittingSignInOutcome> {
    with(&state, |db| db.sign_in_sitting(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_outcomes_set(
    state: State<'_, AppState>,
    sitting_id: String,
    outcomes: Vec<SittingOutcomeInput>,
) -> R<StatLine> {
    with(&state, |db| db.set_sitting_outcomes(&sitting_id, &outcomes))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_finalise(state: State<'_, AppState>, sitting_id: String) -> R<StatLine> {
    with(&state, |db| db.finalise_sitting(&sitting_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_missing(state: State<'_, AppState>, sitting_id: String) -> R<Vec<Attendee>> {
    with(&state, |db| db.sitting_missing(&sitting_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn sitting_outcomes(state: State<'_, AppState>, sitting_id: String) -> R<Vec<SittingOutcome>> {
    with(&state, |db| db.sitting_outcomes(&sitting_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_leaves(
    state: State<'_, AppState>,
    session_id: String,
    sitting_id: Option<String>,
) -> R<Vec<SessionLeave>> {
    with(&state, |db| db.session_leaves(&session_id, sitting_id.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_leave_request(state: State<'_, AppState>, input: SessionLeaveInput) -> R<SessionLeave> {
    with(&state, |db| db.request_session_leave(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_leave_decide(state: State<'_, AppState>, decision: SessionLeaveDecision) -> R<SessionLeave> {
    with(&state, |db| db.decide_session_leave(decision))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_groups(state: State<'_, AppState>, session_id: String) -> R<Vec<DiscussionGroup>> {
    with(&state, |db| db.discussion_groups(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_auto_group(state: State<'_, AppState>, input: AutoGroupInput) -> R<Vec<DiscussionGroup>> {
    with(&state, |db| db.auto_group(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_group_add(
    state: State<'_, AppState>,
    session_id: String,
    name: String,
    room: String,
) -> R<DiscussionGroup> {
    with(&state, |db| db.add_discussion_group(&session_id, &name, &room))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_group_save(state: State<'_, AppState>, input: DiscussionGroupInput) -> R<DiscussionGroup> {
    with(&state, |db| db.save_discussion_group(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_move_to_group(
    state: State<'_, AppState>,
    attendee_ids: Vec<String>,
    group_id: Option<String>,
) -> R<Vec<DiscussionGroup>> {
    with(&state, |db| db.move_to_group(&attendee_ids, group_id.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_set_convenor(
    state: State<'_, AppState>,
    attendee_id: String,
    convenor: bool,
) -> R<Vec<DiscussionGroup>> {
    with(&state, |db| db.set_convenor(&attendee_id, convenor))
}

#[tauri::command(rename_all = "snake_case")]
async fn hall_layouts(state: State<'_, AppState>) -> R<Vec<HallLayout>> {
    with(&state, |db| db.hall_layouts())
}

#[tauri::command(rename_all = "snake_case")]
async fn hall_layout_save(state: State<'_, AppState>, input: HallLayoutInput) -> R<HallLayout> {
    with(&state, |db| db.save_hall_layout(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn seating_chart(state: State<'_, AppState>, session_id: String) -> R<SeatingChart> {
    with(&state, |db| db.seating_chart(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn seating_auto(state: State<'_, AppState>, session_id: String) -> R<SeatingOutcome> {
    with(&state, |db| db.auto_seat(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn seat_move(state: State<'_, AppState>, input: SeatMoveInput) -> R<SeatingChart> {
    with(&state, |db| db.move_seat(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn seats_swap(state: State<'_, AppState>, a_id: String, b_id: String) -> R<SeatingChart> {
    with(&state, |db| db.swap_seats(&a_id, &b_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_stats(state: State<'_, AppState>, session_id: String) -> R<SessionStats> {
    with(&state, |db| db.session_stats(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_rooms(state: State<'_, AppState>, session_id: String) -> R<Vec<Room>> {
    with(&state, |db| db.rooms(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_room_add(state: State<'_, AppState>, input: RoomInput) -> R<Room> {
    with(&state, |db| db.add_room(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_room_assign(state: State<'_, AppState>, input: AllocationInput) -> R<()> {
    with(&state, |db| db.assign_room(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_meal_tables(state: State<'_, AppState>, session_id: String) -> R<Vec<MealTable>> {
    with(&state, |db| db.meal_tables(&session_id))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_meal_table_add(state: State<'_, AppState>, input: MealTableInput) -> R<MealTable> {
    with(&state, |db| db.add_meal_table(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_table_assign(state: State<'_, AppState>, input: AllocationInput) -> R<()> {
    with(&state, |db| db.assign_table(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_vehicles(state: State<'_, AppState>, session_id: String, with_phone: bool) -> R<Vec<Vehicle>> {
    with(&state, |db| db.vehicles(&session_id, with_phone))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_vehicle_add(state: State<'_, AppState>, input: VehicleInput) -> R<Vehicle> {
    with(&state, |db| db.add_vehicle(input))
}

#[tauri::command(rename_all = "snake_case")]
async fn session_vehicle_assign(state: State<'_, AppState>, input: AllocationInput) -> R<()> {
    with(&state, |db| db.assign_vehicle(input))
}

/// One of a session's documents (报到名册, 签到表, 分组名单, 座次表, 座位票 …) as .xlsx or PDF, written into
/// the export folder.
#[tauri::command(rename_all = "snake_case")]
async fn session_export(state: State<'_, AppState>, request: SessionExport) -> R<ExportSummary> {
    with(&state, |db| db.export_session_to_folder(&request))
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
    // A database that cannot be opened (e.g. made by a newer version) is left untouched; every command
    // then answers with the reason, and the window shows it.
    let state = Db::open(&path).map(Mutex::new).map_err(|e| {
        eprintln!("无法打开数据库 {}：{e}", path.display());
        let mut err = AppError::from(&e);
        err.message = format!("无法打开数据库 {}：{}", path.display(), err.message);
        err.code = format!("open_{}", err.code);
        err
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .manage(AppState(state))
        .manage(ImportFile::default())
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
            group_lists_export,
            contacts_export,
            roster_columns,
            roster_export,
            open_export,
            import_load,
            import_preview,
            import_commit,
            import_error_report,
            import_close,
            document_export,
            activities_query,
            activity_get,
            activity_save,
            activity_set_status,
            activity_delete,
            activity_restore,
            activity_notice,
            agenda_month,
            member_history,
            participants_list,
            participants_invite,
            participant_add_person,
            participant_update,
            participant_remove,
            activity_sign_up,
            leave_request,
            leave_decide,
            leave_requests,
            activity_sign_in,
            attendance_set,
            attendance_finalise,
            stops_save,
            reflections_list,
            reflection_save,
            reflection_delete,
            reflection_counts,
            attachment_add,
            attachment_remove,
            visit_rounds,
            visit_round_get,
            visit_round_save,
            visit_round_delete,
            visit_round_restore,
            visit_rounds_deleted,
            visit_outcome_record,
            follow_up_save,
            follow_up_complete,
            follow_ups_overdue,
            sessions_list,
            session_get,
            session_save,
            session_delete,
            session_restore,
            sitting_save,
            sitting_delete,
            session_attendees,
            session_add_members,
            session_add_person,
            session_remove_attendee,
            session_set_rostrum,
            session_check_in,
            session_check_in_items,
            session_undo_check_in,
            session_check_in_counts,
            sitting_sign_in,
            sitting_outcomes_set,
            sitting_finalise,
            sitting_missing,
            sitting_outcomes,
            session_leaves,
            session_leave_request,
            session_leave_decide,
            session_groups,
            session_auto_group,
            session_group_add,
            session_group_save,
            session_move_to_group,
            session_set_convenor,
            hall_layouts,
            hall_layout_save,
            seating_chart,
            seating_auto,
            seat_move,
            seats_swap,
            session_stats,
            session_rooms,
            session_room_add,
            session_room_assign,
            session_meal_tables,
            session_meal_table_add,
            session_table_assign,
            session_vehicles,
            session_vehicle_add,
            session_vehicle_assign,
            session_export,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the application");
}
