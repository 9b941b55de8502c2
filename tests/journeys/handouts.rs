//! The self-care library and a visit's programme.

use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::handouts::programme::{
    AftercareNotes, AssignHandout, SessionProgramme, UpdateProgrammeItem,
};
use palma::handouts::{
    Category, Dosage, Handout, HandoutFilter, HandoutSummary, Region, RetireHandout, SaveHandout,
};
use palma::scheduling::appointments::{Appointment, BookAppointment};
use palma::scheduling::changes::CancelAppointment;
use palma::staff::Role;

async fn library(world: &World, filter: HandoutFilter) -> Vec<HandoutSummary> {
    world.call(Call::HandoutsList(filter)).await.unwrap()
}

async fn by_slug(world: &World, slug: &str) -> HandoutSummary {
    let all = library(
        world,
        HandoutFilter {
            include_retired: true,
            ..HandoutFilter::default()
        },
    )
    .await;
    all.into_iter()
        .find(|h| h.slug == slug)
        .unwrap_or_else(|| panic!("{slug} is in the library"))
}

async fn visit(world: &World, f: &Fixture) -> Appointment {
    world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: f.clients[0].clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: "2026-11-18T10:00".into(),
        }))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_clinic_has_the_shipped_library_to_filter_and_search() {
    let world = World::new().await;
    world.small_clinic().await;
    let all = library(&world, HandoutFilter::default()).await;
    assert!(all.len() >= 40, "{}", all.len());
    assert!(all.iter().all(|h| h.source == "library" && !h.retired));
    let sleep = library(
        &world,
        HandoutFilter {
            category: Some(Category::Sleep),
            ..HandoutFilter::default()
        },
    )
    .await;
    assert!(!sleep.is_empty() && sleep.iter().all(|h| h.category == Category::Sleep));
    let jaw = library(
        &world,
        HandoutFilter {
            region: Some(Region::Jaw),
            ..HandoutFilter::default()
        },
    )
    .await;
    assert!(jaw.len() >= 3 && jaw.iter().all(|h| h.regions.contains(&Region::Jaw)));
    let found = library(
        &world,
        HandoutFilter {
            text: "NECK strêtch".into(),
            ..HandoutFilter::default()
        },
    )
    .await;
    assert!(
        found.iter().any(|h| h.slug == "neck-side-stretch"),
        "{found:?}"
    );
    assert!(
        library(
            &world,
            HandoutFilter {
                text: "%_".into(),
                ..HandoutFilter::default()
            }
        )
        .await
        .is_empty()
    );
}

/// The slugs a search finds.
async fn search(world: &World, text: &str) -> Vec<String> {
    library(
        world,
        HandoutFilter {
            text: text.into(),
            ..HandoutFilter::default()
        },
    )
    .await
    .into_iter()
    .map(|h| h.slug)
    .collect()
}

#[tokio::test]
async fn handout_search_knows_the_words_people_use_for_the_library_terms() {
    let world = World::new().await;
    world.small_clinic().await;
    // "hip flexor" is the kneeling front-of-hip stretch; the typed words still count.
    for typed in ["hip flexor", "HIP FLÉXORS stretch", "psoas"] {
        let found = search(&world, typed).await;
        assert!(
            found.contains(&"kneeling-hip-flexor-stretch".to_owned()),
            "{typed}: {found:?}"
        );
    }
    let hamstrings = search(&world, "hamstrings").await;
    assert!(
        hamstrings.contains(&"seated-hamstring-stretch".to_owned()),
        "{hamstrings:?}"
    );
    let glutes = search(&world, "glutes").await;
    assert!(
        glutes.contains(&"seated-buttock-stretch".to_owned())
            && glutes.contains(&"glute-bridge".to_owned()),
        "{glutes:?}"
    );
    assert!(
        search(&world, "ice")
            .await
            .contains(&"cold-pack".to_owned())
    );
    // Words of the summary count too ("People who sit for long periods…").
    let sitting = search(&world, "sit long periods").await;
    assert!(
        sitting.contains(&"kneeling-hip-flexor-stretch".to_owned()),
        "{sitting:?}"
    );
    // Every group must match: a synonym does not widen an unrelated word.
    assert!(search(&world, "hip flexor jaw").await.is_empty());
}

#[tokio::test]
async fn editing_makes_a_new_version_and_old_assignments_keep_theirs() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let appointment = visit(&world, &f).await;
    let summary = by_slug(&world, "neck-side-stretch").await;
    let assigned: SessionProgramme = world
        .call(Call::ProgrammeAssign(AssignHandout {
            appointment_id: appointment.id.clone(),
            handout_id: summary.id.clone(),
            dosage: None,
            personal_note: String::new(),
        }))
        .await
        .unwrap();
    assert_eq!(assigned.items[0].handout_version, 1);
    assert_eq!(
        assigned.items[0].dosage_text,
        "Hold for 20 seconds, 3 times, twice a day"
    );
    let original: Handout = world
        .call(Call::HandoutsGet(ById {
            id: summary.id.clone(),
        }))
        .await
        .unwrap();
    let mut content = original.content.clone();
    content.title = "Gentle side neck stretch".into();
    let edited: Handout = world
        .call(Call::HandoutsSave(SaveHandout {
            id: Some(summary.id.clone()),
            content,
        }))
        .await
        .unwrap();
    assert_eq!(
        (edited.version, edited.content.title.as_str()),
        (2, "Gentle side neck stretch")
    );
    let programme: SessionProgramme = world
        .call(Call::ProgrammeGet(ById { id: appointment.id }))
        .await
        .unwrap();
    assert_eq!(
        (
            programme.items[0].handout_version,
            programme.items[0].title.as_str()
        ),
        (1, "Side neck stretch")
    );
    assert_eq!(
        world.count("handout_versions").await,
        world.count("handouts").await + 1
    );
}

#[tokio::test]
async fn the_clinic_adds_duplicates_and_retires_its_own() {
    let world = World::new().await;
    world.small_clinic().await;
    let original: Handout = world
        .call(Call::HandoutsGet(ById {
            id: by_slug(&world, "belly-breathing").await.id,
        }))
        .await
        .unwrap();
    let copy: Handout = world
        .call(Call::HandoutsDuplicate(ById {
            id: original.id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!((copy.source.as_str(), copy.version), ("clinic", 1));
    assert!(copy.content.title.ends_with("(copy)"));
    assert_eq!(copy.content.steps, original.content.steps);
    let mut own = original.content.clone();
    own.title = "Breathing before sleep".into();
    let created: Handout = world
        .call(Call::HandoutsSave(SaveHandout {
            id: None,
            content: own,
        }))
        .await
        .unwrap();
    assert_eq!(created.slug, "breathing-before-sleep");
    let _: Handout = world
        .call(Call::HandoutsRetire(RetireHandout {
            id: created.id.clone(),
            retired: true,
        }))
        .await
        .unwrap();
    let listed = library(
        &world,
        HandoutFilter {
            text: "breathing before".into(),
            ..HandoutFilter::default()
        },
    )
    .await;
    assert!(listed.is_empty(), "retired handouts are not offered");
    let mut bad = original.content;
    bad.steps = vec![];
    let error = world
        .call::<Handout>(Call::HandoutsSave(SaveHandout {
            id: None,
            content: bad,
        }))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("steps"));
}

#[tokio::test]
async fn a_visit_programme_takes_dosage_notes_and_removals() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let appointment = visit(&world, &f).await;
    let assign = |slug_id: String, dosage: Option<Dosage>| {
        Call::ProgrammeAssign(AssignHandout {
            appointment_id: appointment.id.clone(),
            handout_id: slug_id,
            dosage,
            personal_note: "Do these after your evening walk.".into(),
        })
    };
    let first = by_slug(&world, "cat-cow").await.id;
    let second = by_slug(&world, "glute-bridge").await.id;
    let _: SessionProgramme = world.call(assign(first, None)).await.unwrap();
    let custom = Dosage {
        repetitions: Some(8),
        sets: Some(2),
        times_per_week: Some(4),
        ..Dosage::default()
    };
    let programme: SessionProgramme = world.call(assign(second, Some(custom))).await.unwrap();
    assert_eq!(programme.items.len(), 2);
    assert_eq!(
        programme.items[1].dosage_text,
        "2 sets of 8, 4 times a week"
    );
    let too_many = Dosage {
        repetitions: Some(500),
        ..Dosage::default()
    };
    let error = world
        .call::<SessionProgramme>(Call::ProgrammeUpdate(UpdateProgrammeItem {
            id: programme.items[0].id.clone(),
            dosage: too_many,
            personal_note: String::new(),
        }))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("dosage.repetitions"));
    let after: SessionProgramme = world
        .call(Call::ProgrammeRemove(ById {
            id: programme.items[0].id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(after.items.len(), 1);
    assert_eq!(
        world.count("programme_items").await,
        2,
        "a removed item keeps its record"
    );
    let noted: SessionProgramme = world
        .call(Call::ProgrammeNotes(AftercareNotes {
            appointment_id: appointment.id.clone(),
            worked_on: "Your upper back and neck.".into(),
            what_to_expect: String::new(),
        }))
        .await
        .unwrap();
    assert_eq!(noted.worked_on, "Your upper back and neck.");
    // A cancelled visit takes no new self-care.
    let _: Appointment = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: appointment.id.clone(),
            reason: "Unwell".into(),
            scope: None,
        }))
        .await
        .unwrap();
    let refused = world
        .call::<SessionProgramme>(assign(by_slug(&world, "cold-pack").await.id, None))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn reception_may_read_the_library_but_not_plan_self_care() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let appointment = visit(&world, &f).await;
    let reception = world.account(Role::Reception).await;
    let _: Vec<HandoutSummary> = world
        .call_as(&reception, Call::HandoutsList(HandoutFilter::default()))
        .await
        .unwrap();
    let refused = world
        .call_as::<SessionProgramme>(
            &reception,
            Call::ProgrammeGet(ById {
                id: appointment.id.clone(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    // The visit's own therapist (another one would need shared care: see shared_care.rs).
    let therapist = world.maya(&f).await;
    let reads_before = world.count("journal WHERE action = 'read'").await;
    let _: SessionProgramme = world
        .call_as(&therapist, Call::ProgrammeGet(ById { id: appointment.id }))
        .await
        .unwrap();
    assert_eq!(
        world.count("journal WHERE action = 'read'").await,
        reads_before + 1,
        "clinical reads are journaled"
    );
}
