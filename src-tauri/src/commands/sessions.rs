//! The plenary session (全会): sessions, sittings, attendees, check-in, leave, sign-in, groups, seating,
//! logistics, statistics and exports (core: `liaison_core::sessions`).

use super::{with, AppState, R};
use liaison_core::export::ExportSummary;
use liaison_core::sessions::*;

use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn sessions_list(state: State<'_, AppState>, deleted: bool) -> R<Vec<SessionRow>> {
    with(&state, move |db| db.sessions(deleted)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_get(state: State<'_, AppState>, id: String) -> R<SessionDetail> {
    with(&state, move |db| db.session(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_save(state: State<'_, AppState>, input: SessionInput) -> R<SessionDetail> {
    with(&state, move |db| db.save_session(input)).await
}

/// The default sittings over a session's dates, for the form to show and edit before saving.
#[tauri::command]
#[specta::specta]
pub async fn session_plan_sittings(
    state: State<'_, AppState>,
    kind: SessionKind,
    start_date: String,
    end_date: String,
) -> R<Vec<SittingInput>> {
    with(&state, move |_| plan_sittings(kind, &start_date, &end_date)).await
}

/// Add the default sittings to a session that has none.
#[tauri::command]
#[specta::specta]
pub async fn session_add_planned_sittings(state: State<'_, AppState>, session_id: String) -> R<Vec<Sitting>> {
    with(&state, move |db| db.plan_session_sittings(&session_id)).await
}

/// Fit the session's hall layout to its list.
#[tauri::command]
#[specta::specta]
pub async fn session_fit_layout(state: State<'_, AppState>, session_id: String) -> R<LayoutFit> {
    with(&state, move |db| db.fit_session_layout(&session_id)).await
}

/// The session that gives a 常委会 activity the meeting tools (made on first use).
#[tauri::command]
#[specta::specta]
pub async fn session_for_activity(state: State<'_, AppState>, activity_id: String) -> R<SessionDetail> {
    with(&state, move |db| db.session_for_activity(&activity_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_delete(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.delete_session(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_restore(state: State<'_, AppState>, id: String) -> R<()> {
    with(&state, move |db| db.restore_session(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_save(state: State<'_, AppState>, input: SittingInput) -> R<Sitting> {
    with(&state, move |db| db.save_sitting(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_delete(state: State<'_, AppState>, sitting_id: String) -> R<()> {
    with(&state, move |db| db.delete_sitting(&sitting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_attendees(
    state: State<'_, AppState>,
    session_id: String,
    query: AttendeeQuery,
) -> R<Vec<Attendee>> {
    with(&state, move |db| db.session_attendees(&session_id, &query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_add_members(state: State<'_, AppState>, session_id: String, member_ids: Vec<String>) -> R<u32> {
    with(&state, move |db| db.add_session_members(&session_id, &member_ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_add_person(state: State<'_, AppState>, input: PersonAttendeeInput) -> R<Attendee> {
    with(&state, move |db| db.add_session_person(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_remove_attendee(state: State<'_, AppState>, attendee_id: String) -> R<()> {
    with(&state, move |db| db.remove_session_attendee(&attendee_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_set_rostrum(
    state: State<'_, AppState>,
    attendee_id: String,
    rostrum: bool,
    protocol_rank: Option<u32>,
) -> R<Attendee> {
    with(&state, move |db| db.set_rostrum(&attendee_id, rostrum, protocol_rank)).await
}

/// 报到 at the desk: answers with the attendee as now and the desk's counts (one call per arrival).
#[tauri::command]
#[specta::specta]
pub async fn session_check_in(state: State<'_, AppState>, input: CheckInInput) -> R<CheckInUpdate> {
    with(&state, move |db| db.check_in(input)).await
}

/// A scan at the desk: check in the attendee whose code the scanner typed (or say they already are).
#[tauri::command]
#[specta::specta]
pub async fn session_check_in_by_code(state: State<'_, AppState>, input: ScanCheckInInput) -> R<ScanOutcome> {
    with(&state, move |db| db.check_in_by_code(input)).await
}

/// 补发: the items handed out to someone checked in; answers as `session_check_in`.
#[tauri::command]
#[specta::specta]
pub async fn session_check_in_items(
    state: State<'_, AppState>,
    attendee_id: String,
    items: Vec<String>,
) -> R<CheckInUpdate> {
    with(&state, move |db| db.set_check_in_items(&attendee_id, &items)).await
}

/// Undo a check-in; answers as `session_check_in`.
#[tauri::command]
#[specta::specta]
pub async fn session_undo_check_in(state: State<'_, AppState>, attendee_id: String) -> R<CheckInUpdate> {
    with(&state, move |db| db.undo_check_in(&attendee_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_check_in_counts(state: State<'_, AppState>, session_id: String) -> R<CheckInCounts> {
    with(&state, move |db| db.check_in_counts(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_sign_in(state: State<'_, AppState>, input: SittingSignInInput) -> R<SittingSignInOutcome> {
    with(&state, move |db| db.sign_in_sitting(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_outcomes_set(
    state: State<'_, AppState>,
    sitting_id: String,
    outcomes: Vec<SittingOutcomeInput>,
) -> R<StatLine> {
    with(&state, move |db| db.set_sitting_outcomes(&sitting_id, &outcomes)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_finalise(state: State<'_, AppState>, sitting_id: String) -> R<StatLine> {
    with(&state, move |db| db.finalise_sitting(&sitting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_missing(state: State<'_, AppState>, sitting_id: String) -> R<Vec<Attendee>> {
    with(&state, move |db| db.sitting_missing(&sitting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sitting_outcomes(state: State<'_, AppState>, sitting_id: String) -> R<Vec<SittingOutcome>> {
    with(&state, move |db| db.sitting_outcomes(&sitting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_leaves(
    state: State<'_, AppState>,
    session_id: String,
    sitting_id: Option<String>,
) -> R<Vec<SessionLeave>> {
    with(&state, move |db| db.session_leaves(&session_id, sitting_id.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_leave_request(state: State<'_, AppState>, input: SessionLeaveInput) -> R<SessionLeave> {
    with(&state, move |db| db.request_session_leave(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_leave_decide(state: State<'_, AppState>, decision: SessionLeaveDecision) -> R<SessionLeave> {
    with(&state, move |db| db.decide_session_leave(decision)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_groups(state: State<'_, AppState>, session_id: String) -> R<Vec<DiscussionGroup>> {
    with(&state, move |db| db.discussion_groups(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_auto_group(state: State<'_, AppState>, input: AutoGroupInput) -> R<Vec<DiscussionGroup>> {
    with(&state, move |db| db.auto_group(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_group_add(
    state: State<'_, AppState>,
    session_id: String,
    name: String,
    room: String,
) -> R<DiscussionGroup> {
    with(&state, move |db| db.add_discussion_group(&session_id, &name, &room)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_group_save(state: State<'_, AppState>, input: DiscussionGroupInput) -> R<DiscussionGroup> {
    with(&state, move |db| db.save_discussion_group(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_move_to_group(
    state: State<'_, AppState>,
    attendee_ids: Vec<String>,
    group_id: Option<String>,
) -> R<Vec<DiscussionGroup>> {
    with(&state, move |db| db.move_to_group(&attendee_ids, group_id.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_set_convenor(
    state: State<'_, AppState>,
    attendee_id: String,
    convenor: bool,
) -> R<Vec<DiscussionGroup>> {
    with(&state, move |db| db.set_convenor(&attendee_id, convenor)).await
}

#[tauri::command]
#[specta::specta]
pub async fn hall_layouts(state: State<'_, AppState>) -> R<Vec<HallLayout>> {
    with(&state, move |db| db.hall_layouts()).await
}

#[tauri::command]
#[specta::specta]
pub async fn hall_layout_save(state: State<'_, AppState>, input: HallLayoutInput) -> R<HallLayout> {
    with(&state, move |db| db.save_hall_layout(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn seating_chart(state: State<'_, AppState>, session_id: String) -> R<SeatingChart> {
    with(&state, move |db| db.seating_chart(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn seating_auto(state: State<'_, AppState>, session_id: String) -> R<SeatingOutcome> {
    with(&state, move |db| db.auto_seat(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn seat_move(state: State<'_, AppState>, input: SeatMoveInput) -> R<SeatingChart> {
    with(&state, move |db| db.move_seat(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn seats_swap(state: State<'_, AppState>, a_id: String, b_id: String) -> R<SeatingChart> {
    with(&state, move |db| db.swap_seats(&a_id, &b_id)).await
}

/// 单双号 or 顺序号 for the session's hall layout; answers with the chart.
#[tauri::command]
#[specta::specta]
pub async fn seat_numbering_set(state: State<'_, AppState>, input: SeatNumberingInput) -> R<SeatingChart> {
    with(&state, move |db| db.set_seat_numbering(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_stats(state: State<'_, AppState>, session_id: String) -> R<SessionStats> {
    with(&state, move |db| db.session_stats(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_rooms(state: State<'_, AppState>, session_id: String) -> R<Vec<Room>> {
    with(&state, move |db| db.rooms(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_room_add(state: State<'_, AppState>, input: RoomInput) -> R<Room> {
    with(&state, move |db| db.add_room(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_room_assign(state: State<'_, AppState>, input: AllocationInput) -> R<()> {
    with(&state, move |db| db.assign_room(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_meal_tables(state: State<'_, AppState>, session_id: String) -> R<Vec<MealTable>> {
    with(&state, move |db| db.meal_tables(&session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_meal_table_add(state: State<'_, AppState>, input: MealTableInput) -> R<MealTable> {
    with(&state, move |db| db.add_meal_table(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_table_assign(state: State<'_, AppState>, input: AllocationInput) -> R<()> {
    with(&state, move |db| db.assign_table(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_vehicles(state: State<'_, AppState>, session_id: String, with_phone: bool) -> R<Vec<Vehicle>> {
    with(&state, move |db| db.vehicles(&session_id, with_phone)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_vehicle_add(state: State<'_, AppState>, input: VehicleInput) -> R<Vehicle> {
    with(&state, move |db| db.add_vehicle(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_vehicle_assign(state: State<'_, AppState>, input: AllocationInput) -> R<()> {
    with(&state, move |db| db.assign_vehicle(input)).await
}

/// 打印全套: several of a session's documents at once, each in its print format, in a new folder of the
/// export folder (all or nothing).
#[tauri::command]
#[specta::specta]
pub async fn session_export_pack(state: State<'_, AppState>, request: SessionPackRequest) -> R<SessionPack> {
    with(&state, move |db| db.export_session_pack(&request)).await
}

/// One of a session's documents (报到名册, 签到表, 分组名单, 座次表, 座位票 …) as .xlsx or PDF, written into
/// the export folder.
#[tauri::command]
#[specta::specta]
pub async fn session_export(state: State<'_, AppState>, request: SessionExport) -> R<ExportSummary> {
    with(&state, move |db| db.export_session_to_folder(&request)).await
}
