// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.

export type Actor = { staffId: string, displayName: string, roles: Array<Role>, };

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

export type BackupNow = { 
/**
 * The folder to write to; the configured backup folder when absent.
 */
folder?: string, };

export type BackupReport = { 
/**
 * The backup file's full path.
 */
file: string, sha256: string, bytes: number, 
/**
 * Older backups removed to keep the newest `keep`.
 */
removed: Array<string>, };

export type BackupSettings = { 
/**
 * Where scheduled backups go (an absolute folder path); empty for none.
 */
folder: string, 
/**
 * How many backups to keep in the folder (1–365, default 14).
 */
keep: number, 
/**
 * Whether to back up once a day while Palma is open.
 */
daily: boolean, 
/**
 * When the last backup was made (epoch ms); ignored on input.
 */
lastBackupMs?: number, };

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

export type ClientExport = { 
/**
 * Clinic wall-clock time of the export, `YYYY-MM-DDTHH:MM`.
 */
exportedAt: string, clinicName: string, client: Client, 
/**
 * Set when the client's data was erased and the record is kept only until `purgeAfter`.
 */
purgeAfter: string | null, appointments: Array<Appointment>, 
/**
 * Who did what with this client's records, when, from which computer.
 */
journal: Array<JournalLine>, };

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

export type ColumnMapping = { givenName: string, familyName: string, preferredName?: string, dateOfBirth?: string, phone?: string, email?: string, notesForReception?: string, };

export type DateOrder = "iso" | "day_month_year" | "month_day_year";

export type DemoAccount = { displayName: string, username: string, password: string, pin: string, roles: Array<Role>, };

export type DeskPolicy = { 
/**
 * A desk with no activity for longer than this locks (1–240, default 5).
 */
idleLockMinutes: number, 
/**
 * Whether a locked desk still shows the calendar, with every client shown as "Booked".
 */
calendarVisibleWhenLocked: boolean, };

export type DeskStatus = { signedIn: Actor | null, locked: boolean, policy: DeskPolicy, };

export type Dosage = { holdSeconds?: number, repetitions?: number, sets?: number, timesPerDay?: number, timesPerWeek?: number, minutes?: number, };

export type Erasure = { clientId: string, 
/**
 * The day the restricted record will be purged; none when it was purged now.
 */
purgeAfter: string | null, purged: boolean, };

export type ErrorCode = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "locked" | "internal";

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

export type ImportClients = { 
/**
 * The whole CSV file, with a header row.
 */
csv: string, mapping: ColumnMapping, dateOrder: DateOrder, 
/**
 * Check only; write nothing.
 */
dryRun: boolean, };

export type ImportReport = { 
/**
 * Data rows in the file (not counting the header).
 */
rows: number, problems: Array<RowProblem>, 
/**
 * Clients written: all rows, or none when there was any problem or it was a dry run.
 */
imported: number, };

export type IssueAftercare = { appointmentId: string, options: PrintOptions, };

export type IssuedDocument = { id: string, clientId: string, appointmentId: string | null, kind: string, title: string, options: PrintOptions, 
/**
 * SHA-256 of the PDF's bytes, in hex.
 */
sha256: string, byteSize: number, issuedAtMs: number, issuedBy: string, };

export type JournalLine = { seq: number, atMs: number, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
at: string, staffId: string, 
/**
 * The staff member's name, or empty for the command line and removed accounts.
 */
staffName: string, workstation: string, action: string, entity: string, entityId: string, clientId: string | null, detail: string, };

export type JournalQuery = { clientId?: string, staffId?: string, 
/**
 * First day, `YYYY-MM-DD`.
 */
from?: string, 
/**
 * Last day, `YYYY-MM-DD`.
 */
to?: string, 
/**
 * At most this many lines (1–1000, default 200).
 */
limit?: number, };

export type NewStaff = { displayName: string, username: string, password: string, };

export type NoArgs = Record<symbol, never>;

export type Paper = "a4" | "letter";

export type PdfFile = { document: IssuedDocument, fileName: string, 
/**
 * The PDF, base64-encoded.
 */
base64: string, };

export type Permission = "anyone" | "signed_in" | "view_schedule" | "edit_schedule" | "view_clients" | "edit_clients" | "manage_clinic" | "manage_handouts" | "plan_self_care" | "view_documents" | "manage_staff" | "view_journal" | "export_data" | "import_data" | "manage_retention";

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

export type PurgeReport = { purged: number, };

export type Region = "neck" | "shoulders" | "upper_back" | "low_back" | "hips" | "legs" | "jaw" | "hands_wrists" | "chest" | "arms" | "feet" | "whole_body";

export type RetentionSettings = { 
/**
 * Years after the last contact (1–100, default 8).
 */
years: number, };

export type RetireHandout = { id: string, retired: boolean, };

export type Role = "owner" | "reception" | "therapist";

export type Room = { id: string, name: string, active: boolean, };

export type RoomInput = { id?: string, name: string, active: boolean, };

export type RowProblem = { line: number, field: string, message: string, };

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

export type SetPassword = { staffId: string, currentPassword?: string, newPassword: string, };

export type SetPin = { staffId: string, currentPassword?: string, pin?: string, };

export type SettingsInput = { name: string, address: string, phone: string, email: string, website: string, timeZone: string, currency: string, lateCancelHours: number, };

export type SetupStatus = { configured: boolean, clinicName: string | null, 
/**
 * The clinic exists but has no staff account yet (a database from before accounts):
 * the start screen asks for the owner's account (`setup.create_owner`).
 */
needsOwner: boolean, };

export type SignIn = { username: string, password: string, };

export type StaffInput = { id?: string, displayName: string, username: string, roles: Array<Role>, practitionerId?: string, active: boolean, 
/**
 * Required when creating; ignored when changing (use `staff.set_password`).
 */
password?: string, };

export type StaffMember = { id: string, displayName: string, username: string, roles: Array<Role>, practitionerId: string | null, active: boolean, hasPin: boolean, 
/**
 * Set while sign-in is refused after repeated failures (epoch ms).
 */
lockedUntilMs: number | null, };

export type StartClinic = { "kind": "demo" } | { "kind": "empty", settings: SettingsInput, owner: NewStaff, };

export type Switch = { staffId: string, pin: string, };

export type SwitchCandidate = { staffId: string, displayName: string, };

export type Unlock = { secret: string, };

export type UpdateProgrammeItem = { id: string, dosage: Dosage, personalNote: string, };

export interface Operations {
  "setup.status": { args: NoArgs; result: SetupStatus };
  "setup.start": { args: StartClinic; result: SetupStatus };
  "setup.create_owner": { args: NewStaff; result: SetupStatus };
  "setup.demo_accounts": { args: NoArgs; result: Array<DemoAccount> };
  "staff.sign_in": { args: SignIn; result: DeskStatus };
  "staff.sign_out": { args: NoArgs; result: DeskStatus };
  "staff.switch": { args: Switch; result: DeskStatus };
  "staff.switch_list": { args: NoArgs; result: Array<SwitchCandidate> };
  "staff.lock": { args: NoArgs; result: DeskStatus };
  "staff.unlock": { args: Unlock; result: DeskStatus };
  "staff.me": { args: NoArgs; result: DeskStatus };
  "staff.list": { args: NoArgs; result: Array<StaffMember> };
  "staff.save": { args: StaffInput; result: StaffMember };
  "staff.set_password": { args: SetPassword; result: StaffMember };
  "staff.set_pin": { args: SetPin; result: StaffMember };
  "staff.policy_save": { args: DeskPolicy; result: DeskPolicy };
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
  "clients.export": { args: ById; result: ClientExport };
  "clients.import_csv": { args: ImportClients; result: ImportReport };
  "clients.export_csv": { args: NoArgs; result: string };
  "clients.erase": { args: ById; result: Erasure };
  "retention.purge_due": { args: NoArgs; result: PurgeReport };
  "retention.settings": { args: NoArgs; result: RetentionSettings };
  "retention.configure": { args: RetentionSettings; result: RetentionSettings };
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
  "journal.search": { args: JournalQuery; result: Array<JournalLine> };
  "backup.now": { args: BackupNow; result: BackupReport };
  "backup.settings": { args: NoArgs; result: BackupSettings };
  "backup.configure": { args: BackupSettings; result: BackupSettings };
}
