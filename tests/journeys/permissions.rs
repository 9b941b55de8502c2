//! The permission matrix: every operation called as every role, checked against a table kept
//! here beside the operations table. Adding an operation without adding it below fails.

use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::{Call, OPERATIONS, parse_call};
use palma::staff::{Actor, Desk, Role, StaffInput, StaffMember};
use serde_json::{Value, json};

const ALL: &[Role] = &[Role::Owner, Role::Reception, Role::Therapist];
const OWNER: &[Role] = &[Role::Owner];
const CLINICIANS: &[Role] = &[Role::Owner, Role::Therapist];

/// Which roles may call each operation. Reception: schedule, contact details; therapists the
/// same and their clients' clinical records; owner: everything, including staff, settings, journal,
/// backups and exports.
const EXPECTED: &[(&str, &[Role])] = &[
    ("setup.status", ALL),
    ("setup.start", ALL),
    ("setup.create_owner", ALL),
    ("setup.demo_accounts", ALL),
    ("setup.checklist", OWNER),
    ("settings.choices", ALL),
    ("staff.sign_in", ALL),
    ("staff.sign_out", ALL),
    ("staff.switch", ALL),
    ("staff.switch_list", ALL),
    ("staff.lock", ALL),
    ("staff.unlock", ALL),
    ("staff.me", ALL),
    ("staff.list", OWNER),
    ("staff.save", OWNER),
    ("staff.set_password", ALL),
    ("staff.set_pin", ALL),
    ("staff.policy_save", OWNER),
    ("settings.get", ALL),
    ("settings.update", OWNER),
    ("settings.logo", ALL),
    ("settings.logo_set", OWNER),
    ("settings.logo_clear", OWNER),
    ("practitioners.list", ALL),
    ("practitioners.save", OWNER),
    ("rooms.list", ALL),
    ("rooms.save", OWNER),
    ("services.list", ALL),
    ("services.save", OWNER),
    ("clients.search", ALL),
    ("clients.get", ALL),
    ("clients.create", ALL),
    ("clients.update", ALL),
    ("clients.export", OWNER),
    ("clients.export_to", OWNER),
    ("clients.export_csv_to", OWNER),
    ("clients.csv_columns", OWNER),
    ("clients.import_csv", OWNER),
    ("clients.export_csv", OWNER),
    ("clients.erase", OWNER),
    ("retention.purge_due", OWNER),
    ("retention.restricted", OWNER),
    ("retention.settings", OWNER),
    ("retention.configure", OWNER),
    ("calendar.range", ALL),
    ("appointments.book", ALL),
    ("appointments.cancel", ALL),
    ("journal.changes", ALL),
    ("journal.search", OWNER),
    ("backup.now", OWNER),
    ("backup.settings", OWNER),
    ("backup.configure", OWNER),
    ("handouts.list", ALL),
    ("handouts.get", ALL),
    ("handouts.save", CLINICIANS),
    ("handouts.duplicate", CLINICIANS),
    ("handouts.retire", CLINICIANS),
    ("programme.get", CLINICIANS),
    ("programme.assign", CLINICIANS),
    ("programme.update", CLINICIANS),
    ("programme.remove", CLINICIANS),
    ("programme.notes", CLINICIANS),
    ("aftercare.preview", CLINICIANS),
    ("aftercare.issue", CLINICIANS),
    ("documents.list", ALL),
    ("documents.reprint", ALL),
    ("clients.alert_flags", ALL),
    ("clients.service_caution", ALL),
    ("care.record", CLINICIANS),
    ("care.may_open", CLINICIANS),
    ("care.break_glass", CLINICIANS),
    ("care.access_grants", OWNER),
    ("care.questionnaire", CLINICIANS),
    ("care.body_regions", CLINICIANS),
    ("care.note_templates", CLINICIANS),
    ("care.precaution_rules", CLINICIANS),
    ("care.precaution_rules.save", OWNER),
    ("care.intake", CLINICIANS),
    ("care.save_intake", CLINICIANS),
    ("care.form_draft", CLINICIANS),
    ("care.save_form_draft", CLINICIANS),
    ("care.discard_form_draft", CLINICIANS),
    ("care.precautions", CLINICIANS),
    ("care.consents", CLINICIANS),
    ("care.give_consent", CLINICIANS),
    ("care.withdraw_consent", CLINICIANS),
    ("care.preferences", CLINICIANS),
    ("care.set_preferences", CLINICIANS),
    ("care.assessments", CLINICIANS),
    ("care.save_assessment", CLINICIANS),
    ("care.record_measures", CLINICIANS),
    ("care.progress", CLINICIANS),
    ("care.goals", CLINICIANS),
    ("care.save_goal", CLINICIANS),
    ("care.review_goal", CLINICIANS),
    ("care.plan", CLINICIANS),
    ("care.save_plan", CLINICIANS),
    ("care.notes", CLINICIANS),
    ("care.note", CLINICIANS),
    ("care.start_note", CLINICIANS),
    ("care.start_from_last_note", CLINICIANS),
    ("care.save_note", CLINICIANS),
    ("care.sign_note", CLINICIANS),
    ("care.discard_draft", CLINICIANS),
    ("care.amend_note", CLINICIANS),
    ("care.review_summary", CLINICIANS),
    ("care.record_review", CLINICIANS),
    ("care.referral_letter", CLINICIANS),
    ("care.referral_letter_pdf", CLINICIANS),
    ("schedule.therapist_hours.get", ALL),
    ("schedule.therapist_hours.save", OWNER),
    ("schedule.clinic_hours.get", ALL),
    ("schedule.clinic_hours.save", OWNER),
    ("appointments.move", ALL),
    ("appointments.resize", ALL),
    ("appointments.set_status", ALL),
    ("appointments.unclosed", ALL),
    ("appointments.close_out", ALL),
    ("appointments.preview_series", ALL),
    ("appointments.book_series", ALL),
    ("appointments.find_times", ALL),
    ("rooms.free", ALL),
    ("appointments.ics", ALL),
    ("schedule.day_sheet", ALL),
    ("schedule.day_sheet_pdf", ALL),
    ("clients.history", ALL),
    ("waitlist.add", ALL),
    ("waitlist.list", ALL),
    ("waitlist.remove", ALL),
    ("waitlist.book", ALL),
    ("waitlist.offers", ALL),
];

/// Arguments good enough to get past parsing for each operation (the call may still fail
/// later for other reasons: only `forbidden` counts as refused).
fn sample_args(op: &str, f: &Fixture, folder: &str, own_id: &str) -> Value {
    let client = &f.clients[0];
    match op {
        "setup.start" => json!({ "kind": "demo" }),
        "setup.create_owner" => {
            json!({ "displayName": "Second Owner", "username": "second", "password": "a-long-password" })
        }
        "staff.sign_in" => json!({ "username": "nobody", "password": "wrong-password" }),
        "staff.switch" => json!({ "staffId": client, "pin": "0000" }),
        "staff.unlock" => json!({ "secret": "wrong-password" }),
        "staff.save" => {
            json!({ "displayName": "New Person", "username": format!("p{}", rand_suffix()), "roles": ["reception"], "active": true, "password": "a-long-password" })
        }
        // One's own: allowed to everyone (then refused for the wrong current password).
        "staff.set_password" => {
            json!({ "staffId": own_id, "currentPassword": "not-it", "newPassword": "another-password" })
        }
        "staff.set_pin" => json!({ "staffId": own_id, "currentPassword": "not-it", "pin": "1234" }),
        "staff.policy_save" => json!({ "idleLockMinutes": 5, "calendarVisibleWhenLocked": true }),
        "settings.update" => {
            json!({ "name": "Test Clinic", "timeZone": "Europe/London", "currency": "GBP", "lateCancelHours": 24 })
        }
        "practitioners.save" => {
            json!({ "displayName": "Ann", "colour": "#2f7d6d", "active": true })
        }
        "rooms.save" => json!({ "name": "Oak room", "active": true }),
        "services.save" => {
            json!({ "name": "Hot stones", "durationMin": 60, "bufferMin": 0, "priceMinor": 5000, "colour": "#2f7d6d", "active": true })
        }
        "clients.search" => json!({ "text": "zo" }),
        "clients.get" | "clients.export" | "clients.erase" => json!({ "id": client }),
        "clients.create" => json!({ "givenName": "Ada", "familyName": "Lovelace" }),
        "clients.update" => {
            json!({ "id": client, "client": { "givenName": "Zoë", "familyName": "Ł" } })
        }
        "calendar.range" => json!({ "from": "2026-11-18", "days": 1 }),
        "appointments.book" => json!({
            "clientId": client, "serviceId": f.deep, "practitionerId": f.maya,
            "roomId": f.willow, "start": format!("2026-12-{:02}T10:00", 1 + rand_suffix() % 28)
        }),
        "appointments.cancel" => json!({ "id": client, "reason": "Unwell" }),
        "journal.changes" => json!({ "since": 0 }),
        "journal.search" => json!({ "limit": 5 }),
        "backup.now" => json!({ "folder": folder }),
        "backup.configure" => json!({ "folder": folder, "keep": 3, "daily": true }),
        "setup.status"
        | "setup.demo_accounts"
        | "setup.checklist"
        | "settings.choices"
        | "staff.sign_out"
        | "staff.switch_list"
        | "staff.lock"
        | "staff.me"
        | "staff.list"
        | "settings.get"
        | "practitioners.list"
        | "rooms.list"
        | "services.list"
        | "backup.settings"
        | "retention.purge_due"
        | "retention.settings"
        | "retention.restricted"
        | "clients.export_csv" => json!({}),
        "retention.configure" => json!({ "years": 8 }),
        "settings.logo" | "settings.logo_clear" => json!({}),
        "settings.logo_set" => json!({ "base64": "aGVsbG8=" }),
        "handouts.list" => json!({}),
        "handouts.get" | "handouts.duplicate" | "programme.get" | "aftercare.preview"
        | "programme.remove" | "documents.reprint" => {
            json!({ "id": client })
        }
        "handouts.save" => json!({ "content": {
            "title": "Shoulder shrugs", "category": "mobility", "regions": ["shoulders"], "forWhom": "",
            "why": "", "steps": ["Lift your shoulders."], "cautions": [], "dosage": {}, "illustrationSvg": ""
        } }),
        "handouts.retire" => json!({ "id": client, "retired": true }),
        "programme.assign" => json!({ "appointmentId": client, "handoutId": client }),
        "programme.update" => json!({ "id": client, "dosage": {} }),
        "programme.notes" => json!({ "appointmentId": client, "workedOn": "Your back." }),
        "aftercare.issue" => json!({ "appointmentId": client }),
        "documents.list" => json!({ "clientId": client }),
        "schedule.therapist_hours.get" => json!({ "id": f.maya }),
        "schedule.therapist_hours.save" => json!({
            "practitionerId": f.maya, "weekly": [], "breaks": [], "timeOff": [], "dayChanges": []
        }),
        "schedule.clinic_hours.get" | "waitlist.list" => json!({}),
        "schedule.clinic_hours.save" => json!({ "weekly": [], "closures": [] }),
        "appointments.move" => {
            json!({ "id": client, "practitionerId": f.maya, "roomId": f.willow, "start": "2026-12-01T10:00" })
        }
        "appointments.resize" => json!({ "id": client, "end": "2026-12-01T11:00" }),
        "appointments.set_status" => json!({ "id": client, "status": "confirmed" }),
        "appointments.unclosed" => json!({}),
        "appointments.close_out" => json!({ "items": [{ "id": client, "outcome": "attended" }] }),
        "appointments.preview_series" | "appointments.book_series" => json!({
            "clientId": client, "serviceId": f.deep, "practitionerId": f.maya, "roomId": f.willow,
            "start": format!("2027-01-{:02}T10:00", 1 + rand_suffix() % 28), "everyWeeks": 1, "count": 2, "skip": []
        }),
        "appointments.find_times" => {
            json!({ "serviceId": f.deep, "practitionerIds": [], "weekdays": [], "timesOfDay": [] })
        }
        "appointments.ics" => json!({ "id": client }),
        "rooms.free" => json!({ "serviceId": f.deep, "start": "2026-12-01T10:00" }),
        "schedule.day_sheet" | "schedule.day_sheet_pdf" => json!({ "date": "2026-11-18" }),
        "clients.history" | "waitlist.remove" => json!({ "id": client }),
        "waitlist.add" => json!({
            "clientId": client, "serviceId": f.deep, "practitionerIds": [], "weekdays": [], "timesOfDay": [],
            "urgency": "normal", "note": ""
        }),
        "waitlist.book" => {
            json!({ "entryId": client, "practitionerId": f.maya, "roomId": f.willow, "start": "2026-12-02T10:00" })
        }
        "waitlist.offers" => json!({ "appointmentId": client }),
        "clients.alert_flags" | "care.note" | "care.sign_note" | "care.discard_draft" => {
            json!({ "id": client })
        }
        "care.record"
        | "care.may_open"
        | "care.intake"
        | "care.precautions"
        | "care.consents"
        | "care.preferences"
        | "care.assessments"
        | "care.progress"
        | "care.goals"
        | "care.plan"
        | "care.notes"
        | "care.review_summary" => json!({ "clientId": client }),
        "care.break_glass" => {
            json!({ "clientId": client, "reason": "Covering a colleague's session today" })
        }
        "care.access_grants" => json!({}),
        "care.questionnaire"
        | "care.body_regions"
        | "care.note_templates"
        | "care.precaution_rules" => json!({}),
        "care.precaution_rules.save" => json!({
            "key": "test_rule", "questionKey": "blood_thinners", "answers": ["yes"], "level": "modify",
            "text": "Lighter pressure.", "regions": [], "techniques": [], "active": true
        }),
        "care.save_intake" => {
            json!({ "clientId": client, "takenOn": "2026-11-18", "answers": [{ "key": "epilepsy", "value": "no" }] })
        }
        "care.form_draft" | "care.discard_form_draft" => {
            json!({ "clientId": client, "form": "intake" })
        }
        "care.save_form_draft" => {
            json!({ "clientId": client, "form": "plan", "fields": { "frequency": "Weekly" } })
        }
        "clients.service_caution" => json!({ "clientId": client, "serviceId": f.deep }),
        "care.give_consent" => json!({
            "clientId": client, "kind": "treatment", "scope": [], "note": "", "givenOn": "2026-11-18"
        }),
        "care.withdraw_consent" => json!({ "id": client, "withdrawnOn": "2026-11-18" }),
        "care.set_preferences" => json!({ "clientId": client, "preferences": {
            "pressure": null, "avoidRegions": [], "position": "", "conversation": "", "sensoryNeeds": ""
        } }),
        "care.save_assessment" => json!({
            "clientId": client, "assessedOn": "2026-11-18",
            "complaint": { "description": "", "location": "", "since": "", "worseWith": "", "betterWith": "",
                "effectOnWork": "", "effectOnSleep": "", "effectOnSport": "", "effectOnMood": "" },
            "observations": { "posture": "", "rangeOfMovement": "", "palpation": "" },
            "marks": [], "links": []
        }),
        "care.record_measures" => {
            json!({ "clientId": client, "takenOn": "2026-11-18", "baseline": true, "pain": 5, "psfs": [] })
        }
        "care.save_goal" => {
            json!({ "clientId": client, "words": "Sleep well", "target": "", "reviewOn": "2026-12-18" })
        }
        "care.review_goal" => {
            json!({ "id": client, "outcome": "met", "reviewedOn": "2026-11-18", "note": "" })
        }
        "care.save_plan" => json!({
            "clientId": client, "startsOn": "2026-11-18", "frequency": "Weekly", "sessionsBeforeReview": 6,
            "techniques": ["swedish"], "precautionsNoted": ""
        }),
        "care.start_note" | "care.start_from_last_note" => {
            json!({ "clientId": client, "sessionOn": "2026-11-18" })
        }
        "care.save_note" => json!({ "id": client, "content": {
            "pain": null, "stress": null, "subjective": "", "objective": "", "assessment": "", "plan": "",
            "techniques": [], "regions": [], "pressure": null, "response": "", "education": [], "selfGoals": []
        } }),
        "care.amend_note" => {
            json!({ "id": client, "reason": "Late entry", "text": "Also worked on the calves." })
        }
        "care.record_review" => {
            json!({ "clientId": client, "kind": "review", "reviewedOn": "2026-11-18", "recommendations": "" })
        }
        "care.referral_letter" | "care.referral_letter_pdf" => json!({
            "clientId": client, "recipient": { "kind": "gp", "name": "Dr Ahmed", "address": "1 High St" },
            "reason": "Persistent neck pain"
        }),
        "clients.export_to" => json!({ "clientId": client, "folder": folder }),
        "clients.export_csv_to" => json!({ "folder": folder }),
        "clients.csv_columns" => json!({ "csv": "First,Last\nAda,Lovelace\n" }),
        "clients.import_csv" => json!({
            "csv": "First,Last,Phone\nAda,Lovelace,020 7946 0958\n",
            "mapping": { "givenName": "First", "familyName": "Last", "phone": "Phone" },
            "dryRun": true
        }),
        other => panic!("no sample arguments for {other}: add it here and to EXPECTED"),
    }
}

fn rand_suffix() -> u32 {
    rand::random::<u32>() % 100_000
}

fn call(op: &str, f: &Fixture, folder: &str, own_id: &str) -> Call {
    parse_call(json!({ "op": op, "args": sample_args(op, f, folder, own_id) }))
        .unwrap_or_else(|e| panic!("sample for {op} does not parse: {e:?}"))
}

#[test]
fn the_table_lists_every_operation_once() {
    let table: Vec<&str> = EXPECTED.iter().map(|(op, _)| *op).collect();
    let operations: Vec<&str> = OPERATIONS.iter().map(|(op, _)| *op).collect();
    for op in &operations {
        assert!(table.contains(op), "{op} is missing from EXPECTED");
    }
    for op in &table {
        assert!(
            operations.contains(op),
            "{op} in EXPECTED is not an operation"
        );
    }
    assert_eq!(
        table.len(),
        operations.len(),
        "an operation is listed twice"
    );
}

#[tokio::test]
async fn every_operation_as_every_role_matches_the_table() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let folder_text = folder.path().display().to_string();
    let mut mismatches = Vec::new();
    world
        .book_with(&f, &f.clients[0], &f.maya, "2026-11-25T09:00")
        .await;
    for role in Role::ALL {
        // A real account holding exactly this role.
        let input = StaffInput {
            id: None,
            display_name: format!("{role:?} person"),
            username: format!("{role:?}-person"),
            roles: vec![role],
            // The therapist is Maya, whose client the samples' client is (booked below):
            // this table is about roles; whose record is checked in shared_care.rs.
            practitioner_id: (role == Role::Therapist).then(|| f.maya.clone()),
            new_column: None,
            active: true,
            password: Some("a-long-password".into()),
        };
        let account: StaffMember = world.call(Call::StaffSave(input)).await.unwrap();
        let actor = Actor {
            staff_id: account.id.clone(),
            display_name: account.display_name.clone(),
            roles: vec![role],
        };
        for (op, allowed) in EXPECTED {
            let desk = Desk::signed_in(actor.clone(), world.clinic.now());
            let result = world
                .call_at::<Value>(&desk, call(op, &f, &folder_text, &account.id))
                .await;
            let refused = matches!(&result, Err(e) if e.code == ErrorCode::Forbidden);
            if refused == allowed.contains(&role) {
                mismatches.push(format!("{op} as {role:?}: {result:?}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[tokio::test]
async fn nobody_signed_in_reaches_only_the_open_operations() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let folder_text = folder.path().display().to_string();
    for (op, permission) in OPERATIONS {
        let result = world
            .call_at::<Value>(&Desk::new(), call(op, &f, &folder_text, &f.maya))
            .await;
        let unauthenticated = matches!(&result, Err(e) if e.code == ErrorCode::Unauthenticated);
        let open = *permission == palma::api::Permission::Anyone;
        // Open operations may refuse a bad sign-in as unauthenticated: only count the others.
        if !open {
            assert!(unauthenticated, "{op}: {result:?}");
        }
    }
}

#[tokio::test]
async fn a_locked_desk_passes_only_status_sign_in_and_the_calendar() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let folder_text = folder.path().display().to_string();
    let owner = world.account(Role::Owner).await;
    for (op, permission) in OPERATIONS {
        let desk = Desk::signed_in(owner.clone(), world.clinic.now());
        let _: Value = world
            .call_at(&desk, Call::StaffLock(Default::default()))
            .await
            .unwrap();
        let result = world
            .call_at::<Value>(&desk, call(op, &f, &folder_text, &f.maya))
            .await;
        let locked = matches!(&result, Err(e) if e.code == ErrorCode::Locked);
        let passes = *permission == palma::api::Permission::Anyone || *op == "calendar.range";
        assert_eq!(locked, !passes, "{op}: {result:?}");
    }
}
