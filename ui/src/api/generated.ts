// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.

export type AftercareNotes = { appointmentId: string, workedOn: string, whatToExpect: string, };

export type ApiError = { code: ErrorCode, message: string, 
/**
 * The request field the error is about, in the request's own (camelCase) spelling.
 */
field?: string, };

export type Appointment = { id: string, clientId: string, clientName: string, serviceId: string, serviceName: string, practitionerId: string, practitionerName: string, roomId: string, roomName: string, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, startMs: number, endMs: number, status: AppointmentStatus, colour: string, cancelReason: string | null, lateCancellation: boolean, };

export type AppointmentStatus = "booked" | "confirmed" | "arrived" | "in_treatment" | "completed" | "cancelled" | "no_show";

export type AssignHandout = { appointmentId: string, handoutId: string, 
/**
 * Absent: the handout's default dosage.
 */
dosage?: Dosage, personalNote: string, };

export type BookAppointment = { clientId: string, serviceId: string, practitionerId: string, roomId: string, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
start: string, };

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

export type CancelAppointment = { id: string, reason: string, };

export type Category = "stretch" | "mobility" | "strengthening" | "breathing_relaxation" | "sleep" | "heat_cold" | "posture_desk" | "self_massage" | "activity_pacing" | "after_treatment";

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
dateOfBirth: string | null, phone: string, email: string, notesForReception: string, };

export type ClientDocuments = { clientId: string, };

export type ClientInput = { givenName: string, familyName: string, preferredName: string, 
/**
 * `YYYY-MM-DD` or empty.
 */
dateOfBirth: string, phone: string, email: string, notesForReception: string, };

export type ClientSummary = { id: string, givenName: string, familyName: string, preferredName: string, dateOfBirth: string | null, phone: string, email: string, };

export type ClientUpdate = { id: string, client: ClientInput, };

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

export type Dosage = { holdSeconds?: number, repetitions?: number, sets?: number, timesPerDay?: number, timesPerWeek?: number, minutes?: number, };

export type ErrorCode = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "internal";

export type Handout = { id: string, slug: string, version: number, 
/**
 * The newest version; `version` may be older when an old one was asked for.
 */
currentVersion: number, retired: boolean, source: string, content: HandoutContent, };

export type HandoutContent = { title: string, category: Category, regions: Array<Region>, forWhom: string, why: string, steps: Array<string>, 
/**
 * Each completes "Stop and seek advice if …".
 */
cautions: Array<string>, dosage: Dosage, 
/**
 * A line drawing in Palma's SVG subset (see assets/handouts/README.md); may be empty.
 */
illustrationSvg: string, };

export type HandoutFilter = { text: string, category?: Category, region?: Region, includeRetired: boolean, };

export type HandoutSummary = { id: string, slug: string, title: string, category: Category, regions: Array<Region>, version: number, retired: boolean, 
/**
 * `library` (shipped with Palma) or `clinic` (the clinic's own).
 */
source: string, };

export type IssueAftercare = { appointmentId: string, options: PrintOptions, };

export type IssuedDocument = { id: string, clientId: string, appointmentId: string | null, kind: string, title: string, options: PrintOptions, 
/**
 * SHA-256 of the PDF's bytes, in hex.
 */
sha256: string, byteSize: number, issuedAtMs: number, issuedBy: string, };

export type NoArgs = Record<symbol, never>;

export type Paper = "a4" | "letter";

export type PdfFile = { document: IssuedDocument, fileName: string, 
/**
 * The PDF, base64-encoded.
 */
base64: string, };

export type Permission = "anyone" | "view_schedule" | "edit_schedule" | "view_clients" | "edit_clients" | "manage_clinic" | "manage_handouts" | "plan_self_care" | "view_documents";

export type Practitioner = { id: string, displayName: string, colour: string, active: boolean, };

export type PractitionerInput = { 
/**
 * Absent to create, present to change.
 */
id?: string, displayName: string, colour: string, active: boolean, };

export type PrintOptions = { 
/**
 * Paper size.
 */
paper: Paper, 
/**
 * Large print: body text at 16 pt instead of 11 pt, headings scaled to match, and
 * illustrations placed above their steps rather than beside them.
 */
largePrint: boolean, };

export type ProgrammeItem = { id: string, handoutId: string, handoutVersion: number, title: string, category: Category, dosage: Dosage, 
/**
 * The dosage in plain words, as printed.
 */
dosageText: string, personalNote: string, assignedAtMs: number, };

export type Region = "neck" | "shoulders" | "upper_back" | "low_back" | "hips" | "legs" | "jaw" | "hands_wrists" | "chest" | "arms" | "feet" | "whole_body";

export type RetireHandout = { id: string, retired: boolean, };

export type Room = { id: string, name: string, active: boolean, };

export type RoomInput = { id?: string, name: string, active: boolean, };

export type SaveHandout = { 
/**
 * Absent to add a handout of the clinic's own; present to save a new version of one.
 */
id?: string, content: HandoutContent, };

export type SearchClients = { text: string, 
/**
 * At most this many results (1–50, default 20).
 */
limit?: number, };

export type Service = { id: string, name: string, durationMin: number, 
/**
 * Turnover time after the appointment during which therapist and room stay held.
 */
bufferMin: number, 
/**
 * Integer minor units (pence, cents) of `currency`.
 */
priceMinor: number, currency: string, colour: string, active: boolean, };

export type ServiceInput = { id?: string, name: string, durationMin: number, bufferMin: number, priceMinor: number, colour: string, active: boolean, };

export type SessionProgramme = { appointmentId: string, clientId: string, 
/**
 * What we worked on today, in plain words for the client.
 */
workedOn: string, 
/**
 * What to expect in the next 24–48 hours; empty means the clinic's standard advice.
 */
whatToExpect: string, items: Array<ProgrammeItem>, };

export type SettingsInput = { name: string, address: string, phone: string, email: string, website: string, timeZone: string, currency: string, lateCancelHours: number, };

export type SetupStatus = { configured: boolean, clinicName: string | null, };

export type StartClinic = { "kind": "demo" } | { "kind": "empty", settings: SettingsInput, };

export type UpdateProgrammeItem = { id: string, dosage: Dosage, personalNote: string, };

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
  "calendar.range": { args: CalendarRange; result: CalendarView };
  "appointments.book": { args: BookAppointment; result: Appointment };
  "appointments.cancel": { args: CancelAppointment; result: Appointment };
  "journal.changes": { args: ChangesSince; result: Changes };
  "handouts.list": { args: HandoutFilter; result: Array<HandoutSummary> };
  "handouts.get": { args: ById; result: Handout };
  "handouts.save": { args: SaveHandout; result: Handout };
  "handouts.duplicate": { args: ById; result: Handout };
  "handouts.retire": { args: RetireHandout; result: Handout };
  "programme.get": { args: ById; result: SessionProgramme };
  "programme.assign": { args: AssignHandout; result: SessionProgramme };
  "programme.update": { args: UpdateProgrammeItem; result: SessionProgramme };
  "programme.remove": { args: ById; result: SessionProgramme };
  "programme.notes": { args: AftercareNotes; result: SessionProgramme };
  "aftercare.issue": { args: IssueAftercare; result: PdfFile };
  "documents.list": { args: ClientDocuments; result: Array<IssuedDocument> };
  "documents.reprint": { args: ById; result: PdfFile };
}
