// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.

export type ApiError = { code: ErrorCode, message: string, 
/**
 * The request field the error is about, in the request's own (camelCase) spelling.
 */
field?: string, };

export type Appointment = { id: string, clientId: string, clientName: string, serviceId: string, serviceName: string, practitionerId: string, practitionerName: string, roomId: string, roomName: string, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, startMs: number, endMs: number, status: AppointmentStatus, colour: string, cancelReason: string | null, lateCancellation: boolean, 
/**
 * The course this appointment belongs to, if any.
 */
seriesId: string | null, 
/**
 * Why the owner booked it outside hours, if they did.
 */
overrideReason: string | null, };

export type AppointmentChange = { following: Array<Appointment>, offers: Array<WaitlistOffer>, id: string, clientId: string, clientName: string, serviceId: string, serviceName: string, practitionerId: string, practitionerName: string, roomId: string, roomName: string, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, startMs: number, endMs: number, status: AppointmentStatus, colour: string, cancelReason: string | null, lateCancellation: boolean, 
/**
 * The course this appointment belongs to, if any.
 */
seriesId: string | null, 
/**
 * Why the owner booked it outside hours, if they did.
 */
overrideReason: string | null, };

export type AppointmentStatus = "booked" | "confirmed" | "arrived" | "in_treatment" | "completed" | "cancelled" | "no_show";

export type BookAppointment = { clientId: string, serviceId: string, practitionerId: string, roomId: string, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
start: string, 
/**
 * Owner only: why this booking is outside working or opening hours (recorded).
 */
overrideReason?: string, };

export type BookFromWaitlist = { entryId: string, practitionerId: string, roomId: string, start: string, overrideReason?: string, };

export type ById = { id: string, };

export type CalendarRange = { 
/**
 * First day, `YYYY-MM-DD`, in the clinic's time zone.
 */
from: string, 
/**
 * Number of days (1–14).
 */
days: number, includeCancelled: boolean, };

export type CalendarView = { from: string, days: number, timeZone: string, 
/**
 * The clinic's today, `YYYY-MM-DD`.
 */
today: string, practitioners: Array<Practitioner>, rooms: Array<Room>, appointments: Array<Appointment>, };

export type CancelAppointment = { id: string, reason: string, scope?: Scope, };

export type Change = { seq: number, entity: string, entityId: string, action: string, };

export type Changes = { 
/**
 * Pass this back as `since` next time.
 */
latest: number, changes: Array<Change>, };

export type ChangesSince = { since: number, };

export type Client = { id: string, givenName: string, familyName: string, preferredName: string, 
/**
 * `YYYY-MM-DD`, or null when not recorded.
 */
dateOfBirth: string | null, phone: string, email: string, notesForReception: string, address: string, emergencyContactName: string, emergencyContactPhone: string, preferredContact: ContactMethod, 
/**
 * Short warnings reception must see when booking (e.g. "wheelchair user", "call, don't text").
 */
alerts: string, };

export type ClientHistory = { clientId: string, 
/**
 * Newest first.
 */
appointments: Array<Appointment>, counts: StatusCounts, };

export type ClientInput = { givenName: string, familyName: string, preferredName: string, 
/**
 * `YYYY-MM-DD` or empty.
 */
dateOfBirth: string, phone: string, email: string, notesForReception: string, address: string, emergencyContactName: string, emergencyContactPhone: string, preferredContact: ContactMethod, alerts: string, 
/**
 * Reception has checked a possible duplicate and it is a different person.
 */
confirmedNotDuplicate: boolean, };

export type ClientSummary = { id: string, givenName: string, familyName: string, preferredName: string, dateOfBirth: string | null, phone: string, email: string, };

export type ClientUpdate = { id: string, client: ClientInput, };

export type ClinicHours = { weekly: Array<WeeklyBlock>, closures: Array<Closure>, };

export type ClinicSettings = { name: string, address: string, phone: string, email: string, website: string, 
/**
 * IANA time zone, e.g. `Europe/London`: day boundaries and recurrences are computed in it.
 */
timeZone: string, 
/**
 * ISO 4217 code; prices are integer minor units of it.
 */
currency: string, 
/**
 * A cancellation closer than this to the start is flagged as late.
 */
lateCancelHours: number, };

export type Closure = { day: string, reason: string, };

export type ContactMethod = "unspecified" | "phone" | "sms" | "email" | "post";

export type DayBlock = { day: string, start: string, end: string, };

export type DaySheet = { date: string, clinicName: string, 
/**
 * By therapist, then time; cancelled appointments left out.
 */
rows: Array<DaySheetRow>, };

export type DaySheetRequest = { 
/**
 * `YYYY-MM-DD`, clinic time zone.
 */
date: string, 
/**
 * One therapist's sheet; absent for everyone's.
 */
practitionerId?: string, };

export type DaySheetRow = { start: string, end: string, practitionerName: string, clientName: string, serviceName: string, roomName: string, status: AppointmentStatus, 
/**
 * The client has a precaution on file (set by the clinical record when it exists).
 */
precaution: boolean, };

export type ErrorCode = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "internal";

export type FindTimes = { serviceId: string, 
/**
 * Empty: every therapist who offers the service.
 */
practitionerIds: Array<string>, 
/**
 * The client to book, so their own appointments are avoided.
 */
clientId?: string, 
/**
 * 1 = Monday … 7 = Sunday; empty: any day.
 */
weekdays: Array<number>, 
/**
 * "morning", "afternoon", "evening" or `HH:MM-HH:MM`; empty: any time.
 */
timesOfDay: Array<string>, 
/**
 * Search from this clinic wall-clock time (default: now).
 */
from?: string, 
/**
 * At most this many slots (1–50, default 10).
 */
limit?: number, };

export type FreeSlotRef = { practitionerId: string, roomId: string, start: string, end: string, };

export type FreeTime = { practitionerId: string, practitionerName: string, roomId: string, roomName: string, 
/**
 * Clinic wall clock, `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, startMs: number, };

export type IcsFile = { fileName: string, 
/**
 * `text/calendar` content with CRLF line endings.
 */
content: string, };

export type IcsRequest = { 
/**
 * One appointment …
 */
id?: string, 
/**
 * … or every active occurrence of a course.
 */
seriesId?: string, };

export type MoveAppointment = { id: string, practitionerId: string, roomId: string, 
/**
 * New clinic wall-clock start, `YYYY-MM-DDTHH:MM`. With scope "following", later
 * occurrences move by the same number of days to the same time of day.
 */
start: string, overrideReason?: string, scope?: Scope, };

export type NoArgs = Record<symbol, never>;

export type Occurrence = { date: string, 
/**
 * Clinic wall clock; empty when the time does not exist that day.
 */
start: string, end: string, startMs: number, skipped: boolean, refusal: Refusal | null, };

export type OffersFor = { appointmentId?: string, slot?: FreeSlotRef, };

export type Permission = "anyone" | "view_schedule" | "edit_schedule" | "view_clients" | "edit_clients" | "manage_clinic";

export type Practitioner = { id: string, displayName: string, colour: string, active: boolean, };

export type PractitionerInput = { 
/**
 * Absent to create, present to change.
 */
id?: string, displayName: string, colour: string, active: boolean, };

export type Refusal = { field: string | null, message: string, };

export type ResizeAppointment = { id: string, 
/**
 * New clinic wall-clock end, `YYYY-MM-DDTHH:MM`.
 */
end: string, overrideReason?: string, };

export type Room = { id: string, name: string, 
/**
 * What kind of room it is (e.g. "treatment", "hydro"); empty when it has no particular type.
 */
roomType: string, active: boolean, };

export type RoomInput = { id?: string, name: string, roomType: string, active: boolean, };

export type Scope = "one" | "following";

export type SearchClients = { text: string, 
/**
 * At most this many results (1–50, default 20).
 */
limit?: number, };

export type SeriesBooked = { seriesId: string, appointments: Array<Appointment>, };

export type SeriesRequest = { clientId: string, serviceId: string, practitionerId: string, roomId: string, 
/**
 * The first occurrence, clinic wall clock `YYYY-MM-DDTHH:MM`.
 */
start: string, 
/**
 * 1 = weekly, 2 = every two weeks, … (1–12).
 */
everyWeeks: number, 
/**
 * How many occurrences (1–104); or give `until`.
 */
count?: number, 
/**
 * Last possible date, `YYYY-MM-DD`, included.
 */
until?: string, 
/**
 * Dates (`YYYY-MM-DD`) of occurrences not to book.
 */
skip: Array<string>, overrideReason?: string, };

export type Service = { id: string, name: string, durationMin: number, 
/**
 * Turnover time after the appointment during which therapist and room stay held.
 */
bufferMin: number, 
/**
 * Integer minor units (pence, cents) of `currency`.
 */
priceMinor: number, currency: string, colour: string, 
/**
 * The room type the service needs; empty when any room will do.
 */
roomType: string, 
/**
 * The therapists who offer it; empty when every therapist does.
 */
practitionerIds: Array<string>, active: boolean, };

export type ServiceInput = { id?: string, name: string, durationMin: number, bufferMin: number, priceMinor: number, colour: string, roomType: string, practitionerIds: Array<string>, active: boolean, };

export type SetStatus = { id: string, status: AppointmentStatus, };

export type SettingsInput = { name: string, address: string, phone: string, email: string, website: string, timeZone: string, currency: string, lateCancelHours: number, };

export type SetupStatus = { configured: boolean, clinicName: string | null, };

export type StartClinic = { "kind": "demo" } | { "kind": "empty", settings: SettingsInput, };

export type StatusCounts = { booked: number, confirmed: number, arrived: number, inTreatment: number, completed: number, cancelled: number, lateCancellations: number, noShows: number, };

export type TherapistHours = { practitionerId: string, weekly: Array<WeeklyBlock>, breaks: Array<WeeklyBlock>, timeOff: Array<TimeOff>, dayChanges: Array<DayBlock>, };

export type TimeOff = { 
/**
 * `YYYY-MM-DD`, both days included.
 */
firstDay: string, lastDay: string, reason: string, };

export type Urgency = "normal" | "soon" | "urgent";

export type WaitlistEntry = { id: string, clientId: string, clientName: string, serviceId: string, serviceName: string, practitionerIds: Array<string>, weekdays: Array<number>, timesOfDay: Array<string>, urgency: Urgency, note: string, 
/**
 * When it was added, clinic wall clock.
 */
created: string, };

export type WaitlistInput = { clientId: string, serviceId: string, 
/**
 * Empty: any therapist who offers the service.
 */
practitionerIds: Array<string>, 
/**
 * 1 = Monday … 7 = Sunday; empty: any day.
 */
weekdays: Array<number>, 
/**
 * "morning", "afternoon", "evening" or `HH:MM-HH:MM`; empty: any time.
 */
timesOfDay: Array<string>, urgency: Urgency, note: string, };

export type WaitlistOffer = { entry: WaitlistEntry, practitionerId: string, roomId: string, 
/**
 * Clinic wall-clock start, `YYYY-MM-DDTHH:MM`.
 */
start: string, };

export type WeeklyBlock = { 
/**
 * 1 = Monday … 7 = Sunday.
 */
weekday: number, 
/**
 * `HH:MM`, clinic wall clock.
 */
start: string, end: string, };

export interface Operations {
  "setup.status": { args: NoArgs; result: SetupStatus };
  "setup.start": { args: StartClinic; result: SetupStatus };
  "settings.get": { args: NoArgs; result: ClinicSettings };
  "settings.update": { args: SettingsInput; result: ClinicSettings };
  "practitioners.list": { args: NoArgs; result: Array<Practitioner> };
  "practitioners.save": { args: PractitionerInput; result: Practitioner };
  "rooms.list": { args: NoArgs; result: Array<Room> };
  "rooms.save": { args: RoomInput; result: Room };
  "services.list": { args: NoArgs; result: Array<Service> };
  "services.save": { args: ServiceInput; result: Service };
  "clients.search": { args: SearchClients; result: Array<ClientSummary> };
  "clients.get": { args: ById; result: Client };
  "clients.create": { args: ClientInput; result: Client };
  "clients.update": { args: ClientUpdate; result: Client };
  "schedule.therapist_hours.get": { args: ById; result: TherapistHours };
  "schedule.therapist_hours.save": { args: TherapistHours; result: TherapistHours };
  "schedule.clinic_hours.get": { args: NoArgs; result: ClinicHours };
  "schedule.clinic_hours.save": { args: ClinicHours; result: ClinicHours };
  "calendar.range": { args: CalendarRange; result: CalendarView };
  "appointments.book": { args: BookAppointment; result: Appointment };
  "appointments.cancel": { args: CancelAppointment; result: AppointmentChange };
  "appointments.move": { args: MoveAppointment; result: AppointmentChange };
  "appointments.resize": { args: ResizeAppointment; result: AppointmentChange };
  "appointments.set_status": { args: SetStatus; result: Appointment };
  "appointments.preview_series": { args: SeriesRequest; result: Array<Occurrence> };
  "appointments.book_series": { args: SeriesRequest; result: SeriesBooked };
  "appointments.find_times": { args: FindTimes; result: Array<FreeTime> };
  "appointments.ics": { args: IcsRequest; result: IcsFile };
  "schedule.day_sheet": { args: DaySheetRequest; result: DaySheet };
  "clients.history": { args: ById; result: ClientHistory };
  "waitlist.add": { args: WaitlistInput; result: WaitlistEntry };
  "waitlist.list": { args: NoArgs; result: Array<WaitlistEntry> };
  "waitlist.remove": { args: ById; result: NoArgs };
  "waitlist.book": { args: BookFromWaitlist; result: Appointment };
  "waitlist.offers": { args: OffersFor; result: Array<WaitlistOffer> };
  "journal.changes": { args: ChangesSince; result: Changes };
}
