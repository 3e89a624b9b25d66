//! Activities: 走访, 视察, 调研, meetings; participants, attendance, visits, notices (core:
//! `liaison_core::activities`).

use super::{with, AppState, R};
use liaison_core::model::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn activities_query(state: State<'_, AppState>, query: ActivityQuery) -> R<Vec<ActivityRow>> {
    with(&state, move |db| db.activities(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_get(state: State<'_, AppState>, id: String) -> R<ActivityDetail> {
    with(&state, move |db| db.activity(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_save(state: State<'_, AppState>, input: ActivityInput) -> R<ActivityDetail> {
    with(&state, move |db| db.save_activity(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_set_status(state: State<'_, AppState>, id: String, status: ActivityStatus) -> R<ActivityRow> {
    with(&state, move |db| db.set_activity_status(&id, status)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_activity(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_activity(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_notice(state: State<'_, AppState>, id: String) -> R<String> {
    with(&state, move |db| db.activity_notice(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_month(state: State<'_, AppState>, year: i32, month: u32) -> R<AgendaMonth> {
    with(&state, move |db| db.agenda_month(year, month)).await
}

#[tauri::command]
#[specta::specta]
pub async fn member_history(state: State<'_, AppState>, member_id: String) -> R<MemberHistory> {
    with(&state, move |db| db.member_history(&member_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn participants_list(state: State<'_, AppState>, activity_id: String, search: String) -> R<Vec<Participant>> {
    with(&state, move |db| db.participants(&activity_id, &search)).await
}

#[tauri::command]
#[specta::specta]
pub async fn participants_invite(state: State<'_, AppState>, input: InviteInput) -> R<InviteOutcome> {
    with(&state, move |db| db.invite_members(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn participant_add_person(state: State<'_, AppState>, input: PersonInput) -> R<Participant> {
    with(&state, move |db| db.add_person(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn participant_update(
    state: State<'_, AppState>,
    participant_id: String,
    role: ParticipantRole,
    team: String,
) -> R<Participant> {
    with(&state, move |db| db.update_participant(&participant_id, role, &team)).await
}

#[tauri::command]
#[specta::specta]
pub async fn participant_remove(state: State<'_, AppState>, participant_id: String) -> R<()> {
    with(&state, move |db| db.remove_participant(&participant_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_sign_up(
    state: State<'_, AppState>,
    activity_id: String,
    member_id: String,
    attending: bool,
) -> R<Participant> {
    with(&state, move |db| db.sign_up(&activity_id, &member_id, attending)).await
}

#[tauri::command]
#[specta::specta]
pub async fn leave_request(state: State<'_, AppState>, input: LeaveInput) -> R<LeaveRequest> {
    with(&state, move |db| db.request_leave(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn leave_decide(state: State<'_, AppState>, decision: LeaveDecision) -> R<LeaveRequest> {
    with(&state, move |db| db.decide_leave(decision)).await
}

#[tauri::command]
#[specta::specta]
pub async fn leave_requests(state: State<'_, AppState>, activity_id: String) -> R<Vec<LeaveRequest>> {
    with(&state, move |db| db.leave_requests(&activity_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_sign_in(state: State<'_, AppState>, input: SignInInput) -> R<SignInOutcome> {
    with(&state, move |db| db.sign_in(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn attendance_set(
    state: State<'_, AppState>,
    activity_id: String,
    outcomes: Vec<OutcomeInput>,
) -> R<AttendanceSummary> {
    with(&state, move |db| db.set_attendance(&activity_id, &outcomes)).await
}

#[tauri::command]
#[specta::specta]
pub async fn attendance_finalise(state: State<'_, AppState>, activity_id: String) -> R<AttendanceSummary> {
    with(&state, move |db| db.finalise_attendance(&activity_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn stops_save(state: State<'_, AppState>, activity_id: String, stops: Vec<StopInput>) -> R<Vec<Stop>> {
    with(&state, move |db| db.save_stops(&activity_id, stops)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reflections_list(
    state: State<'_, AppState>,
    activity_id: Option<String>,
    member_id: Option<String>,
) -> R<Vec<Reflection>> {
    with(&state, move |db| db.reflections(activity_id.as_deref(), member_id.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn reflection_save(state: State<'_, AppState>, input: ReflectionInput) -> R<Reflection> {
    with(&state, move |db| db.save_reflection(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reflection_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_reflection(&id)).await
}

/// Reflections counted per member and per group, for activities in `year` (None: all years).
#[tauri::command]
#[specta::specta]
pub async fn reflection_counts(state: State<'_, AppState>, year: Option<i32>) -> R<ReflectionCounts> {
    with(&state, move |db| db.reflection_counts(year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn attachment_add(state: State<'_, AppState>, input: AttachmentInput) -> R<Attachment> {
    with(&state, move |db| db.add_attachment(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn attachment_remove(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.remove_attachment(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_rounds(state: State<'_, AppState>) -> R<Vec<VisitRoundSummary>> {
    with(&state, move |db| db.visit_rounds()).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_round_get(state: State<'_, AppState>, id: String) -> R<VisitRound> {
    with(&state, move |db| db.visit_round(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_round_save(state: State<'_, AppState>, input: VisitRoundInput) -> R<VisitRound> {
    with(&state, move |db| db.save_visit_round(input)).await
}

/// Visits to the members picked, started from their records (phone, address) for the planning form.
#[tauri::command]
#[specta::specta]
pub async fn visit_drafts(state: State<'_, AppState>, member_ids: Vec<String>) -> R<Vec<VisitDraft>> {
    with(&state, move |db| db.visit_drafts(&member_ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_round_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_visit_round(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_round_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_visit_round(&id)).await
}

/// The deleted rounds (recycle bin).
#[tauri::command]
#[specta::specta]
pub async fn visit_rounds_deleted(state: State<'_, AppState>) -> R<Vec<VisitRoundSummary>> {
    with(&state, move |db| db.deleted_visit_rounds()).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_outcome_record(state: State<'_, AppState>, input: VisitOutcomeInput) -> R<Visit> {
    with(&state, move |db| db.record_visit_outcome(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn follow_up_save(state: State<'_, AppState>, input: FollowUpInput) -> R<FollowUp> {
    with(&state, move |db| db.save_follow_up(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn follow_up_complete(
    state: State<'_, AppState>,
    id: String,
    done_date: String,
    result: String,
) -> R<FollowUp> {
    with(&state, move |db| db.complete_follow_up(&id, &done_date, &result)).await
}

#[tauri::command]
#[specta::specta]
pub async fn follow_ups_overdue(state: State<'_, AppState>, as_of: String) -> R<Vec<FollowUp>> {
    with(&state, move |db| db.overdue_follow_ups(&as_of)).await
}

/// 驻地上级政协委员: the list (the deleted ones for the 回收站), masked unless `reveal`.
#[tauri::command]
#[specta::specta]
pub async fn upper_members_list(state: State<'_, AppState>, deleted: bool, reveal: bool) -> R<Vec<UpperMember>> {
    with(&state, move |db| db.upper_members(deleted, reveal)).await
}

#[tauri::command]
#[specta::specta]
pub async fn upper_member_save(state: State<'_, AppState>, input: UpperMemberInput) -> R<UpperMember> {
    with(&state, move |db| db.save_upper_member(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn upper_member_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_upper_member(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn upper_member_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_upper_member(&id)).await
}
