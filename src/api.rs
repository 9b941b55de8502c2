//! The operations table: every operation the UI can call, once, with its request type, response
//! type, the permission it needs and the function that does it.
//!
//! `operations!` turns the table into the closed [`Call`] enum (what the webview sends), the
//! exhaustive [`dispatch`] (permission check, then the use-case), and the TypeScript map of
//! operations in `ui/src/api/generated.ts`. There is no other way in.

use crate::audit::{self, Changes};
use crate::clients::{self, Client, ClientInput, ClientSummary, ClientUpdate, SearchClients};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::scheduling::appointments::{
    self, Appointment, BookAppointment, CalendarRange, CalendarView,
};
use crate::scheduling::changes::{
    self, AppointmentChange, CancelAppointment, MoveAppointment, ResizeAppointment, SetStatus,
};
use crate::scheduling::find::{self, FindTimes, FreeTime};
use crate::scheduling::history::{self, ClientHistory};
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
use crate::staff::{Actor, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an operation needs the acting staff member to be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Before sign-in or set-up: reading whether the clinic exists, creating it.
    Anyone,
    ViewSchedule,
    EditSchedule,
    ViewClients,
    EditClients,
    /// Clinic settings, therapists, rooms and services: the owner's set-up.
    ManageClinic,
}

/// Which roles hold which permissions. The permission-matrix test checks every operation
/// against this, role by role.
pub fn role_grants(role: Role, permission: Permission) -> bool {
    use Permission::{Anyone, EditClients, EditSchedule, ViewClients, ViewSchedule};
    match role {
        Role::Owner => true,
        Role::Reception | Role::Therapist => matches!(
            permission,
            Anyone | ViewSchedule | EditSchedule | ViewClients | EditClients
        ),
    }
}

pub fn may(actor: &Actor, permission: Permission) -> bool {
    permission == Permission::Anyone
        || actor
            .roles
            .iter()
            .any(|role| role_grants(*role, permission))
}

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

macro_rules! operations {
    ($( $name:literal => $variant:ident($args:ty) -> $out:ty, $permission:ident, $handler:path; )*) => {
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

        async fn run(clinic: &Clinic, actor: &Actor, call: Call) -> ApiResult<serde_json::Value> {
            match call {
                $( Call::$variant(args) => reply($handler(clinic, actor, args).await?), )*
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
            types.render(&map)
        }
    };
}

operations! {
    "setup.status"         => SetupStatus(NoArgs) -> SetupStatus, Anyone, settings::status;
    "setup.start"          => SetupStart(StartClinic) -> SetupStatus, Anyone, settings::start;
    "settings.get"         => SettingsGet(NoArgs) -> ClinicSettings, ViewSchedule, settings::get;
    "settings.update"      => SettingsUpdate(SettingsInput) -> ClinicSettings, ManageClinic, settings::update;
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
    "appointments.preview_series" => AppointmentsPreviewSeries(SeriesRequest) -> Vec<Occurrence>, ViewSchedule, series::preview;
    "appointments.book_series"    => AppointmentsBookSeries(SeriesRequest) -> SeriesBooked, EditSchedule, series::book;
    "appointments.find_times"     => AppointmentsFindTimes(FindTimes) -> Vec<FreeTime>, ViewSchedule, find::find_times;
    "appointments.ics"            => AppointmentsIcs(IcsRequest) -> IcsFile, ViewSchedule, output::appointment_ics;
    "schedule.day_sheet"          => ScheduleDaySheet(DaySheetRequest) -> DaySheet, ViewSchedule, output::day_sheet;
    "clients.history"      => ClientsHistory(ById) -> ClientHistory, ViewClients, history::client_history;
    "waitlist.add"         => WaitlistAdd(WaitlistInput) -> WaitlistEntry, EditSchedule, waitlist::add;
    "waitlist.list"        => WaitlistList(NoArgs) -> Vec<WaitlistEntry>, ViewSchedule, waitlist::list;
    "waitlist.remove"      => WaitlistRemove(ById) -> NoArgs, EditSchedule, waitlist::remove;
    "waitlist.book"        => WaitlistBook(BookFromWaitlist) -> Appointment, EditSchedule, waitlist::book;
    "waitlist.offers"      => WaitlistOffers(OffersFor) -> Vec<WaitlistOffer>, ViewSchedule, waitlist::offers;
    "journal.changes"      => JournalChanges(ChangesSince) -> Changes, ViewSchedule, changes;
}

/// The single entry point of every shell: checks the permission, then runs the operation.
///
/// The actor comes from the shell's own state (who signed in), never from the request.
/// Arguments are never logged: only the operation's name is.
pub async fn dispatch(clinic: &Clinic, actor: &Actor, call: Call) -> ApiResult<serde_json::Value> {
    let op = call.name();
    if !may(actor, call.permission()) {
        tracing::info!(op, "refused: permission");
        return Err(ApiError::forbidden("Your role does not allow this."));
    }
    let result = run(clinic, actor, call).await;
    if let Err(error) = &result {
        tracing::debug!(op, code = ?error.code, "operation refused");
    }
    result
}

/// Parses a call as the webview sends it: `{ "op": "clients.create", "args": { … } }`.
/// A malformed request is a validation error that says what was wrong without echoing values.
pub fn parse_call(value: serde_json::Value) -> ApiResult<Call> {
    serde_json::from_value(value).map_err(|error| {
        let message = error.to_string();
        // serde's messages name fields and types ("missing field `start`"), not values,
        // except for "invalid value: string \"…\"": keep only the part before any quote.
        let safe = message.split(['"', '`']).next().unwrap_or("").trim();
        ApiError {
            code: crate::error::ErrorCode::Validation,
            message: format!("The request was not understood ({safe})."),
            field: field_in(&message),
        }
    })
}

fn field_in(message: &str) -> Option<String> {
    let (_, rest) = message.split_once('`')?;
    let (field, _) = rest.split_once('`')?;
    Some(field.to_owned())
}

fn reply<T: Serialize>(value: T) -> ApiResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|error| {
        tracing::error!(%error, "could not serialise a reply");
        ApiError::internal()
    })
}

async fn changes(clinic: &Clinic, _actor: &Actor, args: ChangesSince) -> ApiResult<Changes> {
    audit::changes_since(clinic.pool(), args.since).await
}
