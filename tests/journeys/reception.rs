//! Clients for reception: the fuller contact record, alerts, and duplicate detection on create.

use crate::world::World;
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::clients::{Client, ClientInput, ContactMethod};

fn zoe() -> ClientInput {
    ClientInput {
        given_name: "Zoë".into(),
        family_name: "Łukasiewicz-Ørsted".into(),
        date_of_birth: "1985-04-23".into(),
        phone: "+44 7700 900123".into(),
        email: "zoe@example.org".into(),
        ..ClientInput::default()
    }
}

#[tokio::test]
async fn the_contact_record_keeps_address_emergency_contact_preference_and_alerts() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    let created: Client = world
        .call(Call::ClientsCreate(ClientInput {
            address: "4 Quay St\nYork".into(),
            emergency_contact_name: "Ana Ørsted".into(),
            emergency_contact_phone: "07700 900999".into(),
            preferred_contact: ContactMethod::Sms,
            alerts: "Wheelchair user: ground-floor room".into(),
            ..zoe()
        }))
        .await
        .unwrap();
    let read: Client = world
        .call(Call::ClientsGet(ById {
            id: created.id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(read, created);
    assert_eq!(read.preferred_contact, ContactMethod::Sms);
    assert_eq!(read.address, "4 Quay St\nYork");
    let bad = world
        .call::<Client>(Call::ClientsCreate(ClientInput {
            emergency_contact_phone: "call me".into(),
            confirmed_not_duplicate: true,
            ..zoe()
        }))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("emergencyContactPhone"));
}

#[tokio::test]
async fn a_likely_duplicate_is_refused_until_reception_confirms_it_is_someone_else() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    let _: Client = world.call(Call::ClientsCreate(zoe())).await.unwrap();
    // Same name (other case and accents) plus one matching detail each time.
    let variants = [
        (
            "dateOfBirth",
            ClientInput {
                phone: "0113 496 0000".into(),
                email: String::new(),
                ..zoe()
            },
        ),
        (
            "phone",
            ClientInput {
                date_of_birth: String::new(),
                phone: "+44 (7700) 900-123".into(),
                email: String::new(),
                ..zoe()
            },
        ),
        (
            "email",
            ClientInput {
                date_of_birth: String::new(),
                phone: String::new(),
                email: "ZOE@example.org".into(),
                ..zoe()
            },
        ),
    ];
    for (field, mut input) in variants {
        input.given_name = "ZOE".into();
        input.family_name = "Lukasiewicz-Orsted".into();
        let error = world
            .call::<Client>(Call::ClientsCreate(input.clone()))
            .await
            .unwrap_err();
        assert_eq!(
            (error.code, error.field.as_deref()),
            (ErrorCode::Conflict, Some(field))
        );
        assert!(
            !error.message.contains("1985") && !error.message.contains("7700"),
            "{}",
            error.message
        );
        input.confirmed_not_duplicate = true;
        let _: Client = world.call(Call::ClientsCreate(input)).await.unwrap();
    }
    // Same name, nothing else in common: a different person.
    let _: Client = world
        .call(Call::ClientsCreate(ClientInput {
            date_of_birth: "1990-01-01".into(),
            phone: "0113 496 0001".into(),
            email: String::new(),
            ..zoe()
        }))
        .await
        .unwrap();
    assert_eq!(world.count("clients").await, 5);
}
