// An in-memory clinic that answers the same operations as the core, with the same messages.
//
// Used by the component tests and by the browser preview (`?fake=demo`, `?fake=empty`). It
// mirrors the core's demo clinic (three therapists, two rooms, six services, forty clients, two
// weeks of appointments around today) and its rules: field validation, double-booking checks
// with turnover time, late cancellation, the change journal. It is not the core: when the two
// disagree, the core is right and this file is fixed.

import type { Transport } from './client';
import { closeOut, unclosed } from './fake-closeout';
import type {
  ApiError,
  Appointment,
  AppointmentStatus,
  BookAppointment,
  CalendarRange,
  CalendarView,
  CancelAppointment,
  CloseOut,
  Change,
  Changes,
  ChangesSince,
  Client,
  ClientInput,
  ClientSummary,
  ClientUpdate,
  ClinicSettings,
  Practitioner,
  PractitionerInput,
  Room,
  RoomInput,
  SearchClients,
  UnclosedQuery,
  Service,
  ServiceInput,
  SettingsInput,
  SetupStatus,
  StartClinic,
  Actor,
  AftercareNotes,
  AftercareSheet,
  AssignHandout,
  DemoAccount,
  DeskPolicy,
  DeskStatus,
  Category,
  Dosage,
  Handout,
  HandoutContent,
  HandoutFilter,
  HandoutSummary,
  Region,
  RetireHandout,
  SaveHandout,
  IssueAftercare,
  IssuedDocument,
  NewStaff,
  PdfFile,
  ProgrammeItem,
  Role,
  SessionProgramme,
  SignIn,
  StaffMember,
  Switch,
  SwitchCandidate,
  Unlock,
  UpdateProgrammeItem,
  StaffInput,
} from './generated';
import { OPERATION_PERMISSIONS } from './generated';
import { roleGrants } from './permissions';
import {
  describeDosage,
  dosageProblem,
  LIBRARY,
  SEEK_HELP,
  STANDARD_EXPECT,
  type FakeHandout,
} from './fake-library';
import {
  addDays,
  addMinutes,
  browserNow,
  browserToday,
  dateValue,
  isIsoDate,
  mondayOf,
  type IsoDate,
  type WallTime,
} from '../time/wallclock';
import {
  Refusal,
  validation,
  conflict,
  notFound,
  optionalLine,
  requiredLine,
  multiline,
  email,
  phone,
  colour,
  within,
  id,
  words,
  searchKey,
} from './fake-rules';
import {
  type StoredSettings,
  DEMO_SETTINGS,
  THERAPISTS,
  ROOMS,
  SERVICES,
  CLIENTS,
  DAY_SLOTS,
  CANCEL_REASONS,
  random,
} from './fake-demo';

export interface FakeOptions {
  /** 'demo': a configured demo clinic; 'empty': first run (not configured). */
  scenario: 'demo' | 'empty';
  /** The clinic's today; defaults to the browser's. */
  today?: IsoDate;
  /** The clinic's wall clock now; defaults to `today` at the browser's current time. */
  now?: WallTime;
  /** Delay before each answer, to feel like a real round trip in previews. */
  latencyMs?: number;
  /**
   * Username signed in at start (demo accounts: owner, reception, maya, tom, hannah), or null
   * for a signed-out desk as the desktop app starts. Defaults to the owner in the demo.
   */
  signedIn?: string | null;
  /** Whether a locked desk shows the calendar (names as "Booked"); default true. */
  calendarVisibleWhenLocked?: boolean;
  /**
   * Canned answers a test supplies for operations this fake does not model (or to replace one):
   * each receives the request's arguments and returns the result, or throws an `ApiError`.
   * New screens' tests use this instead of growing the fake clinic.
   */
  extra?: Record<string, (args: never) => unknown>;
}

export interface FakeTransport extends Transport {
  /** Every request received, in order (for tests). */
  readonly calls: Array<{ op: string; args: unknown }>;
  /** How many requests of one operation were received. */
  count(op: string): number;
}

const DEMO_PASSWORD = 'palma-demo';
const DEMO_ACCOUNTS: Array<[string, string, string, Role]> = [
  ['Maya Patel', 'maya', '3333', 'therapist'],
  ['Tom Okafor', 'tom', '4444', 'therapist'],
  ['Hannah Berg', 'hannah', '5555', 'therapist'],
  ['Rosa Lindgren', 'owner', '1111', 'owner'],
  ['Sam Whitaker', 'reception', '2222', 'reception'],
];

interface StoredStaff {
  id: string;
  displayName: string;
  username: string;
  roles: Role[];
  password: string;
  pin: string | null;
  practitionerId: string | null;
  active: boolean;
  failures: number;
  lockedUntilMs: number;
}

// ---- the clinic ----

interface StoredAppointment {
  id: string;
  clientId: string;
  serviceId: string;
  practitionerId: string;
  roomId: string;
  start: WallTime;
  end: WallTime;
  /** End of the turnover time after the appointment. */
  blockEnd: WallTime;
  status: AppointmentStatus;
  cancelReason: string | null;
  lateCancellation: boolean;
}

/** Minutes since 1970 of a wall-clock time, counted as if the clinic had no clock changes. */
function minutesOf(wall: WallTime): number {
  return Math.round(
    (dateValue(wall.slice(0, 10)).getTime() +
      (Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16))) * 60_000) /
      60_000,
  );
}

function hhmm(wall: WallTime): string {
  return wall.slice(11, 16);
}

interface StoredHandout {
  id: string;
  slug: string;
  /** `library` (shipped with Palma) or `clinic` (the clinic's own). */
  source: 'library' | 'clinic';
  retired: boolean;
  /** Every version's content, oldest first: version n is `versions[n - 1]`. */
  versions: HandoutContent[];
}

function latest(handout: StoredHandout): HandoutContent {
  return handout.versions[handout.versions.length - 1]!;
}

function contentOf(h: FakeHandout): HandoutContent {
  return {
    title: h.title,
    category: h.category,
    regions: [...h.regions],
    forWhom: h.forWhom ?? '',
    why: h.why,
    steps: [...h.steps],
    cautions: [...h.cautions],
    dosage: { ...h.dosage },
    illustrationSvg: h.svg,
  };
}

const CATEGORIES: readonly Category[] = [
  'stretch',
  'mobility',
  'strengthening',
  'breathing_relaxation',
  'sleep',
  'heat_cold',
  'posture_desk',
  'self_massage',
  'activity_pacing',
  'after_treatment',
];
const REGIONS: readonly Region[] = [
  'neck',
  'shoulders',
  'upper_back',
  'low_back',
  'hips',
  'legs',
  'jaw',
  'hands_wrists',
  'chest',
  'arms',
  'feet',
  'whole_body',
];

/** As `HandoutContent::parse` in the core: cleans the texts, names the field at fault. */
function parseHandout(input: HandoutContent): HandoutContent {
  const list = (field: string, label: string, items: unknown, most: number): string[] => {
    const cleaned = (Array.isArray(items) ? items : []).map((item, i) =>
      requiredLine(`${field}.${i}`, label, item, 300),
    );
    if (cleaned.length > most) throw validation(field, `At most ${most} ${label} lines.`);
    return cleaned;
  };
  const steps = list('steps', 'step', input.steps, 10);
  if (steps.length === 0) throw validation('steps', 'Give at least one step.');
  const regions = Array.isArray(input.regions) ? input.regions : [];
  if (regions.length === 0 || regions.length > 6 || regions.some((r) => !REGIONS.includes(r))) {
    throw validation('regions', 'Choose one to six body regions.');
  }
  const dosage = cleanDosage(input.dosage ?? {});
  const svg = String(input.illustrationSvg ?? '').trim();
  if (
    new TextEncoder().encode(svg).length > 24 * 1024 ||
    !(svg === '' || (svg.startsWith('<svg') && svg.endsWith('</svg>')))
  ) {
    throw validation('illustrationSvg', 'The illustration must be a small SVG drawing.');
  }
  if (!CATEGORIES.includes(input.category)) throw validation('category', 'Choose a category.');
  return {
    title: requiredLine('title', 'Title', input.title, 80),
    category: input.category,
    regions: [...regions],
    forWhom: multiline('forWhom', 'Who it is for', input.forWhom, 300),
    why: multiline('why', 'Why it helps', input.why, 400),
    steps,
    cautions: list('cautions', 'caution', input.cautions, 6),
    dosage,
    illustrationSvg: svg,
  };
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

class FakeClinic {
  settings: StoredSettings | null = null;
  /** The letterhead logo, base64 PNG ('' for none). */
  logo = '';
  practitioners: Practitioner[] = [];
  rooms: Room[] = [];
  services: Service[] = [];
  clients: Client[] = [];
  appointments: StoredAppointment[] = [];
  journal: Change[] = [];
  staff: StoredStaff[] = [];
  demoAccounts = false;
  desk: { staffId: string | null; locked: boolean } = { staffId: null, locked: false };
  policy: DeskPolicy = { idleLockMinutes: 5, calendarVisibleWhenLocked: true, pinSwitch: true };
  handouts: StoredHandout[] = [];
  programmes = new Map<
    string,
    { workedOn: string; whatToExpect: string; items: ProgrammeItem[] }
  >();
  documents: Array<IssuedDocument & { base64: string; fileName: string }> = [];
  private clock = 0;
  private nextId = 1;

  constructor(
    readonly today: IsoDate,
    readonly now: WallTime,
  ) {}

  newId(): string {
    const n = (this.nextId++).toString(16).padStart(12, '0');
    return `0190b7a0-0000-7000-8000-${n}`;
  }

  record(entity: string, entityId: string, action: string): void {
    this.journal.push({ seq: this.journal.length + 1, entity, entityId, action });
  }

  requireSettings(): StoredSettings {
    if (!this.settings) throw conflict('The clinic has not been set up yet.');
    return this.settings;
  }

  /** The clinic's details as `settings.get` answers them. */
  settingsView(): ClinicSettings {
    const view = { ...this.requireSettings(), hasLogo: this.logo !== '' };
    return view as ClinicSettings;
  }

  /** As `settings.logo_set`: a readable PNG of at most 300 KB. */
  setLogo(args: { base64: string }): ClinicSettings {
    this.requireSettings();
    const text = String(args.base64 ?? '').replace(/\s+/g, '');
    let bytes: number[];
    try {
      bytes = [...atob(text)].map((c) => c.charCodeAt(0));
    } catch {
      bytes = [];
    }
    if (bytes.length > 300 * 1024) {
      throw validation('base64', 'The logo can be at most 300 KB; save it smaller and try again.');
    }
    const chunk = String.fromCharCode(...bytes.slice(12, 16));
    if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b) || chunk !== 'IHDR') {
      throw validation('base64', 'The logo must be a PNG image.');
    }
    this.logo = text;
    this.record('settings', 'logo', 'set_logo');
    return this.settingsView();
  }

  clearLogo(): ClinicSettings {
    this.requireSettings();
    this.logo = '';
    this.record('settings', 'logo', 'clear_logo');
    return this.settingsView();
  }

  // setup & settings

  status(): SetupStatus {
    return {
      configured: this.settings !== null,
      clinicName: this.settings?.name ?? null,
      needsOwner: this.settings !== null && this.staff.length === 0,
    };
  }

  start(args: StartClinic): SetupStatus {
    const settings = args.kind === 'demo' ? { ...DEMO_SETTINGS } : parseSettings(args.settings);
    const owner = args.kind === 'empty' ? parseOwner(args.owner) : null;
    if (this.settings) throw conflict('This clinic has already been set up.');
    this.settings = settings;
    this.record('settings', 'clinic', 'create');
    if (args.kind === 'demo') this.fillDemo();
    if (owner) this.desk = { staffId: this.addStaff(owner, ['owner'], null), locked: false };
    return this.status();
  }

  createOwner(args: NewStaff): SetupStatus {
    const owner = parseOwner(args);
    this.requireSettings();
    if (this.staff.length > 0)
      throw conflict('This clinic already has staff accounts; ask its owner.');
    this.desk = { staffId: this.addStaff(owner, ['owner'], null), locked: false };
    return this.status();
  }

  addStaff(who: NewStaff, roles: Role[], pin: string | null, practitionerId?: string): string {
    const id = this.newId();
    this.staff.push({
      id,
      displayName: who.displayName,
      username: who.username,
      roles,
      password: who.password,
      pin,
      practitionerId: practitionerId ?? null,
      active: true,
      failures: 0,
      lockedUntilMs: 0,
    });
    this.record('staff', id, 'create');
    return id;
  }

  // the desk

  actor(): Actor | null {
    const who = this.staff.find((s) => s.id === this.desk.staffId && s.active);
    return who ? { staffId: who.id, displayName: who.displayName, roles: [...who.roles] } : null;
  }

  deskStatus(): DeskStatus {
    const signedIn = this.actor();
    return {
      signedIn,
      locked: signedIn !== null && this.desk.locked,
      mustChangePassword: false,
      policy: { ...this.policy },
    };
  }

  /** Refuses an operation the desk may not run now (as `api.rs`'s guard). */
  guard(op: string): void {
    const permission =
      OPERATION_PERMISSIONS[op as keyof typeof OPERATION_PERMISSIONS] ?? 'signed_in';
    if (permission === 'anyone') return;
    const actor = this.actor();
    if (!actor) throw new Refusal({ code: 'unauthenticated', message: 'Please sign in first.' });
    const lockedRead = op === 'calendar.range' && this.policy.calendarVisibleWhenLocked;
    if (this.desk.locked && !lockedRead) {
      throw new Refusal({
        code: 'locked',
        message: 'This screen is locked. Unlock it to continue.',
      });
    }
    if (!actor.roles.some((role) => roleGrants(role, permission))) {
      throw new Refusal({ code: 'forbidden', message: 'Your role does not allow this.' });
    }
  }

  private attempt(who: StoredStaff, ok: boolean): void {
    const now = Date.now();
    if (who.lockedUntilMs > now) {
      const minutes = Math.ceil((who.lockedUntilMs - now) / 60_000);
      throw new Refusal({
        code: 'unauthenticated',
        message: `Too many wrong attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an owner to reset the password.`,
      });
    }
    if (ok) {
      who.failures = 0;
    } else {
      who.failures += 1;
      if (who.failures >= 5) who.lockedUntilMs = now + 60_000 * 2 ** (who.failures - 5);
    }
  }

  signIn(args: SignIn): DeskStatus {
    const key = String(args.username ?? '')
      .trim()
      .toLowerCase();
    const who = this.staff.find((s) => s.active && s.username.toLowerCase() === key);
    const wrong = new Refusal({
      code: 'unauthenticated',
      message: 'That username and password do not match.',
      field: 'password',
    });
    if (!who) throw wrong;
    const ok = who.password === args.password;
    this.attempt(who, ok);
    if (!ok) throw wrong;
    this.desk = { staffId: who.id, locked: false };
    return this.deskStatus();
  }

  unlock(args: Unlock): DeskStatus {
    const who = this.staff.find((s) => s.id === this.desk.staffId);
    if (!who) throw new Refusal({ code: 'unauthenticated', message: 'Please sign in first.' });
    const ok = args.secret === who.password || (who.pin !== null && args.secret === who.pin);
    this.attempt(who, ok);
    if (!ok) {
      throw new Refusal({
        code: 'unauthenticated',
        message: 'That password or PIN is not right.',
        field: 'secret',
      });
    }
    this.desk.locked = false;
    return this.deskStatus();
  }

  switchList(): SwitchCandidate[] {
    if (!this.actor()) return [];
    return this.staff
      .filter((s) => s.active && s.pin !== null)
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((s) => ({ staffId: s.id, displayName: s.displayName }));
  }

  switchTo(args: Switch): DeskStatus {
    const who = this.staff.find((s) => s.id === args.staffId && s.active && s.pin !== null);
    if (!who) {
      throw new Refusal({
        code: 'unauthenticated',
        message: 'That person cannot switch in with a PIN.',
        field: 'staffId',
      });
    }
    const ok = who.pin === args.pin;
    this.attempt(who, ok);
    if (!ok) {
      throw new Refusal({
        code: 'unauthenticated',
        message: 'That PIN is not right.',
        field: 'pin',
      });
    }
    this.desk = { staffId: who.id, locked: false };
    return this.deskStatus();
  }

  demoAccountList(): DemoAccount[] {
    if (!this.demoAccounts) return [];
    return DEMO_ACCOUNTS.map(([displayName, username, pin, role]) => ({
      displayName,
      username,
      password: DEMO_PASSWORD,
      pin,
      roles: [role],
    }));
  }

  staffList(): StaffMember[] {
    return this.staff.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      username: s.username,
      roles: [...s.roles],
      practitionerId: s.practitionerId,
      active: s.active,
      hasPin: s.pin !== null,
      mustChangePassword: false,
      lockedUntilMs: s.lockedUntilMs > Date.now() ? s.lockedUntilMs : null,
    }));
  }

  saveStaff(args: StaffInput): StaffMember {
    const roles = (['owner', 'reception', 'therapist'] as Role[]).filter((r) =>
      (args.roles ?? []).includes(r),
    );
    if (roles.length === 0) throw validation('roles', 'Choose at least one role.');
    const displayName = requiredLine('displayName', 'Name', args.displayName, 80);
    const username = String(args.username ?? '').trim();
    if (
      [...username].length < 3 ||
      [...username].length > 40 ||
      !/^[\p{L}\p{N}._-]+$/u.test(username)
    ) {
      throw validation(
        'username',
        'Username should be 3 to 40 letters, digits, dots, dashes or underscores.',
      );
    }
    const clash = this.staff.find(
      (s) => s.username.toLowerCase() === username.toLowerCase() && s.id !== args.id,
    );
    if (clash) throw validation('username', 'That username is already in use.');
    const existing = this.staff.find((s) => s.id === args.id);
    if (existing) {
      Object.assign(existing, { displayName, username, roles, active: !!args.active });
      this.record('staff', existing.id, 'update');
    } else {
      const password = String(args.password ?? '');
      if ([...password].length < 8 || [...password].length > 200) {
        throw validation('password', 'Password should be 8 to 200 characters.');
      }
      this.addStaff({ displayName, username, password }, roles, null, args.practitionerId);
    }
    return this.staffList().find((s) => s.username === username)!;
  }

  // Empower: the library, a visit's programme, the aftercare sheet and issued documents

  handoutList(args: HandoutFilter): HandoutSummary[] {
    const text = words(String(args.text ?? '')).join(' ');
    return this.handouts
      .filter((h) => args.includeRetired === true || !h.retired)
      .filter((h) => !args.category || latest(h).category === args.category)
      .filter((h) => !args.region || latest(h).regions.includes(args.region))
      .filter(
        (h) =>
          text === '' ||
          words(latest(h).title + ' ' + latest(h).why)
            .join(' ')
            .includes(text),
      )
      .sort((a, b) => latest(a).title.localeCompare(latest(b).title) || a.id.localeCompare(b.id))
      .map((h) => ({
        id: h.id,
        slug: h.slug,
        title: latest(h).title,
        category: latest(h).category,
        regions: [...latest(h).regions],
        version: h.versions.length,
        retired: h.retired,
        source: h.source,
      }));
  }

  storedHandout(raw: unknown): StoredHandout {
    const key = id('id', raw);
    const handout = this.handouts.find((h) => h.id === key);
    if (!handout) throw notFound('handout');
    return handout;
  }

  handoutView(h: StoredHandout): Handout {
    return {
      id: h.id,
      slug: h.slug,
      version: h.versions.length,
      currentVersion: h.versions.length,
      retired: h.retired,
      source: h.source,
      content: JSON.parse(JSON.stringify(latest(h))) as HandoutContent,
    };
  }

  /** A slug from the title that no other handout uses. */
  freeSlug(title: string): string {
    const base = words(title).join('-') || 'handout';
    let slug = base;
    for (let n = 2; this.handouts.some((h) => h.slug === slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  saveHandout(args: SaveHandout): Handout {
    const content = parseHandout(args.content ?? ({} as HandoutContent));
    if (args.id === undefined || args.id === null) {
      const handout: StoredHandout = {
        id: this.newId(),
        slug: this.freeSlug(content.title),
        source: 'clinic',
        retired: false,
        versions: [content],
      };
      this.handouts.push(handout);
      this.record('handout', handout.id, 'create');
      return this.handoutView(handout);
    }
    const handout = this.storedHandout(args.id);
    handout.versions.push(content);
    this.record('handout', handout.id, 'new_version');
    return this.handoutView(handout);
  }

  duplicateHandout(args: { id: string }): Handout {
    const original = this.storedHandout(args.id);
    const content = JSON.parse(JSON.stringify(latest(original))) as HandoutContent;
    content.title = `${[...content.title].slice(0, 73).join('')} (copy)`;
    const copy: StoredHandout = {
      id: this.newId(),
      slug: this.freeSlug(content.title),
      source: 'clinic',
      retired: false,
      versions: [content],
    };
    this.handouts.push(copy);
    this.record('handout', copy.id, 'duplicate');
    return this.handoutView(copy);
  }

  retireHandout(args: RetireHandout): Handout {
    const handout = this.storedHandout(args.id);
    handout.retired = args.retired === true;
    this.record('handout', handout.id, handout.retired ? 'retire' : 'restore');
    return this.handoutView(handout);
  }

  visit(appointmentId: unknown): StoredAppointment {
    const stored = this.appointments.find((a) => a.id === String(appointmentId ?? ''));
    if (!stored) throw validation('appointmentId', 'That appointment does not exist.');
    return stored;
  }

  programme(appointmentId: string): SessionProgramme {
    const stored = this.visit(appointmentId);
    const p = this.programmes.get(stored.id) ?? { workedOn: '', whatToExpect: '', items: [] };
    return {
      appointmentId: stored.id,
      clientId: stored.clientId,
      workedOn: p.workedOn,
      whatToExpect: p.whatToExpect,
      items: p.items.map((i) => ({ ...i, dosage: { ...i.dosage } })),
      fromNote: { betweenVisits: [], measures: [] },
    };
  }

  private programmeOf(appointmentId: string) {
    const stored = this.visit(appointmentId);
    let p = this.programmes.get(stored.id);
    if (!p) {
      p = { workedOn: '', whatToExpect: '', items: [] };
      this.programmes.set(stored.id, p);
    }
    return p;
  }

  private itemOwner(itemId: string): [string, ProgrammeItem] {
    for (const [appointmentId, p] of this.programmes) {
      const item = p.items.find((i) => i.id === itemId);
      if (item) return [appointmentId, item];
    }
    throw notFound('self-care item');
  }

  assign(args: AssignHandout): SessionProgramme {
    const p = this.programmeOf(args.appointmentId);
    const handout = this.handouts.find((h) => h.id === args.handoutId);
    if (!handout) throw validation('handoutId', 'That handout does not exist.');
    if (handout.retired) throw validation('handoutId', 'That handout has been retired.');
    const content = latest(handout);
    const dosage = cleanDosage(args.dosage ?? content.dosage);
    p.items.push({
      id: this.newId(),
      handoutId: handout.id,
      handoutVersion: handout.versions.length,
      title: content.title,
      category: content.category,
      dosage,
      dosageText: describeDosage(dosage),
      personalNote: multiline('personalNote', 'Personal note', args.personalNote, 500),
      assignedAtMs: Date.now(),
    });
    this.record('programme', args.appointmentId, 'assign');
    return this.programme(args.appointmentId);
  }

  updateItem(args: UpdateProgrammeItem): SessionProgramme {
    const [appointmentId, item] = this.itemOwner(String(args.id ?? ''));
    const dosage = cleanDosage(args.dosage ?? {});
    const personalNote = multiline('personalNote', 'Personal note', args.personalNote, 500);
    item.dosage = dosage;
    item.dosageText = describeDosage(dosage);
    item.personalNote = personalNote;
    this.record('programme', appointmentId, 'update');
    return this.programme(appointmentId);
  }

  removeItem(args: { id: string }): SessionProgramme {
    const [appointmentId, item] = this.itemOwner(String(args.id ?? ''));
    const p = this.programmes.get(appointmentId)!;
    p.items = p.items.filter((i) => i.id !== item.id);
    this.record('programme', appointmentId, 'remove');
    return this.programme(appointmentId);
  }

  notes(args: AftercareNotes): SessionProgramme {
    const workedOn = multiline('workedOn', 'What we worked on', args.workedOn, 2000);
    const whatToExpect = multiline('whatToExpect', 'What to expect', args.whatToExpect, 2000);
    const p = this.programmeOf(args.appointmentId);
    p.workedOn = workedOn;
    p.whatToExpect = whatToExpect;
    this.record('programme', args.appointmentId, 'notes');
    return this.programme(args.appointmentId);
  }

  sheet(appointmentId: string): AftercareSheet {
    const settings = this.requireSettings();
    const stored = this.visit(appointmentId);
    const view = this.view(stored);
    const p = this.programme(stored.id);
    const lines = (text: string) =>
      text
        .split(/\n+/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    const next = this.appointments
      .filter(
        (a) => a.clientId === stored.clientId && a.start > stored.start && a.status !== 'cancelled',
      )
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, 3)
      .map((a) => {
        const v = this.view(a);
        return `${longDate(a.start.slice(0, 10))} at ${hhmm(a.start)} with ${v.practitionerName}`;
      });
    return {
      documentId: `aftercare-${stored.id}`,
      issuedAt: `${stored.start.slice(0, 10)}T${hhmm(stored.end)}:00`,
      letterhead: {
        clinicName: settings.name,
        addressLines: lines(settings.address),
        phone: settings.phone,
        email: settings.email,
        website: settings.website,
        logoPng: this.logo ? [...atob(this.logo)].map((c) => c.charCodeAt(0)) : null,
      },
      clientName: view.clientName,
      therapistName: view.practitionerName,
      sessionDate: longDate(stored.start.slice(0, 10)),
      workedOn: lines(p.workedOn),
      todaysMeasures: [],
      whatToExpect: p.whatToExpect.trim() ? lines(p.whatToExpect) : [...STANDARD_EXPECT],
      betweenVisits: [],
      items: p.items.map((item) => {
        // The version that was assigned: later edits do not change a planned sheet.
        const stored = this.handouts.find((x) => x.id === item.handoutId)!;
        const h = stored.versions[item.handoutVersion - 1] ?? latest(stored);
        return {
          title: item.title,
          why: h.why,
          steps: [...h.steps],
          dosage: item.dosageText,
          personalNote: item.personalNote || null,
          cautions: [...h.cautions],
          illustrationSvg: h.illustrationSvg || null,
        };
      }),
      seekHelp: [...SEEK_HELP],
      nextAppointments: next,
      contactLine: `Questions? Call us on ${settings.phone} or write to ${settings.email}.`,
    };
  }

  async issue(args: IssueAftercare): Promise<PdfFile> {
    const sheet = this.sheet(args.appointmentId);
    const stored = this.visit(args.appointmentId);
    const paper = args.options?.paper === 'letter' ? 'letter' : 'a4';
    const largePrint = args.options?.largePrint === true;
    const body = `%PDF-1.7\n% Palma aftercare sheet (fake)\n% ${JSON.stringify({ sheet, paper, largePrint })}\n%%EOF\n`;
    const bytes = new TextEncoder().encode(body);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    let binary = '';
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    const client = this.clients.find((c) => c.id === stored.clientId)!;
    const fileName = `Aftercare ${client.familyName} ${stored.start.slice(0, 10)}.pdf`;
    const document: IssuedDocument = {
      id: this.newId(),
      clientId: stored.clientId,
      appointmentId: stored.id,
      kind: 'aftercare',
      title: `Aftercare sheet, ${sheet.sessionDate}`,
      options: { paper, largePrint },
      sha256,
      byteSize: bytes.length,
      issuedAtMs: Date.now() + this.clock++,
      issuedBy: this.actor()?.displayName ?? '',
    };
    this.documents.push({ ...document, base64: btoa(binary), fileName });
    this.record('document', document.id, 'issue');
    return { document, fileName, base64: btoa(binary) };
  }

  documentList(clientId: string): IssuedDocument[] {
    return this.documents
      .filter((d) => d.clientId === clientId)
      .sort((a, b) => b.issuedAtMs - a.issuedAtMs)
      .map(({ base64: _b, fileName: _f, ...d }) => ({ ...d, options: { ...d.options } }));
  }

  reprint(args: { id: string }): PdfFile {
    const stored = this.documents.find((d) => d.id === args.id);
    if (!stored) throw notFound('document');
    const { base64, fileName, ...document } = stored;
    return { document, fileName, base64 };
  }

  updateSettings(args: SettingsInput): ClinicSettings {
    const stored = this.requireSettings();
    this.settings = parseSettings(args, stored.sharedCare);
    this.record('settings', 'clinic', 'update');
    return this.settingsView();
  }

  // therapists, rooms, services

  savePractitioner(args: PractitionerInput): Practitioner {
    const displayName = requiredLine('displayName', 'Name', args.displayName, 80);
    const c = colour('colour', args.colour);
    const saved: Practitioner = { id: '', displayName, colour: c, active: !!args.active };
    return this.save('practitioner', this.practitioners, args.id, saved);
  }

  saveRoom(args: RoomInput): Room {
    const name = requiredLine('name', 'Room name', args.name, 80);
    const roomType = optionalLine('roomType', 'Room type', args.roomType, 40);
    return this.save('room', this.rooms, args.id, {
      id: '',
      name,
      roomType,
      active: !!args.active,
    });
  }

  saveService(args: ServiceInput): Service {
    const name = requiredLine('name', 'Service name', args.name, 80);
    const durationMin = within('durationMin', 'Duration (minutes)', args.durationMin, 5, 480);
    const bufferMin = within('bufferMin', 'Turnover time (minutes)', args.bufferMin, 0, 120);
    const priceMinor = within('priceMinor', 'Price', args.priceMinor, 0, 100_000_000);
    const c = colour('colour', args.colour);
    const currency = this.requireSettings().currency;
    const saved: Service = {
      id: '',
      name,
      durationMin,
      bufferMin,
      priceMinor,
      currency,
      colour: c,
      roomType: optionalLine('roomType', 'Room type', args.roomType, 40),
      practitionerIds: Array.isArray(args.practitionerIds) ? args.practitionerIds.map(String) : [],
      active: !!args.active,
    };
    return this.save('service', this.services, args.id, saved);
  }

  private save<T extends { id: string }>(
    entity: string,
    list: T[],
    existing: string | undefined,
    value: T,
  ): T {
    if (existing !== undefined && existing !== null) {
      const key = id('id', existing);
      const index = list.findIndex((item) => item.id === key);
      if (index < 0) throw notFound(entity);
      value.id = key;
      list[index] = value;
      this.record(entity, key, 'update');
    } else {
      value.id = this.newId();
      list.push(value);
      this.record(entity, value.id, 'create');
    }
    return { ...value };
  }

  // clients

  parseClient(input: ClientInput): Omit<Client, 'id'> {
    const dobText = String(input.dateOfBirth ?? '').trim();
    let dateOfBirth: string | null = null;
    if (dobText !== '') {
      if (!isIsoDate(dobText)) {
        throw validation('dateOfBirth', 'Date of birth should be a date like 1980-04-23.');
      }
      const oldest = addDays(this.today, -130 * 366);
      if (dobText > this.today || dobText < oldest) {
        throw validation(
          'dateOfBirth',
          'Date of birth must be in the past (and within 130 years).',
        );
      }
      dateOfBirth = dobText;
    }
    const client = {
      givenName: requiredLine('givenName', 'First name', input.givenName, 80),
      familyName: requiredLine('familyName', 'Last name', input.familyName, 80),
      preferredName: optionalLine('preferredName', 'Preferred name', input.preferredName, 80),
      dateOfBirth,
      phone: phone('phone', input.phone),
      email: email('email', input.email),
      notesForReception: multiline(
        'notesForReception',
        'Notes for reception',
        input.notesForReception,
        2000,
      ),
      address: multiline('address', 'Address', input.address, 400),
      emergencyContactName: optionalLine(
        'emergencyContactName',
        'Emergency contact',
        input.emergencyContactName,
        80,
      ),
      emergencyContactPhone:
        String(input.emergencyContactPhone ?? '').trim() === ''
          ? ''
          : phone('emergencyContactPhone', input.emergencyContactPhone),
      preferredContact: input.preferredContact ?? 'unspecified',
      alerts: multiline('alerts', 'Alerts', input.alerts, 500),
    };
    if (client.phone === '' && client.email === '') {
      throw validation(
        'phone',
        'Give a phone number or an email address, so the clinic can reach the client.',
      );
    }
    return client;
  }

  createClient(input: ClientInput): Client {
    const client: Client = { id: this.newId(), ...this.parseClient(input) };
    this.clients.push(client);
    this.record('client', client.id, 'create');
    return { ...client };
  }

  updateClient(args: ClientUpdate): Client {
    const parsed = this.parseClient(args.client);
    const key = id('id', args.id);
    const index = this.clients.findIndex((c) => c.id === key);
    if (index < 0) throw notFound('client');
    const client: Client = { id: key, ...parsed };
    this.clients[index] = client;
    this.record('client', key, 'update');
    return { ...client };
  }

  getClient(args: { id: string }): Client {
    const key = id('id', args.id);
    const client = this.clients.find((c) => c.id === key);
    if (!client) throw notFound('client');
    return { ...client };
  }

  searchClients(args: SearchClients): ClientSummary[] {
    const limit = within('limit', 'Limit', args.limit ?? 20, 1, 50);
    const text = optionalLine('text', 'Search text', args.text, 200);
    const digits = text.replace(/\D/g, '');
    const query =
      digits !== '' && /^[0-9 +\-.()]+$/.test(text) ? [digits] : words(text).slice(0, 4);
    return this.clients
      .filter((client) => {
        const key = searchKey(client);
        return query.every((word) => key.includes(' ' + word));
      })
      .sort(
        (a, b) =>
          a.familyName.localeCompare(b.familyName) ||
          a.givenName.localeCompare(b.givenName) ||
          a.id.localeCompare(b.id),
      )
      .slice(0, limit)
      .map((c): ClientSummary => ({
        id: c.id,
        givenName: c.givenName,
        familyName: c.familyName,
        preferredName: c.preferredName,
        dateOfBirth: c.dateOfBirth,
        phone: c.phone,
        email: c.email,
      }));
  }

  // appointments

  view(stored: StoredAppointment): Appointment {
    const client = this.clients.find((c) => c.id === stored.clientId)!;
    const service = this.services.find((s) => s.id === stored.serviceId)!;
    const practitioner = this.practitioners.find((p) => p.id === stored.practitionerId)!;
    const room = this.rooms.find((r) => r.id === stored.roomId)!;
    return {
      id: stored.id,
      clientId: client.id,
      clientName: `${client.preferredName || client.givenName} ${client.familyName}`,
      serviceId: service.id,
      serviceName: service.name,
      practitionerId: practitioner.id,
      practitionerName: practitioner.displayName,
      roomId: room.id,
      roomName: room.name,
      start: stored.start,
      end: stored.end,
      startMs: minutesOf(stored.start) * 60_000,
      endMs: minutesOf(stored.end) * 60_000,
      status: stored.status,
      colour: service.colour,
      cancelReason: stored.cancelReason,
      lateCancellation: stored.lateCancellation,
      seriesId: null,
      overrideReason: null,
      hasPrecaution: false,
    };
  }

  book(args: BookAppointment): Appointment {
    const clientId = id('clientId', args.clientId);
    const serviceId = id('serviceId', args.serviceId);
    const practitionerId = id('practitionerId', args.practitionerId);
    const roomId = id('roomId', args.roomId);
    this.requireSettings();
    const start = String(args.start ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(start) || !isIsoDate(start.slice(0, 10))) {
      throw validation('start', 'Time should look like 2026-11-22T09:30.');
    }
    const active = <T extends { id: string; active: boolean }>(
      list: T[],
      key: string,
      field: string,
      what: string,
    ): T => {
      const found = list.find((item) => item.id === key);
      if (!found) throw validation(field, `That ${what} does not exist.`);
      if (!found.active) throw validation(field, `That ${what} is no longer available.`);
      return found;
    };
    const service = active(this.services, serviceId, 'serviceId', 'service');
    const practitioner = active(this.practitioners, practitionerId, 'practitionerId', 'therapist');
    const room = active(this.rooms, roomId, 'roomId', 'room');
    if (!this.clients.some((c) => c.id === clientId)) {
      throw validation('clientId', 'That client does not exist.');
    }
    const end = addMinutes(start, service.durationMin);
    const blockEnd = addMinutes(start, service.durationMin + service.bufferMin);
    const [s, e, b] = [minutesOf(start), minutesOf(end), minutesOf(blockEnd)];
    const live = this.appointments
      .filter((a) => a.status !== 'cancelled' && a.status !== 'no_show')
      .sort((x, y) => minutesOf(x.start) - minutesOf(y.start));
    const held = (a: StoredAppointment) => minutesOf(a.start) < b && minutesOf(a.blockEnd) > s;
    const attends = (a: StoredAppointment) => minutesOf(a.start) < e && minutesOf(a.end) > s;
    const turnover = (a: StoredAppointment) => (a.blockEnd > a.end ? ' (plus turnover time)' : '');
    const span = (a: StoredAppointment) => `${hhmm(a.start)} to ${hhmm(a.end)}`;
    const byPractitioner = live.find((a) => a.practitionerId === practitionerId && held(a));
    if (byPractitioner) {
      throw conflict(
        `${practitioner.displayName} is already booked from ${span(byPractitioner)}${turnover(byPractitioner)}.`,
        'practitionerId',
      );
    }
    const byRoom = live.find((a) => a.roomId === roomId && held(a));
    if (byRoom) {
      throw conflict(
        `${room.name} is already in use from ${span(byRoom)}${turnover(byRoom)}.`,
        'roomId',
      );
    }
    const byClient = live.find((a) => a.clientId === clientId && attends(a));
    if (byClient) {
      const other = this.practitioners.find((p) => p.id === byClient.practitionerId);
      throw conflict(
        `This client already has an appointment from ${span(byClient)} with ${other?.displayName ?? 'another therapist'}.`,
        'clientId',
      );
    }
    const stored: StoredAppointment = {
      id: this.newId(),
      clientId,
      serviceId,
      practitionerId,
      roomId,
      start,
      end,
      blockEnd,
      status: 'booked',
      cancelReason: null,
      lateCancellation: false,
    };
    this.appointments.push(stored);
    this.record('appointment', stored.id, 'book');
    return this.view(stored);
  }

  cancel(args: CancelAppointment): Appointment {
    const key = id('id', args.id);
    const reason = requiredLine('reason', 'Reason', args.reason, 300);
    const settings = this.requireSettings();
    const stored = this.appointments.find((a) => a.id === key);
    if (!stored) throw notFound('appointment');
    if (stored.status === 'cancelled') throw conflict('This appointment is already cancelled.');
    if (stored.status === 'completed' || stored.status === 'no_show') {
      throw conflict('This appointment is over and can no longer be cancelled.');
    }
    stored.status = 'cancelled';
    stored.cancelReason = reason;
    stored.lateCancellation =
      minutesOf(stored.start) - minutesOf(this.now) < settings.lateCancelHours * 60;
    this.record('appointment', stored.id, 'cancel');
    return this.view(stored);
  }

  calendar(args: CalendarRange): CalendarView {
    const settings = this.requireSettings();
    const from = String(args.from ?? '').trim();
    if (from === '') throw validation('from', 'First day is required.');
    if (!isIsoDate(from)) throw validation('from', 'First day should be a date like 1980-04-23.');
    const days = within('days', 'Number of days', args.days, 1, 14);
    const [lo, hi] = [minutesOf(`${from}T00:00`), minutesOf(`${addDays(from, days)}T00:00`)];
    const appointments = this.appointments
      .filter((a) => minutesOf(a.start) < hi && minutesOf(a.end) > lo)
      .filter((a) => args.includeCancelled || a.status !== 'cancelled')
      .map((a) => this.view(a))
      .sort(
        (x, y) =>
          x.start.localeCompare(y.start) || x.practitionerName.localeCompare(y.practitionerName),
      );
    return {
      from,
      days,
      timeZone: settings.timeZone,
      today: this.today,
      now: this.now,
      practitioners: this.practitioners
        .filter((p) => p.active)
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((p) => ({ ...p })),
      rooms: this.rooms
        .filter((r) => r.active)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((r) => ({ ...r })),
      appointments,
    };
  }

  changes(args: ChangesSince): Changes {
    const since = Number(args.since) || 0;
    const changes = this.journal.filter((c) => c.seq > since).slice(0, 500);
    const latest = changes.length
      ? changes[changes.length - 1]!.seq
      : Math.max(since, this.journal.length);
    return { latest, changes };
  }

  // demo data

  fillLibrary(): void {
    this.handouts = LIBRARY.map((h) => ({
      id: this.newId(),
      slug: h.slug,
      source: 'library',
      retired: false,
      versions: [contentOf(h)],
    }));
  }

  fillDemo(): void {
    const rng = random(0x9a1a);
    const pick = <T>(list: T[]): T => list[Math.floor(rng() * list.length)]!;
    for (const [displayName, c] of THERAPISTS) {
      this.savePractitioner({ displayName, colour: c, active: true });
    }
    for (const name of ROOMS) this.saveRoom({ name, roomType: '', active: true });
    DEMO_ACCOUNTS.forEach(([displayName, username, pin, role], n) => {
      const practitionerId = role === 'therapist' ? this.practitioners[n]?.id : undefined;
      this.addStaff(
        { displayName, username, password: DEMO_PASSWORD },
        [role],
        pin,
        practitionerId,
      );
    });
    this.demoAccounts = true;
    for (const [name, durationMin, bufferMin, priceMinor, c] of SERVICES) {
      this.saveService({
        name,
        durationMin,
        bufferMin,
        priceMinor,
        colour: c,
        roomType: '',
        practitionerIds: [],
        active: true,
      });
    }
    CLIENTS.forEach(([givenName, familyName, preferredName], n) => {
      this.createClient({
        givenName,
        familyName,
        preferredName,
        dateOfBirth: `${1950 + ((n * 7) % 52)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(
          1 + ((n * 3) % 28),
        ).padStart(2, '0')}`,
        phone: `07700 900${String(n).padStart(3, '0')}`,
        email: `client${String(n).padStart(2, '0')}@example.org`,
        notesForReception: n === 4 ? 'Prefers afternoon appointments. Parks at the back.' : '',
        address: '',
        emergencyContactName: '',
        emergencyContactPhone: '',
        preferredContact: 'unspecified',
        alerts: '',
        confirmedNotDuplicate: false,
      });
    });
    const monday = mondayOf(this.today);
    for (let d = 0; d < 14; d++) {
      const day = addDays(monday, d);
      // Sundays are a short morning clinic.
      const slots = dateValue(day).getUTCDay() === 0 ? DAY_SLOTS.slice(0, 3) : DAY_SLOTS;
      for (const therapist of this.practitioners) {
        for (const slot of slots) {
          if (rng() >= 0.7) continue;
          const request: BookAppointment = {
            clientId: pick(this.clients).id,
            serviceId: pick(this.services).id,
            practitionerId: therapist.id,
            roomId: pick(this.rooms).id,
            start: `${day}T${slot}`,
          };
          let booked: Appointment | null = null;
          for (const roomId of [request.roomId, ...this.rooms.map((r) => r.id)]) {
            try {
              booked = this.book({ ...request, roomId });
              break;
            } catch (refusal) {
              if (!(refusal instanceof Refusal) || refusal.error.code !== 'conflict') throw refusal;
            }
          }
          if (booked && day >= this.today && rng() < 0.06) {
            this.cancel({ id: booked.id, reason: pick(CANCEL_REASONS) });
          }
        }
      }
    }
  }
}

function parseOwner(owner: NewStaff | undefined): NewStaff {
  const displayName = requiredLine('owner.displayName', 'Name', owner?.displayName, 80);
  const username = String(owner?.username ?? '').trim();
  if (
    [...username].length < 3 ||
    [...username].length > 40 ||
    !/^[\p{L}\p{N}._-]+$/u.test(username)
  ) {
    throw validation(
      'owner.username',
      'Username should be 3 to 40 letters, digits, dots, dashes or underscores.',
    );
  }
  const password = String(owner?.password ?? '');
  if ([...password].length < 8 || [...password].length > 200) {
    throw validation('owner.password', 'Password should be 8 to 200 characters.');
  }
  return { displayName, username, password };
}

function cleanDosage(raw: Dosage): Dosage {
  const dosage: Dosage = {};
  for (const key of [
    'holdSeconds',
    'repetitions',
    'sets',
    'timesPerDay',
    'timesPerWeek',
    'minutes',
  ] as const) {
    const value = raw?.[key];
    if (value !== undefined && value !== null) dosage[key] = Number(value);
  }
  const problem = dosageProblem(dosage, 'dosage');
  if (problem) throw validation(problem[0], problem[1]);
  return dosage;
}

function longDate(day: IsoDate): string {
  return dateValue(day).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Checks a settings form; an absent `sharedCare` keeps `sharedCare` as it was. */
function parseSettings(input: SettingsInput, sharedCare = false): StoredSettings {
  const timeZone = String(input.timeZone ?? '').trim();
  let zoneOk = timeZone !== '';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    zoneOk = false;
  }
  if (!zoneOk) {
    throw validation('timeZone', 'Time zone should be a place name like Europe/London.');
  }
  const currency = String(input.currency ?? '')
    .trim()
    .toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw validation('currency', 'Currency should be a code like GBP.');
  return {
    name: requiredLine('name', 'Clinic name', input.name, 120),
    address: multiline('address', 'Address', input.address, 400),
    phone: phone('phone', input.phone),
    email: email('email', input.email),
    website: optionalLine('website', 'Website', input.website, 200),
    timeZone,
    currency,
    lateCancelHours: within(
      'lateCancelHours',
      'Late-cancellation notice (hours)',
      input.lateCancelHours,
      0,
      168,
    ),
    sharedCare: input.sharedCare ?? sharedCare,
  };
}

/** An in-memory clinic behind the `Transport` interface. */
export function createFakeTransport(options: FakeOptions): FakeTransport {
  const today = options.today ?? browserToday();
  const now = options.now ?? `${today}T${browserNow().slice(11)}`;
  const clinic = new FakeClinic(today, now);
  clinic.fillLibrary();
  if (options.calendarVisibleWhenLocked === false) clinic.policy.calendarVisibleWhenLocked = false;
  if (options.scenario === 'demo') {
    clinic.start({ kind: 'demo' });
    const who = options.signedIn === undefined ? 'owner' : options.signedIn;
    clinic.desk = {
      staffId: clinic.staff.find((s) => s.username === who)?.id ?? null,
      locked: false,
    };
  }
  const calls: Array<{ op: string; args: unknown }> = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const handlers: Record<string, (args: any) => unknown> = {
    'setup.status': () => clinic.status(),
    'setup.start': (args: StartClinic) => clinic.start(args),
    'setup.create_owner': (args: NewStaff) => clinic.createOwner(args),
    'setup.demo_accounts': () => clinic.demoAccountList(),
    'staff.me': () => clinic.deskStatus(),
    'staff.sign_in': (args: SignIn) => clinic.signIn(args),
    'staff.sign_out': () => {
      clinic.desk = { staffId: null, locked: false };
      return clinic.deskStatus();
    },
    'staff.lock': () => {
      if (clinic.actor()) clinic.desk.locked = true;
      return clinic.deskStatus();
    },
    'staff.unlock': (args: Unlock) => clinic.unlock(args),
    'staff.switch_list': () => clinic.switchList(),
    'staff.switch': (args: Switch) => clinic.switchTo(args),
    'staff.list': () => clinic.staffList(),
    'staff.save': (args: StaffInput) => clinic.saveStaff(args),
    'handouts.list': (args: HandoutFilter) => clinic.handoutList(args),
    'handouts.get': (args: { id: string }) => clinic.handoutView(clinic.storedHandout(args.id)),
    'handouts.save': (args: SaveHandout) => clinic.saveHandout(args),
    'handouts.duplicate': (args: { id: string }) => clinic.duplicateHandout(args),
    'handouts.retire': (args: RetireHandout) => clinic.retireHandout(args),
    'programme.get': (args: { id: string }) => clinic.programme(args.id),
    'programme.assign': (args: AssignHandout) => clinic.assign(args),
    'programme.update': (args: UpdateProgrammeItem) => clinic.updateItem(args),
    'programme.remove': (args: { id: string }) => clinic.removeItem(args),
    'programme.notes': (args: AftercareNotes) => clinic.notes(args),
    'aftercare.preview': (args: { id: string }) => clinic.sheet(args.id),
    'aftercare.issue': (args: IssueAftercare) => clinic.issue(args),
    'documents.list': (args: { clientId: string }) => clinic.documentList(args.clientId),
    'documents.reprint': (args: { id: string }) => clinic.reprint(args),
    'settings.get': () => clinic.settingsView(),
    'settings.logo': () => (clinic.requireSettings(), { base64: clinic.logo }),
    'settings.logo_set': (args: { base64: string }) => clinic.setLogo(args),
    'settings.logo_clear': () => clinic.clearLogo(),
    'settings.update': (args: SettingsInput) => clinic.updateSettings(args),
    'practitioners.list': () => clinic.practitioners.map((p) => ({ ...p })),
    'practitioners.save': (args: PractitionerInput) => clinic.savePractitioner(args),
    'rooms.list': () => clinic.rooms.map((r) => ({ ...r })),
    'rooms.save': (args: RoomInput) => clinic.saveRoom(args),
    'services.list': () => clinic.services.map((s) => ({ ...s })),
    'services.save': (args: ServiceInput) => clinic.saveService(args),
    'clients.search': (args: SearchClients) => clinic.searchClients(args),
    'clients.get': (args: { id: string }) => clinic.getClient(args),
    'clients.create': (args: ClientInput) => clinic.createClient(args),
    'clients.update': (args: ClientUpdate) => clinic.updateClient(args),
    'calendar.range': (args: CalendarRange) => clinic.calendar(args),
    'appointments.book': (args: BookAppointment) => clinic.book(args),
    'appointments.cancel': (args: CancelAppointment) => clinic.cancel(args),
    'appointments.unclosed': (args: UnclosedQuery) => unclosed(clinic, args),
    'appointments.close_out': (args: CloseOut) => closeOut(clinic, args),
    'journal.changes': (args: ChangesSince) => clinic.changes(args),
    ...options.extra,
  };

  return {
    calls,
    count(op) {
      return calls.filter((c) => c.op === op).length;
    },
    async send(op, args) {
      // JSON both ways, as over the real IPC (undefined fields vanish, NaN becomes null).
      const wire = (value: unknown) => JSON.parse(JSON.stringify(value ?? {}));
      calls.push({ op, args: wire(args) });
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      else await Promise.resolve();
      const handler = handlers[op];
      if (!handler) {
        throw { code: 'validation', message: `Unknown operation ${op}.` } satisfies ApiError;
      }
      try {
        clinic.guard(op);
        const result = wire(await handler(wire(args)));
        // A locked desk that may still show the calendar shows no client names.
        if (op === 'calendar.range' && clinic.desk.locked) {
          for (const a of (result as CalendarView).appointments) {
            a.clientName = 'Booked';
            a.cancelReason = null;
            a.overrideReason = null;
          }
        }
        return result;
      } catch (refusal) {
        if (refusal instanceof Refusal) throw { ...refusal.error };
        throw refusal;
      }
    },
    async native(command, args) {
      const wire = JSON.parse(JSON.stringify(args ?? {}));
      calls.push({ op: command, args: wire });
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      else await Promise.resolve();
      if (!String(wire.fileName ?? '').endsWith('.pdf') || !wire.base64) {
        throw {
          code: 'validation',
          message: 'This is not a PDF from Palma.',
          field: 'base64',
        } satisfies ApiError;
      }
      return command === 'open_pdf'
        ? `/tmp/palma-print/${wire.fileName}`
        : `/home/clinic/Documents/${wire.fileName}`;
    },
  };
}
