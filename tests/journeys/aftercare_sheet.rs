//! What goes on a visit's aftercare sheet and how it falls on the pages: the session note's
//! goals between sessions and today's measures fill it without retyping, and however long the
//! programme, the last page is not left mostly blank.

use crate::aftercare::{bytes, text_of};
use crate::world::{Fixture, World};
use palma::api::{ById, Call};
use palma::care::{MeasuresInput, Note, NoteContent, NoteInput, PsfsItem, StartNote};
use palma::documents::PrintOptions;
use palma::documents::history::{IssueAftercare, PdfFile};
use palma::handouts::programme::{AftercareNotes, AssignHandout, SessionProgramme};
use palma::handouts::{HandoutFilter, HandoutSummary};
use palma::staff::Actor;
use std::io::Write;
use std::process::{Command, Stdio};

/// The text of each page (`pdftotext` separates pages with a form feed).
fn page_texts(pdf: &[u8]) -> Vec<String> {
    text_of(pdf)
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|page| !page.is_empty())
        .collect()
}

/// A visit with Maya this morning (its id), and her account.
async fn visit(world: &World, f: &Fixture) -> (String, Actor) {
    let id = world
        .book_with(f, &f.clients[0], &f.maya, "2026-11-18T10:00")
        .await;
    (id, world.maya(f).await)
}

async fn assign(world: &World, maya: &Actor, visit: &str, slugs: &[&str]) {
    let library: Vec<HandoutSummary> = world
        .call(Call::HandoutsList(HandoutFilter::default()))
        .await
        .unwrap();
    for slug in slugs {
        let handout = library.iter().find(|h| h.slug == *slug).unwrap();
        let _: SessionProgramme = world
            .call_as(
                maya,
                Call::ProgrammeAssign(AssignHandout {
                    appointment_id: visit.to_owned(),
                    handout_id: handout.id.clone(),
                    dosage: None,
                    personal_note: String::new(),
                }),
            )
            .await
            .unwrap();
    }
    let _: SessionProgramme = world
        .call_as(
            maya,
            Call::ProgrammeNotes(AftercareNotes {
                appointment_id: visit.to_owned(),
                worked_on: "Your neck and upper back, mostly on the left.".into(),
                what_to_expect: String::new(),
            }),
        )
        .await
        .unwrap();
}

async fn issue(world: &World, maya: &Actor, visit: &str) -> Vec<u8> {
    let issued: PdfFile = world
        .call_as(
            maya,
            Call::AftercareIssue(IssueAftercare {
                appointment_id: visit.to_owned(),
                options: PrintOptions::default(),
            }),
        )
        .await
        .unwrap();
    bytes(&issued)
}

#[tokio::test]
async fn the_sheet_takes_the_goals_between_sessions_and_todays_measures_from_the_note() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let (visit, maya) = visit(&world, &f).await;
    let client = f.clients[0].clone();
    let draft: Note = world
        .call_as(
            &maya,
            Call::CareStartNote(StartNote {
                client_id: client.clone(),
                appointment_id: Some(visit.to_owned()),
                session_on: String::new(),
                template_key: None,
            }),
        )
        .await
        .unwrap();
    let _: Note = world
        .call_as(
            &maya,
            Call::CareSaveNote(NoteInput {
                id: draft.id.clone(),
                content: NoteContent {
                    pain: Some(5),
                    stress: Some(7),
                    assessment: "Myofascial release to the upper trapezius.".into(),
                    self_goals: vec![
                        "Chest opener stretch twice a day".into(),
                        "Stand up every 45 minutes".into(),
                    ],
                    ..NoteContent::default()
                },
            }),
        )
        .await
        .unwrap();
    let _: palma::care::Measurement = world
        .call_as(
            &maya,
            Call::CareRecordMeasures(MeasuresInput {
                client_id: client.clone(),
                taken_on: "2026-11-18".into(),
                baseline: false,
                pain: None,
                stress: None,
                psfs: vec![PsfsItem {
                    activity: "Reversing the car".into(),
                    score: 6,
                }],
                assessment_id: None,
                note_id: Some(draft.id.clone()),
            }),
        )
        .await
        .unwrap();
    assign(&world, &maya, &visit, &["chin-tuck"]).await;

    let programme: SessionProgramme = world
        .call_as(
            &maya,
            Call::ProgrammeGet(ById {
                id: visit.to_owned(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(
        programme.from_note.between_visits,
        [
            "Chest opener stretch twice a day",
            "Stand up every 45 minutes"
        ]
    );
    assert_eq!(
        programme.from_note.measures,
        [
            "Pain: 5 out of 10",
            "Stress: 7 out of 10",
            "Reversing the car: 6 out of 10"
        ]
    );
    let text = page_texts(&issue(&world, &maya, &visit).await).join(" ");
    for expected in [
        "How you were today",
        "Pain: 5 out of 10",
        "Reversing the car: 6 out of 10",
        "Between now and your next visit",
        "Chest opener stretch twice a day",
        "Stand up every 45 minutes",
    ] {
        assert!(text.contains(expected), "{expected:?} is on the sheet");
    }
    // Clinical wording stays in the record.
    assert!(!text.contains("Myofascial release to the upper trapezius"));
}

/// How far down each page the text reaches, as a share of the text area between the running
/// header and the footer (read from `pdftotext -bbox`'s word boxes, in points).
fn fills(pdf: &[u8]) -> Vec<f32> {
    const TOP: f32 = 50.0;
    let mut child = Command::new("pdftotext")
        .args(["-bbox", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("poppler's pdftotext is installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let html = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let number = |line: &str, key: &str| -> f32 {
        let rest = &line[line.find(key).unwrap() + key.len()..];
        rest[..rest.find('"').unwrap()].parse().unwrap()
    };
    let mut pages: Vec<(f32, f32)> = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            // The footer sits in the last 50 points of the page.
            pages.push((number(line, "height=\""), TOP));
        } else if line.contains("<word ") {
            let page = pages.last_mut().unwrap();
            let (y_min, y_max) = (number(line, "yMin=\""), number(line, "yMax=\""));
            if y_min > TOP && y_max < page.0 - 50.0 {
                page.1 = page.1.max(y_max);
            }
        }
    }
    pages
        .iter()
        .map(|(height, lowest)| (lowest - TOP) / (height - 50.0 - TOP))
        .collect()
}

/// The last page is at least two fifths full.
fn no_mostly_blank_last_page(pdf: &[u8], what: &str) {
    let fills = fills(pdf);
    let last = *fills.last().unwrap();
    assert!(
        last >= 0.4,
        "{what}: the last page is {last:.2} full ({fills:.2?})"
    );
}

#[tokio::test]
async fn a_programme_of_any_length_leaves_no_mostly_blank_last_page() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let programmes = [
        &["neck-side-stretch"][..],
        &["neck-side-stretch", "belly-breathing"][..],
        &[
            "neck-side-stretch",
            "belly-breathing",
            "chin-tuck",
            "tennis-ball-shoulder-blade",
            "cat-cow",
        ][..],
    ];
    for slugs in programmes {
        let (visit, maya) = visit(&world, &f).await;
        assign(&world, &maya, &visit, slugs).await;
        let pdf = issue(&world, &maya, &visit).await;
        no_mostly_blank_last_page(&pdf, &format!("{} items", slugs.len()));
        // Cancelled so the next visit can take the same slot.
        let _: palma::scheduling::changes::AppointmentChange = world
            .call(Call::AppointmentsCancel(
                palma::scheduling::changes::CancelAppointment {
                    id: visit.to_owned(),
                    reason: "Test".into(),
                    scope: None,
                },
            ))
            .await
            .unwrap();
    }
}
