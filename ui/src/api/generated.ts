// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.

export type AccessGrant = { id: string, staffId: string, 
/**
 * Empty when the account was removed.
 */
staffName: string, clientId: string, clientName: string, atMs: number, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
at: string, validOn: string, reason: string, };

export type Actor = { staffId: string, displayName: string, roles: Array<Role>, };

export type AftercareNotes = { appointmentId: string, workedOn: string, whatToExpect: string, };

export type AftercareSheet = { 
/**
 * Stable id from the record, e.g. the session id; the PDF's ids derive from it.
 */
documentId: string, 
/**
 * PDF creation date, from the record (never "now"), so a reprint is identical.
 */
issuedAt: string, 
/**
 * The clinic's letterhead.
 */
letterhead: Letterhead, 
/**
 * Client's name, as printed.
 */
clientName: string, 
/**
 * Therapist's name, as printed.
 */
therapistName: string, 
/**
 * Session date, already formatted ("Sunday 22 November 2026").
 */
sessionDate: string, 
/**
 * What was worked on today, in plain-words sentences.
 */
workedOn: Array<string>, 
/**
 * Today's measures, one line each ("Pain: 5 out of 10"); may be empty.
 */
todaysMeasures: Array<string>, 
/**
 * What to expect in the next 24–48 hours.
 */
whatToExpect: Array<string>, 
/**
 * What the client agreed to do between sessions; may be empty.
 */
betweenVisits: Array<string>, 
/**
 * The self-care programme.
 */
items: Array<SelfCareItem>, 
/**
 * The boxed "When to seek help" points.
 */
seekHelp: Array<string>, 
/**
 * Next appointments, formatted, one line each; may be empty.
 */
nextAppointments: Array<string>, 
/**
 * How to contact the clinic ("Questions? Call us on …").
 */
contactLine: string, };

export type AlertFlags = { hasPrecautions: boolean, 
/**
 * Distinct levels, most serious first.
 */
levels: Array<Level>, };

export type AmendNote = { id: string, reason: string, text: string, };

export type Amendment = { id: string, authorName: string, atMs: number, reason: string, text: string, };

export type Answer = { key: string, value: string, };

export type ApiError = { code: ErrorCode, message: string, 
/**
 * The request field the error is about, in the request's own (camelCase) spelling.
 */
field?: string, 
/**
 * Every field problem of a form, when there are several (see `fields::Problems`): the UI
 * shows each under its field at once. `field` and `message` are the first of them, so a
 * reader that knows only those still names one.
 */
problems?: Array<FieldProblem>, };

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
overrideReason: string | null, 
/**
 * The client has an active precaution on file. Only the flag: the reason stays in the
 * clinical record, so reception may see it.
 */
hasPrecaution: boolean, };

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
overrideReason: string | null, 
/**
 * The client has an active precaution on file. Only the flag: the reason stays in the
 * clinical record, so reception may see it.
 */
hasPrecaution: boolean, };

export type AppointmentStatus = "booked" | "confirmed" | "arrived" | "in_treatment" | "completed" | "cancelled" | "no_show";

export type Assessment = { id: string, clientId: string, assessedOn: string, complaint: Complaint, observations: Observations, marks: Array<BodyMark>, links: Array<BodyLink>, authorName: string, };

export type AssessmentInput = { id?: string | null, clientId: string, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
assessedOn: string, complaint: Complaint, observations: Observations, marks: Array<BodyMark>, links: Array<BodyLink>, };

export type AssignHandout = { appointmentId: string, handoutId: string, 
/**
 * Absent: the handout's default dosage.
 */
dosage?: Dosage, personalNote: string, };

export type BackupFailure = { atMs: number, message: string, };

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
lastBackupMs?: number, 
/**
 * The daily backup's latest failure since a backup last worked (never while no folder is
 * chosen); ignored on input.
 */
lastFailure?: BackupFailure, 
/**
 * What the owner is told about backups; always present in answers, ignored on input.
 */
state?: BackupState, };

export type BackupState = "chooseFolder" | "noneYet" | "failing" | "working";

export type BodyLink = { from: string, to: string, note: string, };

export type BodyMark = { region: string, symptom: Symptom, 
/**
 * 0–10.
 */
intensity: number, note: string, };

export type BodyRegion = { key: string, label: string, view: BodyView, };

export type BodyView = "front" | "back" | "side";

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

export type BreakGlass = { clientId: string, 
/**
 * Why this record must be opened (kept for the owner; not in the journal).
 */
reason: string, };

export type ByClient = { clientId: string, };

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
today: string, 
/**
 * The clinic's wall-clock time as the view was made, `YYYY-MM-DDTHH:MM` (where the
 * calendar draws its "now" line; the window moves it on by the minute).
 */
now: string, practitioners: Array<Practitioner>, rooms: Array<Room>, appointments: Array<Appointment>, };

export type CancelAppointment = { id: string, reason: string, scope?: Scope, };

export type Category = "stretch" | "mobility" | "strengthening" | "breathing_relaxation" | "sleep" | "heat_cold" | "posture_desk" | "self_massage" | "activity_pacing" | "after_treatment";

export type Change = { seq: number, entity: string, entityId: string, action: string, };

export type Changes = { 
/**
 * Pass this back as `since` next time.
 */
latest: number, changes: Array<Change>, };

export type ChangesSince = { since: number, };

export type ChecklistItem = { step: SetupStep, done: boolean, };

export type Client = { id: string, givenName: string, familyName: string, preferredName: string, 
/**
 * `YYYY-MM-DD`, or null when not recorded.
 */
dateOfBirth: string | null, phone: string, email: string, notesForReception: string, address: string, emergencyContactName: string, emergencyContactPhone: string, preferredContact: ContactMethod, 
/**
 * Short warnings reception must see when booking (e.g. "wheelchair user", "call, don't text").
 */
alerts: string, };

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
 * Documents issued to the client, newest first (a folder export holds their PDFs).
 */
documents: Array<IssuedDocument>, 
/**
 * The clinical record with every session note in full; only when the person exporting
 * may read clinical records (the reads are journaled like any other).
 */
clinical: ClinicalExport | null, 
/**
 * Who did what with this client's records, when, from which computer.
 */
journal: Array<JournalLine>, };

export type ClientHistory = { clientId: string, 
/**
 * Newest first.
 */
appointments: Array<Appointment>, counts: StatusCounts, 
/**
 * The appointments counted in `counts.notClosed`, newest first.
 */
notClosedIds: Array<string>, };

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
lateCancelHours: number, 
/**
 * Whether a letterhead logo is set (see `settings.logo`).
 */
hasLogo: boolean, 
/**
 * Shared care: every therapist may open every client's clinical record. Off by default:
 * a therapist opens only their own clients' records (see `care::access`).
 */
sharedCare: boolean, };

export type ClinicalExport = { record: ClinicalRecord, 
/**
 * Newest first, with amendments.
 */
notes: Array<Note>, };

export type ClinicalRecord = { clientId: string, precautions: Array<Precaution>, 
/**
 * Current and withdrawn, oldest first.
 */
consents: Array<Consent>, preferences: Preferences, intake: Intake | null, latestAssessment: Assessment | null, assessmentCount: number, plan: PlanSaved | null, goals: Array<Goal>, 
/**
 * Newest first.
 */
notes: Array<NoteSummary>, 
/**
 * The activities of the latest PSFS, to be rated again at the next occasion.
 */
psfsActivities: Array<string>, };

export type CloseOut = { items: Array<CloseOutItem>, };

export type CloseOutItem = { id: string, outcome: VisitOutcome, 
/**
 * Why it was cancelled (optional; only with the outcome `cancelled`).
 */
reason?: string, };

export type Closure = { day: string, reason: string, };

export type ColumnMapping = { givenName: string, familyName: string, preferredName?: string, dateOfBirth?: string, phone?: string, email?: string, notesForReception?: string, };

export type Complaint = { 
/**
 * In the client's words.
 */
description: string, location: string, since: string, worseWith: string, betterWith: string, effectOnWork: string, effectOnSleep: string, effectOnSport: string, effectOnMood: string, };

export type Consent = { id: string, kind: ConsentKind, scope: Array<string>, note: string, givenOn: string, recordedBy: string, withdrawnOn: string | null, };

export type ConsentInput = { clientId: string, kind: ConsentKind, scope: Array<string>, note: string, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
givenOn: string, };

export type ConsentKind = "treatment" | "areas" | "share_information";

export type ContactMethod = "unspecified" | "phone" | "sms" | "email" | "post";

export type CsvColumns = { 
/**
 * The header row, as written.
 */
columns: Array<string>, 
/**
 * Data rows (not counting the header).
 */
rows: number, 
/**
 * The column that seems to hold each field; empty or absent when none does.
 */
suggestion: ColumnMapping, };

export type CsvFile = { csv: string, };

export type Currency = { 
/**
 * ISO 4217 code, e.g. `GBP`.
 */
code: string, 
/**
 * Its English name, e.g. "British Pound".
 */
name: string, };

export type DateOrder = "iso" | "day_month_year" | "month_day_year";

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
 * The client has a precaution on file (from the clinical record; the reason is not shown).
 */
precaution: boolean, };

export type DemoAccount = { displayName: string, username: string, password: string, pin: string, roles: Array<Role>, };

export type DeskPolicy = { 
/**
 * A desk with no activity for longer than this locks (1–240, default 5).
 */
idleLockMinutes: number, 
/**
 * Whether a locked desk still shows the calendar, with every client shown as "Booked".
 */
calendarVisibleWhenLocked: boolean, 
/**
 * Whether colleagues with a PIN may take over a desk (quick switch); on when absent.
 */
pinSwitch: boolean, };

export type DeskStatus = { signedIn: Actor | null, locked: boolean, 
/**
 * The signed-in person's password was reset by an owner: they must choose their own before
 * anything else (every other call is refused until then).
 */
mustChangePassword: boolean, policy: DeskPolicy, };

export type Dosage = { holdSeconds?: number, repetitions?: number, sets?: number, timesPerDay?: number, timesPerWeek?: number, minutes?: number, };

export type DraftForm = "intake" | "plan";

export type Erasure = { clientId: string, 
/**
 * The day the restricted record will be purged; none when it was purged now.
 */
purgeAfter: string | null, purged: boolean, };

export type ErrorCode = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated" | "locked" | "must_change_password" | "internal";

export type ExportToFolder = { clientId: string, 
/**
 * An existing folder (absolute path); the export is made in a new folder inside it.
 */
folder: string, };

export type ExportedFolder = { 
/**
 * The folder made for this export.
 */
folder: string, 
/**
 * Every file written, as full paths: `client.json`, `summary.pdf`, then the issued PDFs.
 */
files: Array<string>, };

export type FieldProblem = { field: string, message: string, };

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
limit?: number, 
/**
 * Skip this many slots first (0–500, default 0): the next page of the same search.
 */
offset?: number, };

export type FormDraft = { form: DraftForm, fields: { [key in string]: string }, updatedAt: number, };

export type FormDraftInput = { clientId: string, form: DraftForm, 
/**
 * The form's fields as typed, by field name.
 */
fields: { [key in string]: string }, };

export type FormDraftKey = { clientId: string, form: DraftForm, };

export type FreeRoomsQuery = { serviceId: string, 
/**
 * Clinic wall clock, `YYYY-MM-DDTHH:MM`.
 */
start: string, 
/**
 * The appointment being moved, which does not count against itself.
 */
appointmentId?: string, };

export type FreeSlotRef = { practitionerId: string, roomId: string, start: string, end: string, };

export type FreeTime = { practitionerId: string, practitionerName: string, roomId: string, roomName: string, 
/**
 * Clinic wall clock, `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, startMs: number, };

export type FromNote = { 
/**
 * What the client will do between sessions, one point each.
 */
betweenVisits: Array<string>, 
/**
 * Today's measures, one line each ("Pain: 5 out of 10").
 */
measures: Array<string>, };

export type GlassBroken = { 
/**
 * The clinic-local day the opening lasts for, `YYYY-MM-DD`.
 */
validOn: string, };

export type Goal = { id: string, 
/**
 * In the client's words.
 */
words: string, target: string, measure: Measure | null, targetValue: number | null, reviewOn: string, outcome: GoalOutcome | null, reviewedOn: string | null, reviewNote: string, };

export type GoalInput = { id?: string | null, clientId: string, words: string, target: string, measure?: Measure | null, targetValue?: number | null, 
/**
 * `YYYY-MM-DD`.
 */
reviewOn: string, };

export type GoalOutcome = "met" | "partly_met" | "not_met";

export type GoalReview = { id: string, outcome: GoalOutcome, reviewedOn: string, note: string, };

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

export type Intake = { id: string, clientId: string, questionnaireVersion: number, takenOn: string, answers: Array<Answer>, authorName: string, createdAt: number, };

export type IntakeInput = { clientId: string, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
takenOn: string, answers: Array<Answer>, };

export type IntakeSaved = { intake: Intake, precautions: Array<Precaution>, };

export type IssueAftercare = { appointmentId: string, options: PrintOptions, };

export type IssuedDocument = { id: string, clientId: string, appointmentId: string | null, kind: string, title: string, options: PrintOptions, 
/**
 * SHA-256 of the PDF's bytes, in hex.
 */
sha256: string, byteSize: number, issuedAtMs: number, issuedBy: string, };

export type JournalAction = "sign_in" | "sign_in_failed" | "sign_out" | "unlock" | "unlock_failed" | "switch_in" | "switch_in_failed" | "set_password" | "set_pin" | "reset_password" | "clear_pin" | "deactivate" | "reactivate" | "unlock_account" | "read" | "break_glass" | "create" | "update" | "save" | "book" | "move" | "resize" | "cancel" | "status" | "remove" | "sign" | "amend" | "discard" | "withdraw" | "review" | "recompute" | "assign" | "notes" | "new_version" | "duplicate" | "retire" | "restore" | "seed" | "set_logo" | "clear_logo" | "issue" | "reprint" | "print" | "export" | "erase" | "purge" | "backup_start" | "backup" | "backup_failed" | "bulk_create";

export type JournalAppointment = { serviceName: string, 
/**
 * As the line left it (booked, moved or resized to), otherwise as it is now.
 */
slot: JournalSlot, 
/**
 * Before a move or a resize.
 */
previous: JournalSlot | null, 
/**
 * A status change: from which status to which.
 */
statusFrom: AppointmentStatus | null, statusTo: AppointmentStatus | null, 
/**
 * A cancellation inside the clinic's notice period.
 */
late: boolean, 
/**
 * Why it was cancelled (on cancellation lines, for the owner only).
 */
cancelReason: string | null, };

export type JournalLine = { seq: number, atMs: number, 
/**
 * Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
at: string, staffId: string, 
/**
 * The staff member's name, or empty for the command line and removed accounts.
 */
staffName: string, workstation: string, 
/**
 * One of [`JournalAction`] (text, so a line written by a newer version still shows).
 */
action: JournalAction, entity: string, entityId: string, clientId: string | null, 
/**
 * The client's full name ("given family"), or empty when the line names no client or the
 * client's record has been purged.
 */
clientName: string, 
/**
 * The name of the record the line is about, where it has one: the staff member, therapist
 * (also for their hours), room or service. Empty otherwise.
 */
subjectName: string, 
/**
 * For a line about an appointment that still exists: what, with whom, when.
 */
appointment: JournalAppointment | null, detail: string, };

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
 * Only lines with this action.
 */
action?: JournalAction, 
/**
 * Only lines older than this sequence number: the next page after a page ending there.
 */
before?: number, 
/**
 * At most this many lines (1–1000, default 200).
 */
limit?: number, };

export type JournalSlot = { 
/**
 * Clinic wall-clock times, `YYYY-MM-DDTHH:MM`.
 */
start: string, end: string, practitionerName: string, roomName: string, };

export type LetterSection = { heading: string, paragraphs: Array<string>, };

export type Letterhead = { 
/**
 * Clinic name, as printed.
 */
clinicName: string, 
/**
 * Postal address, one line each.
 */
addressLines: Array<string>, 
/**
 * Phone number, as printed.
 */
phone: string, 
/**
 * Email address.
 */
email: string, 
/**
 * Website, without or with scheme.
 */
website: string, 
/**
 * Optional logo as PNG bytes, printed at the top left at about 15 mm high (wider logos are
 * capped at 40 % of the text width). A few hundred pixels across is plenty; the pixels
 * are embedded losslessly, so a large photo-sized PNG makes a large file.
 */
logoPng: number[] | null, };

export type Level = "avoid" | "clearance" | "modify";

export type Logo = { 
/**
 * The PNG, base64-encoded; empty when the clinic has none.
 */
base64: string, };

export type Measure = "pain" | "psfs" | "stress";

export type MeasureComparison = { label: string, baseline: number | null, latest: number | null, change: number | null, 
/**
 * Moved in the right direction.
 */
improved: boolean, 
/**
 * By about two points or more: a change that matters to the client.
 */
meaningful: boolean, };

export type MeasurePoint = { takenOn: string, value: number, baseline: boolean, measurementId: string, noteId: string | null, };

export type MeasureSeries = { measure: Measure, label: string, higherIsBetter: boolean, 
/**
 * The first baseline value (or the first value when none was marked baseline).
 */
baseline: number | null, 
/**
 * Goal targets set on this measure (for a line on the chart).
 */
goalTargets: Array<number>, latest: number | null, 
/**
 * latest − baseline, one decimal.
 */
change: number | null, points: Array<MeasurePoint>, };

export type Measurement = { id: string, takenOn: string, baseline: boolean, pain: number | null, stress: number | null, psfs: Array<PsfsItem>, 
/**
 * The PSFS average to one decimal (half up), when activities were rated.
 */
psfsScore: number | null, assessmentId: string | null, noteId: string | null, };

export type MeasuresInput = { clientId: string, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
takenOn: string, 
/**
 * Baseline (first assessment, or a new baseline at review) rather than a visit re-rating.
 */
baseline: boolean, pain?: number | null, stress?: number | null, psfs: Array<PsfsItem>, assessmentId?: string | null, noteId?: string | null, };

export type MoveAppointment = { id: string, practitionerId: string, roomId: string, 
/**
 * New clinic wall-clock start, `YYYY-MM-DDTHH:MM`. With scope "following", later
 * occurrences move by the same number of days to the same time of day.
 */
start: string, overrideReason?: string, scope?: Scope, };

export type NewStaff = { displayName: string, username: string, password: string, };

export type NoArgs = Record<symbol, never>;

export type Note = { id: string, clientId: string, appointmentId: string | null, sessionOn: string, status: NoteStatus, content: NoteContent, authorName: string, updatedAt: number, signedAt: number | null, signedBy: string | null, amendments: Array<Amendment>, 
/**
 * The client's precautions, shown on every note.
 */
precautions: Array<Precaution>, 
/**
 * Where a technique the note chooses or names in its text meets a precaution (the
 * plan's rule set, [`super::warnings`]): shown in the note and when signing it.
 */
warnings: Array<TechniqueWarning>, };

export type NoteContent = { pain: number | null, stress: number | null, subjective: string, objective: string, assessment: string, plan: string, techniques: Array<Technique>, 
/**
 * Body-chart regions worked on.
 */
regions: Array<string>, pressure: Pressure | null, response: string, 
/**
 * Empower: what was explained (plain points).
 */
education: Array<string>, 
/**
 * Empower: what the client will do between sessions.
 */
selfGoals: Array<string>, };

export type NoteInput = { id: string, content: NoteContent, };

export type NoteStatus = "draft" | "signed";

export type NoteSummary = { id: string, appointmentId: string | null, sessionOn: string, status: NoteStatus, authorName: string, pain: number | null, stress: number | null, amendmentCount: number, };

export type NoteTemplate = { key: string, name: string, subjective: string, objective: string, assessment: string, plan: string, techniques: Array<Technique>, };

export type Observations = { posture: string, rangeOfMovement: string, palpation: string, };

export type Occurrence = { date: string, 
/**
 * Clinic wall clock; empty when the time does not exist that day.
 */
start: string, end: string, startMs: number, skipped: boolean, refusal: Refusal | null, };

export type OffersFor = { appointmentId?: string, slot?: FreeSlotRef, };

export type Paper = "a4" | "letter";

export type PdfFile = { document: IssuedDocument, fileName: string, 
/**
 * The PDF, base64-encoded.
 */
base64: string, };

export type Permission = "anyone" | "signed_in" | "view_schedule" | "edit_schedule" | "view_clients" | "edit_clients" | "manage_clinic" | "manage_handouts" | "plan_self_care" | "view_documents" | "manage_staff" | "view_journal" | "export_data" | "import_data" | "manage_retention" | "view_clinical" | "edit_clinical";

export type Plan = { id: string, startsOn: string, frequency: string, sessionsBeforeReview: number, techniques: Array<Technique>, precautionsNoted: string, };

export type PlanInput = { clientId: string, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
startsOn: string, 
/**
 * e.g. "weekly", "every two weeks".
 */
frequency: string, sessionsBeforeReview: number, techniques: Array<Technique>, 
/**
 * The therapist's own words on how precautions shape the plan.
 */
precautionsNoted: string, };

export type PlanSaved = { plan: Plan, 
/**
 * The client's precautions, for the plan screen.
 */
precautions: Array<Precaution>, warnings: Array<TechniqueWarning>, };

export type Practitioner = { id: string, displayName: string, colour: string, active: boolean, };

export type PractitionerInput = { 
/**
 * Absent to create, present to change.
 */
id?: string, displayName: string, colour: string, active: boolean, };

export type Precaution = { id: string, ruleKey: string, level: Level, text: string, regions: Array<string>, techniques: Array<Technique>, intakeId: string, };

export type PrecautionRule = { key: string, 
/**
 * The intake question the rule reads.
 */
questionKey: string, 
/**
 * Answers that raise it; empty = any answer other than "no".
 */
answers: Array<string>, level: Level, text: string, regions: Array<string>, techniques: Array<Technique>, active: boolean, };

export type PrecautionRuleInput = { key: string, questionKey: string, answers: Array<string>, level: Level, text: string, regions: Array<string>, techniques: Array<Technique>, active: boolean, };

export type Preferences = { pressure: Pressure | null, 
/**
 * Body-chart regions not to touch.
 */
avoidRegions: Array<string>, 
/**
 * e.g. "side-lying, no face-down".
 */
position: string, 
/**
 * "talk", "quiet", or free text.
 */
conversation: string, 
/**
 * Light, sound, scent, touch, predictability: trauma-informed, neurodivergent-friendly care.
 */
sensoryNeeds: string, };

export type PreferencesInput = { clientId: string, preferences: Preferences, };

export type Pressure = "light" | "medium" | "firm" | "deep";

export type PrintDaySheet = { 
/**
 * `YYYY-MM-DD`, clinic time zone.
 */
date: string, 
/**
 * One therapist's sheet; absent for everyone's.
 */
practitionerId?: string, options: PrintOptions, };

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

export type Progress = { series: Array<MeasureSeries>, };

export type PsfsItem = { activity: string, score: number, };

export type PurgeReport = { purged: number, };

export type Question = { key: string, label: string, kind: QuestionKind, 
/**
 * For `choice`: the allowed answers (stored as written here).
 */
options: Array<string>, 
/**
 * Shown only when this yes/no question was answered "yes".
 */
shownWhen: string | null, };

export type QuestionKind = "yes_no" | "text" | "choice" | "date";

export type Questionnaire = { version: number, sections: Array<Section>, };

export type Recipient = { kind: RecipientKind, name: string, 
/**
 * Lines separated by newlines.
 */
address: string, };

export type RecipientKind = "gp" | "physiotherapist" | "counsellor";

export type ReferralLetter = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, clinicName: string, clinicAddress: string, clinicPhone: string, clinicEmail: string, recipient: Recipient, clientName: string, clientDateOfBirth: string | null, subject: string, salutation: string, sections: Array<LetterSection>, closing: string, signatory: string, };

export type ReferralRequest = { clientId: string, recipient: Recipient, 
/**
 * Why the therapist is writing, in their words.
 */
reason: string, };

export type Refusal = { field: string | null, message: string, };

export type Region = "neck" | "shoulders" | "upper_back" | "low_back" | "hips" | "legs" | "jaw" | "hands_wrists" | "chest" | "arms" | "feet" | "whole_body";

export type RenderedPdf = { fileName: string, 
/**
 * The PDF, base64-encoded.
 */
base64: string, };

export type ResizeAppointment = { id: string, 
/**
 * New clinic wall-clock end, `YYYY-MM-DDTHH:MM`.
 */
end: string, overrideReason?: string, };

export type RestrictedClient = { clientId: string, 
/**
 * The names kept so the retained records stay attributable.
 */
name: string, 
/**
 * Clinic day the data was erased, `YYYY-MM-DD`.
 */
restrictedOn: string, 
/**
 * The day after which the record is purged, `YYYY-MM-DD`.
 */
purgeAfter: string, 
/**
 * The purge is due now (`retention.purge_due` would remove it).
 */
due: boolean, };

export type RetentionSettings = { 
/**
 * Years after the last contact (1–100, default 8).
 */
years: number, };

export type RetireHandout = { id: string, retired: boolean, };

export type ReviewInput = { clientId: string, kind: ReviewKind, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
reviewedOn: string, recommendations: string, };

export type ReviewKind = "review" | "discharge";

export type ReviewSummary = { kind: ReviewKind | null, reviewedOn: string | null, recommendations: string, measures: Array<MeasureComparison>, goals: Array<Goal>, goalsMet: number, goalsPartlyMet: number, goalsNotMet: number, signedSessions: number, firstSession: string | null, lastSession: string | null, plan: Plan | null, };

export type Role = "owner" | "reception" | "therapist";

export type Room = { id: string, name: string, 
/**
 * What kind of room it is (e.g. "treatment", "hydro"); empty when it has no particular type.
 */
roomType: string, active: boolean, };

export type RoomChoice = { roomId: string, roomName: string, 
/**
 * Not held by another appointment for the service's time and turnover.
 */
free: boolean, 
/**
 * Of the type the service needs (always, when it needs none).
 */
suitable: boolean, };

export type RoomInput = { id?: string, name: string, roomType: string, active: boolean, };

export type RowProblem = { line: number, field: string, message: string, };

export type SaveHandout = { 
/**
 * Absent to add a handout of the clinic's own; present to save a new version of one.
 */
id?: string, content: HandoutContent, };

export type SavedFile = { 
/**
 * The file written, as a full path.
 */
file: string, 
/**
 * Clients in it.
 */
clients: number, };

export type Scope = "one" | "following";

export type SearchClients = { text: string, 
/**
 * At most this many results (1–50, default 20).
 */
limit?: number, };

export type Section = { key: string, title: string, questions: Array<Question>, };

export type SelfCareItem = { 
/**
 * Title ("Upper trapezius stretch").
 */
title: string, 
/**
 * Why it helps, in one or two plain sentences.
 */
why: string, 
/**
 * Numbered steps.
 */
steps: Array<string>, 
/**
 * The dose the therapist set ("Hold 30 s, 3 times, twice a day").
 */
dosage: string, 
/**
 * A personal note from the therapist.
 */
personalNote: string | null, 
/**
 * "Stop and seek advice if…" points.
 */
cautions: Array<string>, 
/**
 * Illustration in the supported SVG subset (see [`super::svg`]).
 */
illustrationSvg: string | null, };

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

export type ServiceCaution = { levels: Array<Level>, };

export type ServiceCautionRequest = { clientId: string, serviceId: string, };

export type ServiceInput = { id?: string, name: string, durationMin: number, bufferMin: number, priceMinor: number, colour: string, roomType: string, practitionerIds: Array<string>, active: boolean, };

export type SessionProgramme = { appointmentId: string, clientId: string, 
/**
 * What we worked on today, in plain words for the client.
 */
workedOn: string, 
/**
 * What to expect in the next 24–48 hours; empty means the clinic's standard advice.
 */
whatToExpect: string, items: Array<ProgrammeItem>, 
/**
 * What the visit's note gives the sheet: the client's goals between sessions and
 * today's measures (printed on the sheet; edited in the note).
 */
fromNote: FromNote, };

export type SetLogo = { base64: string, };

export type SetPassword = { staffId: string, currentPassword?: string, newPassword: string, };

export type SetPin = { staffId: string, currentPassword?: string, pin?: string, };

export type SetStatus = { id: string, status: AppointmentStatus, };

export type SettingsChoices = { 
/**
 * IANA names of places, sorted.
 */
timeZones: Array<string>, 
/**
 * Sorted by code.
 */
currencies: Array<Currency>, };

export type SettingsInput = { name: string, address: string, phone: string, email: string, website: string, timeZone: string, currency: string, lateCancelHours: number, 
/**
 * Shared care on or off; absent keeps the stored setting (off for a new clinic).
 */
sharedCare?: boolean, };

export type SetupChecklist = { items: Array<ChecklistItem>, 
/**
 * Every step done.
 */
complete: boolean, };

export type SetupStatus = { configured: boolean, clinicName: string | null, 
/**
 * The clinic exists but has no staff account yet (a database from before accounts):
 * the start screen asks for the owner's account (`setup.create_owner`).
 */
needsOwner: boolean, };

export type SetupStep = "details" | "rooms" | "services" | "therapists" | "openingHours" | "backups";

export type SignIn = { username: string, password: string, };

export type StaffInput = { id?: string, displayName: string, username: string, roles: Array<Role>, practitionerId?: string, 
/**
 * Link a new diary column, named as the person, made in the same write (instead of
 * `practitionerId`).
 */
newColumn?: boolean, active: boolean, 
/**
 * Required when creating; ignored when changing (use `staff.set_password`).
 */
password?: string, };

export type StaffMember = { id: string, displayName: string, username: string, roles: Array<Role>, practitionerId: string | null, active: boolean, hasPin: boolean, 
/**
 * The owner reset the password: its holder must choose a new one before anything else.
 */
mustChangePassword: boolean, 
/**
 * Set while sign-in is refused after repeated failures (epoch ms).
 */
lockedUntilMs: number | null, };

export type StartClinic = { "kind": "demo" } | { "kind": "empty", settings: SettingsInput, owner: NewStaff, };

export type StartNote = { clientId: string, appointmentId?: string | null, 
/**
 * `YYYY-MM-DD`; the appointment's day, else today.
 */
sessionOn: string, 
/**
 * A template from `care.note_templates` (ignored by `care.start_from_last_note`).
 */
templateKey?: string | null, };

export type StatusCounts = { 
/**
 * Booked or confirmed and not started yet.
 */
upcoming: number, 
/**
 * Ended before now still booked, confirmed, arrived or in treatment: waiting to be closed
 * out (attended, no-show or cancelled).
 */
notClosed: number, booked: number, confirmed: number, arrived: number, inTreatment: number, completed: number, cancelled: number, lateCancellations: number, noShows: number, };

export type Switch = { staffId: string, pin: string, };

export type SwitchCandidate = { staffId: string, displayName: string, };

export type Symptom = "ache" | "sharp" | "tight" | "pins_and_needles" | "numbness" | "other";

export type Technique = "swedish" | "deep_tissue" | "myofascial_release" | "trigger_point" | "sports_massage" | "lymphatic_drainage" | "stretching" | "mobilisation" | "cupping" | "heat_therapy" | "indian_head";

export type TechniqueWarning = { technique: Technique | null, ruleKey: string, level: Level, text: string, };

export type TherapistHours = { practitionerId: string, weekly: Array<WeeklyBlock>, breaks: Array<WeeklyBlock>, timeOff: Array<TimeOff>, dayChanges: Array<DayBlock>, };

export type TimeOff = { 
/**
 * `YYYY-MM-DD`, both days included.
 */
firstDay: string, lastDay: string, reason: string, };

export type ToFolder = { 
/**
 * An existing folder (absolute path).
 */
folder: string, };

export type Unclosed = { 
/**
 * Every unclosed appointment that ended before the time asked for.
 */
count: number, 
/**
 * The oldest of them first, as many as the limit asked for.
 */
appointments: Array<Appointment>, };

export type UnclosedQuery = { 
/**
 * Only appointments that ended before this clinic wall-clock time (`YYYY-MM-DDTHH:MM`);
 * never later than now, which is also the default.
 */
before?: string, 
/**
 * At most this many appointments (0–200, default 200); 0 for the count alone (the
 * calendar's badge).
 */
limit?: number, };

export type Unlock = { secret: string, };

export type UpdateProgrammeItem = { id: string, dosage: Dosage, personalNote: string, };

export type Urgency = "normal" | "soon" | "urgent";

export type VisitOutcome = "attended" | "no_show" | "cancelled";

export type WaitlistEntry = { id: string, clientId: string, clientName: string, 
/**
 * The number to ring with an offer, as stored (may be empty).
 */
clientPhone: string, serviceId: string, serviceName: string, practitionerIds: Array<string>, weekdays: Array<number>, timesOfDay: Array<string>, urgency: Urgency, note: string, 
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

export type WithdrawConsent = { id: string, 
/**
 * `YYYY-MM-DD`; today when empty.
 */
withdrawnOn: string, };

export interface Operations {
  "setup.status": { args: NoArgs; result: SetupStatus };
  "setup.start": { args: StartClinic; result: SetupStatus };
  "setup.create_owner": { args: NewStaff; result: SetupStatus };
  "setup.demo_accounts": { args: NoArgs; result: Array<DemoAccount> };
  "setup.checklist": { args: NoArgs; result: SetupChecklist };
  "settings.choices": { args: NoArgs; result: SettingsChoices };
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
  "settings.logo": { args: NoArgs; result: Logo };
  "settings.logo_set": { args: SetLogo; result: ClinicSettings };
  "settings.logo_clear": { args: NoArgs; result: ClinicSettings };
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
  "clients.export_to": { args: ExportToFolder; result: ExportedFolder };
  "clients.export_csv_to": { args: ToFolder; result: SavedFile };
  "clients.csv_columns": { args: CsvFile; result: CsvColumns };
  "clients.import_csv": { args: ImportClients; result: ImportReport };
  "clients.export_csv": { args: NoArgs; result: string };
  "clients.erase": { args: ById; result: Erasure };
  "retention.purge_due": { args: NoArgs; result: PurgeReport };
  "retention.restricted": { args: NoArgs; result: Array<RestrictedClient> };
  "retention.settings": { args: NoArgs; result: RetentionSettings };
  "retention.configure": { args: RetentionSettings; result: RetentionSettings };
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
  "appointments.unclosed": { args: UnclosedQuery; result: Unclosed };
  "appointments.close_out": { args: CloseOut; result: Array<Appointment> };
  "appointments.preview_series": { args: SeriesRequest; result: Array<Occurrence> };
  "appointments.book_series": { args: SeriesRequest; result: SeriesBooked };
  "appointments.find_times": { args: FindTimes; result: Array<FreeTime> };
  "rooms.free": { args: FreeRoomsQuery; result: Array<RoomChoice> };
  "appointments.ics": { args: IcsRequest; result: IcsFile };
  "schedule.day_sheet_pdf": { args: PrintDaySheet; result: RenderedPdf };
  "schedule.day_sheet": { args: DaySheetRequest; result: DaySheet };
  "clients.history": { args: ById; result: ClientHistory };
  "waitlist.add": { args: WaitlistInput; result: WaitlistEntry };
  "waitlist.list": { args: NoArgs; result: Array<WaitlistEntry> };
  "waitlist.remove": { args: ById; result: NoArgs };
  "waitlist.book": { args: BookFromWaitlist; result: Appointment };
  "waitlist.offers": { args: OffersFor; result: Array<WaitlistOffer> };
  "journal.changes": { args: ChangesSince; result: Changes };
  "clients.alert_flags": { args: ById; result: AlertFlags };
  "clients.service_caution": { args: ServiceCautionRequest; result: ServiceCaution };
  "care.record": { args: ByClient; result: ClinicalRecord };
  "care.may_open": { args: ByClient; result: boolean };
  "care.break_glass": { args: BreakGlass; result: GlassBroken };
  "care.access_grants": { args: NoArgs; result: Array<AccessGrant> };
  "care.questionnaire": { args: NoArgs; result: Questionnaire };
  "care.body_regions": { args: NoArgs; result: Array<BodyRegion> };
  "care.note_templates": { args: NoArgs; result: Array<NoteTemplate> };
  "care.precaution_rules": { args: NoArgs; result: Array<PrecautionRule> };
  "care.precaution_rules.save": { args: PrecautionRuleInput; result: PrecautionRule };
  "care.intake": { args: ByClient; result: Intake | null };
  "care.save_intake": { args: IntakeInput; result: IntakeSaved };
  "care.form_draft": { args: FormDraftKey; result: FormDraft | null };
  "care.save_form_draft": { args: FormDraftInput; result: FormDraft };
  "care.discard_form_draft": { args: FormDraftKey; result: ByClient };
  "care.precautions": { args: ByClient; result: Array<Precaution> };
  "care.consents": { args: ByClient; result: Array<Consent> };
  "care.give_consent": { args: ConsentInput; result: Consent };
  "care.withdraw_consent": { args: WithdrawConsent; result: Consent };
  "care.preferences": { args: ByClient; result: Preferences };
  "care.set_preferences": { args: PreferencesInput; result: Preferences };
  "care.assessments": { args: ByClient; result: Array<Assessment> };
  "care.save_assessment": { args: AssessmentInput; result: Assessment };
  "care.record_measures": { args: MeasuresInput; result: Measurement };
  "care.progress": { args: ByClient; result: Progress };
  "care.goals": { args: ByClient; result: Array<Goal> };
  "care.save_goal": { args: GoalInput; result: Goal };
  "care.review_goal": { args: GoalReview; result: Goal };
  "care.plan": { args: ByClient; result: PlanSaved | null };
  "care.save_plan": { args: PlanInput; result: PlanSaved };
  "care.notes": { args: ByClient; result: Array<NoteSummary> };
  "care.note": { args: ById; result: Note };
  "care.start_note": { args: StartNote; result: Note };
  "care.start_from_last_note": { args: StartNote; result: Note };
  "care.save_note": { args: NoteInput; result: Note };
  "care.sign_note": { args: ById; result: Note };
  "care.discard_draft": { args: ById; result: ById };
  "care.amend_note": { args: AmendNote; result: Note };
  "care.review_summary": { args: ByClient; result: ReviewSummary };
  "care.record_review": { args: ReviewInput; result: ReviewSummary };
  "care.referral_letter": { args: ReferralRequest; result: ReferralLetter };
  "care.referral_letter_pdf": { args: ReferralRequest; result: PdfFile };
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
  "aftercare.preview": { args: ById; result: AftercareSheet };
  "aftercare.issue": { args: IssueAftercare; result: PdfFile };
  "documents.list": { args: ClientDocuments; result: Array<IssuedDocument> };
  "documents.reprint": { args: ById; result: PdfFile };
  "journal.search": { args: JournalQuery; result: Array<JournalLine> };
  "backup.now": { args: BackupNow; result: BackupReport };
  "backup.settings": { args: NoArgs; result: BackupSettings };
  "backup.configure": { args: BackupSettings; result: BackupSettings };
}

export const OPERATION_PERMISSIONS: { readonly [K in keyof Operations]: Permission } = {
  "setup.status": "anyone",
  "setup.start": "anyone",
  "setup.create_owner": "anyone",
  "setup.demo_accounts": "anyone",
  "setup.checklist": "manage_clinic",
  "settings.choices": "anyone",
  "staff.sign_in": "anyone",
  "staff.sign_out": "anyone",
  "staff.switch": "anyone",
  "staff.switch_list": "anyone",
  "staff.lock": "anyone",
  "staff.unlock": "anyone",
  "staff.me": "anyone",
  "staff.list": "manage_staff",
  "staff.save": "manage_staff",
  "staff.set_password": "signed_in",
  "staff.set_pin": "signed_in",
  "staff.policy_save": "manage_staff",
  "settings.get": "view_schedule",
  "settings.update": "manage_clinic",
  "settings.logo": "view_schedule",
  "settings.logo_set": "manage_clinic",
  "settings.logo_clear": "manage_clinic",
  "practitioners.list": "view_schedule",
  "practitioners.save": "manage_clinic",
  "rooms.list": "view_schedule",
  "rooms.save": "manage_clinic",
  "services.list": "view_schedule",
  "services.save": "manage_clinic",
  "clients.search": "view_clients",
  "clients.get": "view_clients",
  "clients.create": "edit_clients",
  "clients.update": "edit_clients",
  "clients.export": "export_data",
  "clients.export_to": "export_data",
  "clients.export_csv_to": "export_data",
  "clients.csv_columns": "import_data",
  "clients.import_csv": "import_data",
  "clients.export_csv": "export_data",
  "clients.erase": "manage_retention",
  "retention.purge_due": "manage_retention",
  "retention.restricted": "manage_retention",
  "retention.settings": "manage_retention",
  "retention.configure": "manage_retention",
  "schedule.therapist_hours.get": "view_schedule",
  "schedule.therapist_hours.save": "manage_clinic",
  "schedule.clinic_hours.get": "view_schedule",
  "schedule.clinic_hours.save": "manage_clinic",
  "calendar.range": "view_schedule",
  "appointments.book": "edit_schedule",
  "appointments.cancel": "edit_schedule",
  "appointments.move": "edit_schedule",
  "appointments.resize": "edit_schedule",
  "appointments.set_status": "edit_schedule",
  "appointments.unclosed": "view_schedule",
  "appointments.close_out": "edit_schedule",
  "appointments.preview_series": "view_schedule",
  "appointments.book_series": "edit_schedule",
  "appointments.find_times": "view_schedule",
  "rooms.free": "view_schedule",
  "appointments.ics": "view_schedule",
  "schedule.day_sheet_pdf": "view_schedule",
  "schedule.day_sheet": "view_schedule",
  "clients.history": "view_clients",
  "waitlist.add": "edit_schedule",
  "waitlist.list": "view_schedule",
  "waitlist.remove": "edit_schedule",
  "waitlist.book": "edit_schedule",
  "waitlist.offers": "view_schedule",
  "journal.changes": "view_schedule",
  "clients.alert_flags": "view_clients",
  "clients.service_caution": "view_clients",
  "care.record": "view_clinical",
  "care.may_open": "view_clinical",
  "care.break_glass": "view_clinical",
  "care.access_grants": "view_journal",
  "care.questionnaire": "view_clinical",
  "care.body_regions": "view_clinical",
  "care.note_templates": "view_clinical",
  "care.precaution_rules": "view_clinical",
  "care.precaution_rules.save": "manage_clinic",
  "care.intake": "view_clinical",
  "care.save_intake": "edit_clinical",
  "care.form_draft": "edit_clinical",
  "care.save_form_draft": "edit_clinical",
  "care.discard_form_draft": "edit_clinical",
  "care.precautions": "view_clinical",
  "care.consents": "view_clinical",
  "care.give_consent": "edit_clinical",
  "care.withdraw_consent": "edit_clinical",
  "care.preferences": "view_clinical",
  "care.set_preferences": "edit_clinical",
  "care.assessments": "view_clinical",
  "care.save_assessment": "edit_clinical",
  "care.record_measures": "edit_clinical",
  "care.progress": "view_clinical",
  "care.goals": "view_clinical",
  "care.save_goal": "edit_clinical",
  "care.review_goal": "edit_clinical",
  "care.plan": "view_clinical",
  "care.save_plan": "edit_clinical",
  "care.notes": "view_clinical",
  "care.note": "view_clinical",
  "care.start_note": "edit_clinical",
  "care.start_from_last_note": "edit_clinical",
  "care.save_note": "edit_clinical",
  "care.sign_note": "edit_clinical",
  "care.discard_draft": "edit_clinical",
  "care.amend_note": "edit_clinical",
  "care.review_summary": "view_clinical",
  "care.record_review": "edit_clinical",
  "care.referral_letter": "view_clinical",
  "care.referral_letter_pdf": "view_clinical",
  "handouts.list": "view_schedule",
  "handouts.get": "view_schedule",
  "handouts.save": "manage_handouts",
  "handouts.duplicate": "manage_handouts",
  "handouts.retire": "manage_handouts",
  "programme.get": "plan_self_care",
  "programme.assign": "plan_self_care",
  "programme.update": "plan_self_care",
  "programme.remove": "plan_self_care",
  "programme.notes": "plan_self_care",
  "aftercare.preview": "plan_self_care",
  "aftercare.issue": "plan_self_care",
  "documents.list": "view_documents",
  "documents.reprint": "view_documents",
  "journal.search": "view_journal",
  "backup.now": "export_data",
  "backup.settings": "export_data",
  "backup.configure": "export_data",
};

export const ROLE_PERMISSIONS: { readonly [R in Role]: readonly Permission[] } = {
  "owner": ["anyone", "signed_in", "view_schedule", "edit_schedule", "view_clients", "edit_clients", "manage_clinic", "manage_handouts", "plan_self_care", "view_documents", "manage_staff", "view_journal", "export_data", "import_data", "manage_retention", "view_clinical", "edit_clinical"],
  "reception": ["anyone", "signed_in", "view_schedule", "edit_schedule", "view_clients", "edit_clients", "view_documents"],
  "therapist": ["anyone", "signed_in", "view_schedule", "edit_schedule", "view_clients", "edit_clients", "manage_handouts", "plan_self_care", "view_documents", "view_clinical", "edit_clinical"],
};
