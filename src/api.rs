//! The operations table: every operation the UI can call, once, with its request type, response
//! type, the permission it needs and the function that does it.
//!
//! `operations!` turns the table into the closed [`Call`] enum (what the webview sends), the
//! exhaustive [`dispatch`] (permission check, then the use-case), and the TypeScript map of
//! operations in `ui/src/api/generated.ts`. There is no other way in.

use crate::audit::{self, Changes};
use crate::care::{self, ByClient};
use crate::clients::{self, Client, ClientInput, ClientSummary, ClientUpdate, SearchClients};
use crate::clinic::Clinic;
use crate::documents::AftercareSheet;
use crate::documents::history::{self, ClientDocuments, IssueAftercare, IssuedDocument, PdfFile};
use crate::error::{ApiError, ApiResult};
use crate::handouts::programme::{
    self, AftercareNotes, AssignHandout, SessionProgramme, UpdateProgrammeItem,
};
use crate::handouts::{self, Handout, HandoutFilter, HandoutSummary, RetireHandout, SaveHandout};
use crate::letterhead;
use crate::scheduling::appointments::{
    self, Appointment, BookAppointment, CalendarRange, CalendarView,
};
use crate::scheduling::changes::{
    self, AppointmentChange, CancelAppointment, MoveAppointment, ResizeAppointment, SetStatus,
};
use crate::scheduling::closeout::{self, CloseOut, Unclosed, UnclosedQuery};
use crate::scheduling::find::{self, FindTimes, FreeTime};
use crate::scheduling::free_rooms::{self, FreeRoomsQuery, RoomChoice};
use crate::scheduling::history::{self as visits, ClientHistory};
use crate::scheduling::hours::{self, ClinicHours, TherapistHours};
use crate::scheduling::output::{self, DaySheet, DaySheetRequest, IcsFile, IcsRequest};
use crate::scheduling::series::{self, Occurrence, SeriesBooked, SeriesRequest};
use crate::scheduling::waitlist::{
    self, BookFromWaitlist, OffersFor, WaitlistEntry, WaitlistInput, WaitlistOffer,
};
use crate::scheduling::{
    self, Practitioner, PractitionerInput, Room, RoomInput, Service, ServiceInput,
};
use crate::settings::{self, ClinicSettings, SettingsInput, SetupStatus, StartClinic};
use crate::staff::accounts;
use crate::staff::secrets::{self, SetPassword, SetPin};
use crate::staff::session::{self, DeskPolicy, SignIn, Switch, SwitchCandidate, Unlock};
use crate::staff::{Actor, Desk, DeskStatus, NewStaff, Role, StaffInput, StaffMember};
use crate::{backup, demo};
use permissions::permissions_typescript;
pub use permissions::{Permission, may, role_grants};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod permissions;
pub mod watch;

/// An empty request.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct NoArgs {}

/// A request naming one record.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ById {
    pub id: String,
}

/// A request for the journal's changes after a sequence number.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangesSince {
    pub since: i64,
}

/// Calls a handler: `@desk` handlers (signing in, locking) receive the window's [`Desk`], all
/// others the signed-in [`Actor`].
macro_rules! invoke {
    (desk; $handler:path, $clinic:ident, $desk:ident, $actor:ident, $args:ident) => {
        $handler($clinic, $desk, $args).await?
    };
    (; $handler:path, $clinic:ident, $desk:ident, $actor:ident, $args:ident) => {
        $handler($clinic, $actor, $args).await?
    };
}

macro_rules! operations {
    ($( $name:literal => $variant:ident($args:ty) -> $out:ty, $permission:ident, $(@$desk:ident)? $handler:path; )*) => {
        /// One call from a shell: the operation's name and its arguments.
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(tag = "op", content = "args")]
        pub enum Call {
            $( #[serde(rename = $name)] $variant($args), )*
        }

        impl Call {
            pub fn name(&self) -> &'static str {
                match self { $( Call::$variant(_) => $name, )* }
            }

            pub fn permission(&self) -> Permission {
                match self { $( Call::$variant(_) => Permission::$permission, )* }
            }
        }

        /// Every operation's wire name and permission, in table order.
        pub const OPERATIONS: &[(&str, Permission)] = &[ $( ($name, Permission::$permission), )* ];

        async fn run(
            clinic: &Clinic,
            desk: &Desk,
            actor: &Actor,
            call: Call,
        ) -> ApiResult<Reply> {
            match call {
                $( Call::$variant(args) => reply(invoke!($($desk)?; $handler, clinic, desk, actor, args)), )*
            }
        }

        /// The TypeScript declarations of every request and response type, and the map of
        /// operations that the UI's typed client is built on.
        pub fn typescript() -> String {
            let mut types = crate::typescript::Declarations::default();
            let mut map = String::from("export interface Operations {\n");
            $(
                types.visit::<$args>();
                types.visit::<$out>();
                map.push_str(&format!(
                    "  \"{}\": {{ args: {}; result: {} }};\n",
                    $name,
                    types.name::<$args>(),
                    types.name::<$out>()
                ));
            )*
            map.push_str("}\n");
            types.visit::<ApiError>();
            types.visit::<Permission>();
            types.visit::<Role>();
            map.push_str(&permissions_typescript());
            types.render(&map)
        }
    };
}

operations! {
    "setup.status"         => SetupStatus(NoArgs) -> SetupStatus, Anyone, settings::status;
    "setup.start"          => SetupStart(StartClinic) -> SetupStatus, Anyone, @desk settings::start;
    "setup.create_owner"   => SetupCreateOwner(NewStaff) -> SetupStatus, Anyone, @desk settings::create_owner;
    "setup.demo_accounts"  => SetupDemoAccounts(NoArgs) -> Vec<demo::DemoAccount>, Anyone, demo::accounts;
    "setup.checklist"      => SetupChecklist(NoArgs) -> settings::checklist::SetupChecklist, ManageClinic, settings::checklist::checklist;
    "settings.choices"     => SettingsChoices(NoArgs) -> settings::choices::SettingsChoices, Anyone, settings::choices::choices;
    "staff.sign_in"        => StaffSignIn(SignIn) -> DeskStatus, Anyone, @desk session::sign_in;
    "staff.sign_out"       => StaffSignOut(NoArgs) -> DeskStatus, Anyone, @desk session::sign_out;
    "staff.switch"         => StaffSwitch(Switch) -> DeskStatus, Anyone, @desk session::switch;
    "staff.switch_list"    => StaffSwitchList(NoArgs) -> Vec<SwitchCandidate>, Anyone, @desk session::switch_list;
    "staff.lock"           => StaffLock(NoArgs) -> DeskStatus, Anyone, @desk session::lock;
    "staff.unlock"         => StaffUnlock(Unlock) -> DeskStatus, Anyone, @desk session::unlock;
    "staff.me"             => StaffMe(NoArgs) -> DeskStatus, Anyone, @desk session::me;
    "staff.list"           => StaffList(NoArgs) -> Vec<StaffMember>, ManageStaff, accounts::list;
    "staff.save"           => StaffSave(StaffInput) -> StaffMember, ManageStaff, accounts::save;
    "staff.set_password"   => StaffSetPassword(SetPassword) -> StaffMember, SignedIn, secrets::set_password;
    "staff.set_pin"        => StaffSetPin(SetPin) -> StaffMember, SignedIn, secrets::set_pin;
    "staff.policy_save"    => StaffPolicySave(DeskPolicy) -> DeskPolicy, ManageStaff, session::save_policy;
    "settings.get"         => SettingsGet(NoArgs) -> ClinicSettings, ViewSchedule, settings::get;
    "settings.update"      => SettingsUpdate(SettingsInput) -> ClinicSettings, ManageClinic, settings::update;
    "settings.logo"        => SettingsLogo(NoArgs) -> letterhead::Logo, ViewSchedule, letterhead::get;
    "settings.logo_set"    => SettingsLogoSet(letterhead::SetLogo) -> ClinicSettings, ManageClinic, letterhead::set;
    "settings.logo_clear"  => SettingsLogoClear(NoArgs) -> ClinicSettings, ManageClinic, letterhead::clear;
    "practitioners.list"   => PractitionersList(NoArgs) -> Vec<Practitioner>, ViewSchedule, scheduling::list_practitioners;
    "practitioners.save"   => PractitionersSave(PractitionerInput) -> Practitioner, ManageClinic, scheduling::save_practitioner;
    "rooms.list"           => RoomsList(NoArgs) -> Vec<Room>, ViewSchedule, scheduling::list_rooms;
    "rooms.save"           => RoomsSave(RoomInput) -> Room, ManageClinic, scheduling::save_room;
    "services.list"        => ServicesList(NoArgs) -> Vec<Service>, ViewSchedule, scheduling::list_services;
    "services.save"        => ServicesSave(ServiceInput) -> Service, ManageClinic, scheduling::save_service;
    "clients.search"       => ClientsSearch(SearchClients) -> Vec<ClientSummary>, ViewClients, clients::search;
    "clients.get"          => ClientsGet(ById) -> Client, ViewClients, clients::get;
    "clients.create"       => ClientsCreate(ClientInput) -> Client, EditClients, clients::create;
    "clients.update"       => ClientsUpdate(ClientUpdate) -> Client, EditClients, clients::update;
    "clients.export"       => ClientsExport(ById) -> clients::requests::ClientExport, ExportData, clients::requests::export;
    "clients.export_to"    => ClientsExportTo(clients::export_folder::ExportToFolder) -> clients::export_folder::ExportedFolder, ExportData, clients::export_folder::export_to;
    "clients.export_csv_to" => ClientsExportCsvTo(clients::export_folder::ToFolder) -> clients::export_folder::SavedFile, ExportData, clients::export_folder::export_list_to;
    "clients.csv_columns"  => ClientsCsvColumns(clients::csv::CsvFile) -> clients::csv::CsvColumns, ImportData, clients::csv::columns_of;
    "clients.import_csv"   => ClientsImportCsv(clients::csv::ImportClients) -> clients::csv::ImportReport, ImportData, clients::csv::import;
    "clients.export_csv"   => ClientsExportCsv(NoArgs) -> String, ExportData, clients::csv::export;
    "clients.erase"        => ClientsErase(ById) -> clients::requests::Erasure, ManageRetention, clients::requests::erase;
    "retention.purge_due"  => RetentionPurgeDue(NoArgs) -> clients::requests::PurgeReport, ManageRetention, clients::requests::purge_due;
    "retention.restricted" => RetentionRestricted(NoArgs) -> Vec<clients::requests::RestrictedClient>, ManageRetention, clients::requests::restricted;
    "retention.settings"   => RetentionSettings(NoArgs) -> clients::requests::RetentionSettings, ManageRetention, clients::requests::retention;
    "retention.configure"  => RetentionConfigure(clients::requests::RetentionSettings) -> clients::requests::RetentionSettings, ManageRetention, clients::requests::configure_retention;
    "schedule.therapist_hours.get"  => TherapistHoursGet(ById) -> TherapistHours, ViewSchedule, hours::therapist_hours;
    "schedule.therapist_hours.save" => TherapistHoursSave(TherapistHours) -> TherapistHours, ManageClinic, hours::save_therapist_hours;
    "schedule.clinic_hours.get"     => ClinicHoursGet(NoArgs) -> ClinicHours, ViewSchedule, hours::clinic_hours;
    "schedule.clinic_hours.save"    => ClinicHoursSave(ClinicHours) -> ClinicHours, ManageClinic, hours::save_clinic_hours;
    "calendar.range"       => CalendarRange(CalendarRange) -> CalendarView, ViewSchedule, appointments::calendar;
    "appointments.book"    => AppointmentsBook(BookAppointment) -> Appointment, EditSchedule, appointments::book;
    "appointments.cancel"  => AppointmentsCancel(CancelAppointment) -> AppointmentChange, EditSchedule, changes::cancel;
    "appointments.move"    => AppointmentsMove(MoveAppointment) -> AppointmentChange, EditSchedule, changes::move_appointment;
    "appointments.resize"  => AppointmentsResize(ResizeAppointment) -> AppointmentChange, EditSchedule, changes::resize;
    "appointments.set_status" => AppointmentsSetStatus(SetStatus) -> Appointment, EditSchedule, changes::set_status;
    "appointments.unclosed" => AppointmentsUnclosed(UnclosedQuery) -> Unclosed, ViewSchedule, closeout::unclosed;
    "appointments.close_out" => AppointmentsCloseOut(CloseOut) -> Vec<Appointment>, EditSchedule, closeout::close_out;
    "appointments.preview_series" => AppointmentsPreviewSeries(SeriesRequest) -> Vec<Occurrence>, ViewSchedule, series::preview;
    "appointments.book_series"    => AppointmentsBookSeries(SeriesRequest) -> SeriesBooked, EditSchedule, series::book;
    "appointments.find_times"     => AppointmentsFindTimes(FindTimes) -> Vec<FreeTime>, ViewSchedule, find::find_times;
    "rooms.free"                  => RoomsFree(FreeRoomsQuery) -> Vec<RoomChoice>, ViewSchedule, free_rooms::free_rooms;
    "appointments.ics"            => AppointmentsIcs(IcsRequest) -> IcsFile, ViewSchedule, output::appointment_ics;
    "schedule.day_sheet_pdf"      => ScheduleDaySheetPdf(crate::documents::day_sheet::PrintDaySheet) -> crate::documents::day_sheet::RenderedPdf, ViewSchedule, crate::documents::day_sheet::print;
    "schedule.day_sheet"          => ScheduleDaySheet(DaySheetRequest) -> DaySheet, ViewSchedule, output::day_sheet;
    "clients.history"      => ClientsHistory(ById) -> ClientHistory, ViewClients, visits::client_history;
    "waitlist.add"         => WaitlistAdd(WaitlistInput) -> WaitlistEntry, EditSchedule, waitlist::add;
    "waitlist.list"        => WaitlistList(NoArgs) -> Vec<WaitlistEntry>, ViewSchedule, waitlist::list;
    "waitlist.remove"      => WaitlistRemove(ById) -> NoArgs, EditSchedule, waitlist::remove;
    "waitlist.book"        => WaitlistBook(BookFromWaitlist) -> Appointment, EditSchedule, waitlist::book;
    "waitlist.offers"      => WaitlistOffers(OffersFor) -> Vec<WaitlistOffer>, ViewSchedule, waitlist::offers;
    "journal.changes"      => JournalChanges(ChangesSince) -> Changes, ViewSchedule, changes;
    "clients.alert_flags"  => ClientsAlertFlags(ById) -> care::AlertFlags, ViewClients, care::alert_flags;
    "clients.service_caution" => ClientsServiceCaution(care::ServiceCautionRequest) -> care::ServiceCaution, ViewClients, care::service_caution;
    "care.record"          => CareRecord(ByClient) -> care::ClinicalRecord, ViewClinical, care::record;
    "care.may_open"        => CareMayOpen(ByClient) -> bool, ViewClinical, care::may_open_record;
    "care.break_glass"     => CareBreakGlass(care::BreakGlass) -> care::GlassBroken, ViewClinical, care::break_glass;
    "care.access_grants"   => CareAccessGrants(NoArgs) -> Vec<care::AccessGrant>, ViewJournal, care::access_grants;
    "care.questionnaire"   => CareQuestionnaire(NoArgs) -> care::Questionnaire, ViewClinical, care::questionnaire;
    "care.body_regions"    => CareBodyRegions(NoArgs) -> Vec<care::BodyRegion>, ViewClinical, care::body_regions;
    "care.note_templates"  => CareNoteTemplates(NoArgs) -> Vec<care::NoteTemplate>, ViewClinical, care::note_templates;
    "care.precaution_rules" => CarePrecautionRules(NoArgs) -> Vec<care::PrecautionRule>, ViewClinical, care::precaution_rules;
    "care.precaution_rules.save" => CarePrecautionRulesSave(care::PrecautionRuleInput) -> care::PrecautionRule, ManageClinic, care::save_precaution_rule;
    "care.intake"          => CareIntake(ByClient) -> Option<care::Intake>, ViewClinical, care::intake;
    "care.save_intake"     => CareSaveIntake(care::IntakeInput) -> care::IntakeSaved, EditClinical, care::save_intake;
    "care.form_draft"      => CareFormDraft(care::FormDraftKey) -> Option<care::FormDraft>, EditClinical, care::form_draft;
    "care.save_form_draft" => CareSaveFormDraft(care::FormDraftInput) -> care::FormDraft, EditClinical, care::save_form_draft;
    "care.discard_form_draft" => CareDiscardFormDraft(care::FormDraftKey) -> care::ByClient, EditClinical, care::discard_form_draft;
    "care.precautions"     => CarePrecautions(ByClient) -> Vec<care::Precaution>, ViewClinical, care::precautions;
    "care.consents"        => CareConsents(ByClient) -> Vec<care::Consent>, ViewClinical, care::consents;
    "care.give_consent"    => CareGiveConsent(care::ConsentInput) -> care::Consent, EditClinical, care::give_consent;
    "care.withdraw_consent" => CareWithdrawConsent(care::WithdrawConsent) -> care::Consent, EditClinical, care::withdraw_consent;
    "care.preferences"     => CarePreferences(ByClient) -> care::Preferences, ViewClinical, care::preferences;
    "care.set_preferences" => CareSetPreferences(care::PreferencesInput) -> care::Preferences, EditClinical, care::set_preferences;
    "care.assessments"     => CareAssessments(ByClient) -> Vec<care::Assessment>, ViewClinical, care::assessments;
    "care.save_assessment" => CareSaveAssessment(care::AssessmentInput) -> care::Assessment, EditClinical, care::save_assessment;
    "care.record_measures" => CareRecordMeasures(care::MeasuresInput) -> care::Measurement, EditClinical, care::record_measures;
    "care.progress"        => CareProgress(ByClient) -> care::Progress, ViewClinical, care::progress;
    "care.goals"           => CareGoals(ByClient) -> Vec<care::Goal>, ViewClinical, care::goals;
    "care.save_goal"       => CareSaveGoal(care::GoalInput) -> care::Goal, EditClinical, care::save_goal;
    "care.review_goal"     => CareReviewGoal(care::GoalReview) -> care::Goal, EditClinical, care::review_goal;
    "care.plan"            => CarePlan(ByClient) -> Option<care::PlanSaved>, ViewClinical, care::plan;
    "care.save_plan"       => CareSavePlan(care::PlanInput) -> care::PlanSaved, EditClinical, care::save_plan;
    "care.notes"           => CareNotes(ByClient) -> Vec<care::NoteSummary>, ViewClinical, care::notes;
    "care.note"            => CareNote(ById) -> care::Note, ViewClinical, care::note;
    "care.start_note"      => CareStartNote(care::StartNote) -> care::Note, EditClinical, care::start_note;
    "care.start_from_last_note" => CareStartFromLastNote(care::StartNote) -> care::Note, EditClinical, care::start_from_last_note;
    "care.save_note"       => CareSaveNote(care::NoteInput) -> care::Note, EditClinical, care::save_note;
    "care.sign_note"       => CareSignNote(ById) -> care::Note, EditClinical, care::sign_note;
    "care.discard_draft"   => CareDiscardDraft(ById) -> ById, EditClinical, care::discard_draft;
    "care.amend_note"      => CareAmendNote(care::AmendNote) -> care::Note, EditClinical, care::amend_note;
    "care.review_summary"  => CareReviewSummary(ByClient) -> care::ReviewSummary, ViewClinical, care::review_summary;
    "care.record_review"   => CareRecordReview(care::ReviewInput) -> care::ReviewSummary, EditClinical, care::record_review;
    "care.referral_letter" => CareReferralLetter(care::ReferralRequest) -> care::ReferralLetter, ViewClinical, care::referral_letter;
    "care.referral_letter_pdf" => CareReferralLetterPdf(care::ReferralRequest) -> PdfFile, ViewClinical, history::issue_referral;
    "handouts.list"        => HandoutsList(HandoutFilter) -> Vec<HandoutSummary>, ViewSchedule, handouts::list;
    "handouts.get"         => HandoutsGet(ById) -> Handout, ViewSchedule, handouts::get;
    "handouts.save"        => HandoutsSave(SaveHandout) -> Handout, ManageHandouts, handouts::save;
    "handouts.duplicate"   => HandoutsDuplicate(ById) -> Handout, ManageHandouts, handouts::duplicate;
    "handouts.retire"      => HandoutsRetire(RetireHandout) -> Handout, ManageHandouts, handouts::retire;
    "programme.get"        => ProgrammeGet(ById) -> SessionProgramme, PlanSelfCare, programme::get;
    "programme.assign"     => ProgrammeAssign(AssignHandout) -> SessionProgramme, PlanSelfCare, programme::assign;
    "programme.update"     => ProgrammeUpdate(UpdateProgrammeItem) -> SessionProgramme, PlanSelfCare, programme::update_item;
    "programme.remove"     => ProgrammeRemove(ById) -> SessionProgramme, PlanSelfCare, programme::remove_item;
    "programme.notes"      => ProgrammeNotes(AftercareNotes) -> SessionProgramme, PlanSelfCare, programme::set_notes;
    "aftercare.preview"    => AftercarePreview(ById) -> AftercareSheet, PlanSelfCare, history::preview_aftercare;
    "aftercare.issue"      => AftercareIssue(IssueAftercare) -> PdfFile, PlanSelfCare, history::issue_aftercare;
    "documents.list"       => DocumentsList(ClientDocuments) -> Vec<IssuedDocument>, ViewDocuments, history::list;
    "documents.reprint"    => DocumentsReprint(ById) -> PdfFile, ViewDocuments, history::reprint;
    "journal.search"       => JournalSearch(audit::JournalQuery) -> Vec<audit::JournalLine>, ViewJournal, audit::search;
    "backup.now"           => BackupNow(backup::BackupNow) -> backup::BackupReport, ExportData, backup::now;
    "backup.settings"      => BackupSettings(NoArgs) -> backup::BackupSettings, ExportData, backup::settings;
    "backup.configure"     => BackupConfigure(backup::BackupSettings) -> backup::BackupSettings, ExportData, backup::configure;
}

/// Calls that do not count as someone using the desk: the UI's background polling. Every other
/// call resets the idle timer.
fn is_passive(call: &Call) -> bool {
    matches!(
        call,
        Call::JournalChanges(_) | Call::StaffMe(_) | Call::SetupStatus(_)
    )
}

/// Where a call comes from, for the idle lock. Only a person's input keeps a desk awake: a window
/// that reloads by itself (its change-feed poll, or refreshing what another seat changed) marks
/// those calls [`Origin::Refresh`], and they leave the idle timer alone — otherwise, on a shared
/// database, another seat's writes would keep an unattended desk open for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Someone at the desk asked for it (clicked, typed, chose).
    Person,
    /// The window asked by itself.
    Refresh,
}

/// The single entry point of every shell: checks who is at the desk and what they may do, then
/// runs the operation, as asked by the person at the desk ([`dispatch_from`] says otherwise).
///
/// Order: `Anyone` operations (set-up, sign-in, unlock, status) always run. Otherwise nobody
/// signed in → `unauthenticated`; the role lacks the permission → `forbidden`; the desk is
/// locked (by `staff.lock` or idleness) → `locked`, except `calendar.range` when the clinic
/// lets a locked desk show the calendar, which then runs with client details removed.
/// Then, while an owner's password reset stands (`must_change_password`), everything but
/// `staff.set_password` on one's own account is refused with that code.
/// All of that happens before any work. The actor comes from the desk (Rust state), never from
/// the request. Arguments are never logged: only the operation's name is.
pub async fn dispatch(clinic: &Clinic, desk: &Desk, call: Call) -> ApiResult<Reply> {
    dispatch_from(clinic, desk, call, Origin::Person).await
}

/// [`dispatch`], saying where the call comes from: a [`Origin::Refresh`] call is checked and run
/// exactly the same, but does not count as someone using the desk.
pub async fn dispatch_from(
    clinic: &Clinic,
    desk: &Desk,
    call: Call,
    origin: Origin,
) -> ApiResult<Reply> {
    let op = call.name();
    let result = admit_and_run(clinic, desk, call, origin).await;
    if let Err(error) = &result {
        tracing::debug!(op, code = ?error.code, "operation refused");
    }
    result
}

async fn admit_and_run(
    clinic: &Clinic,
    desk: &Desk,
    call: Call,
    origin: Origin,
) -> ApiResult<Reply> {
    let permission = call.permission();
    if permission == Permission::Anyone {
        let actor = desk.actor().unwrap_or_else(Actor::nobody);
        return run(clinic, desk, &actor, call).await;
    }
    let Some(signed_in) = desk.actor() else {
        return Err(ApiError::unauthenticated());
    };
    let now_ms = clinic.now().timestamp_millis();
    let (actor, locked, calendar_when_locked, must_change_password) = if desk.is_system() {
        (signed_in, false, false, false)
    } else {
        let (policy, stored) = session::desk_check(clinic, &signed_in.staff_id).await?;
        // Deactivated, or its row gone from the database: the desk is signed out.
        let Some(stored) = stored else {
            desk.sign_out();
            return Err(ApiError::unauthenticated());
        };
        let actor = stored.actor;
        desk.refresh(actor.clone());
        let state = desk.check_idle(now_ms, policy.idle_lock_minutes);
        let must_change = stored.must_change_password;
        (
            actor,
            state.locked,
            policy.calendar_visible_when_locked,
            must_change,
        )
    };
    if !may(&actor, permission) {
        tracing::info!(op = call.name(), "refused: permission");
        return Err(ApiError::forbidden("Your role does not allow this."));
    }
    if locked {
        return match call {
            Call::CalendarRange(args) if calendar_when_locked => reply(
                appointments::calendar(clinic, &actor, args)
                    .await?
                    .without_client_details(),
            ),
            _ => Err(ApiError::locked()),
        };
    }
    // A reset password is temporary: until its holder chooses their own, nothing else runs.
    let own_password =
        matches!(&call, Call::StaffSetPassword(args) if args.staff_id == actor.staff_id);
    if must_change_password && !own_password {
        return Err(session::must_change_password());
    }
    if origin == Origin::Person && !is_passive(&call) {
        desk.touch(now_ms);
    }
    run(clinic, desk, &actor, call).await
}

/// Parses a call as the webview sends it: `{ "op": "clients.create", "args": { … } }`.
/// A malformed request is a validation error that says what was wrong without echoing values.
pub fn parse_call(value: serde_json::Value) -> ApiResult<Call> {
    serde_json::from_value(value).map_err(|error| {
        let message = error.to_string();
        // serde's messages quote what they could not read — `invalid type: string "…"`,
        // ``unknown variant `…` `` (a value), ``unknown field `…` `` (a key) — after a fixed
        // description: keep only the description, before the first quote.
        let safe = message.split(['"', '`']).next().unwrap_or("").trim();
        ApiError {
            code: crate::error::ErrorCode::Validation,
            message: format!("The request was not understood ({safe})."),
            field: missing_field(&message),
            problems: Vec::new(),
        }
    })
}

/// The request field a "missing field `x`" message names: one of the request type's own
/// fields, never text from the request (unlike the quote in any other message).
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    let (field, _) = rest.split_once('`')?;
    Some(field.to_owned())
}

/// An operation's result as the JSON text the window receives, written once straight from the
/// result's type. (A `serde_json::Value` in between cost an allocation per key and value and a
/// second pass over the whole reply.)
pub type Reply = Box<serde_json::value::RawValue>;

fn reply<T: Serialize>(value: T) -> ApiResult<Reply> {
    serde_json::value::to_raw_value(&value).map_err(|error| {
        let kind = crate::error::json_error_kind(&error);
        tracing::error!(kind, "could not serialise a reply");
        ApiError::internal()
    })
}

async fn changes(clinic: &Clinic, _actor: &Actor, args: ChangesSince) -> ApiResult<Changes> {
    audit::changes_since(clinic.pool(), args.since).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::captured_log;
    use serde_json::json;

    /// A request that does not parse comes back as a validation error that quotes nothing of
    /// it: a value a client typed (a name, a phone number) must not reach the window's error
    /// text, its field, or the log.
    #[test]
    fn a_request_that_does_not_parse_is_refused_without_its_text() {
        let typed = "Jane Fictional-Hughes 07700 900123";
        let id = "0190f0a0-0000-7000-8000-000000000001";
        for request in [
            json!({ "op": "appointments.set_status", "args": { "id": id, "status": typed } }),
            json!({ "op": "calendar.range", "args": { "from": "2026-11-18", "days": typed } }),
            json!({ "op": typed, "args": {} }),
            json!({ "op": "clients.get", "args": { "id": [typed] } }),
        ] {
            let (result, log) = captured_log::capture(|| parse_call(request.clone()));
            let error = result.expect_err("does not parse");
            assert_eq!(error.code, crate::error::ErrorCode::Validation);
            let shown = format!("{} {:?} {log}", error.message, error.field);
            assert!(!shown.contains("Jane"), "{request}: {shown}");
            assert!(!shown.contains("900123"), "{request}: {shown}");
        }
        let missing = parse_call(json!({ "op": "clients.get", "args": {} })).unwrap_err();
        assert_eq!(missing.field.as_deref(), Some("id"));
    }
}
