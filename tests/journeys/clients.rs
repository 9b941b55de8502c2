//! Clients: create, edit, search as you type; bad input named and nothing half-written.

use crate::world::World;
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::clients::{Client, ClientInput, ClientSummary, ClientUpdate, SearchClients};

async fn search(world: &World, text: &str) -> Vec<String> {
    let found: Vec<ClientSummary> = world
        .call(Call::ClientsSearch(SearchClients {
            text: text.into(),
            limit: None,
        }))
        .await
        .unwrap();
    found
        .into_iter()
        .map(|c| format!("{} {}", c.given_name, c.family_name))
        .collect()
}

#[tokio::test]
async fn search_ignores_case_and_accents_and_matches_word_starts() {
    let world = World::new().await;
    world.small_clinic().await;
    world.client("Zoe", "Lukas").await;
    assert_eq!(
        search(&world, "zoe").await,
        vec!["Zoe Lukas", "Zoë Łukasiewicz-Ørsted"]
    );
    assert_eq!(
        search(&world, "ZOË ørst").await,
        vec!["Zoë Łukasiewicz-Ørsted"]
    );
    assert_eq!(search(&world, "nguyen").await, vec!["Minh Khai Nguyễn Thị"]);
    assert_eq!(
        search(&world, "khai ngu").await,
        vec!["Minh Khai Nguyễn Thị"]
    );
    assert!(
        search(&world, "ukas").await.is_empty(),
        "matches start at word boundaries"
    );
    assert_eq!(search(&world, "07700 900 002").await, vec!["Oliver Hughes"]);
    assert_eq!(search(&world, "").await.len(), 4);
}

#[tokio::test]
async fn phone_search_matches_any_part_of_the_number() {
    let world = World::new().await;
    world.small_clinic().await;
    // Oliver Hughes is 07700 900002; the small clinic's others are 07700 9000nn.
    for typed in [
        "900 002",
        "0900002",
        "00002",
        "(0)7700-900.002",
        "7700 90000",
    ] {
        let found = search(&world, typed).await;
        assert!(
            found.contains(&"Oliver Hughes".to_owned()),
            "{typed}: {found:?}"
        );
    }
    assert_eq!(search(&world, "900 002").await, vec!["Oliver Hughes"]);
    assert!(search(&world, "123456").await.is_empty());
}

#[tokio::test]
async fn search_text_cannot_change_the_query() {
    let world = World::new().await;
    world.small_clinic().await;
    for hostile in [
        "%",
        "_",
        "' OR 1=1 --",
        "\\",
        "%%%_",
        "\"; DROP TABLE clients; --",
    ] {
        assert!(search(&world, hostile).await.is_empty(), "{hostile:?}");
    }
    assert_eq!(world.count("clients").await, 3);
}

#[tokio::test]
async fn invalid_fields_are_named_and_nothing_is_stored() {
    let world = World::new().await;
    world.small_clinic().await;
    let cases = [
        (
            ClientInput {
                given_name: " ".into(),
                family_name: "Hughes".into(),
                phone: "07700900111".into(),
                ..Default::default()
            },
            "givenName",
        ),
        (
            ClientInput {
                given_name: "Ann".into(),
                family_name: "Lee".into(),
                email: "ann.example.com".into(),
                ..Default::default()
            },
            "email",
        ),
        (
            ClientInput {
                given_name: "Ann".into(),
                family_name: "Lee".into(),
                phone: "call me".into(),
                ..Default::default()
            },
            "phone",
        ),
        (
            ClientInput {
                given_name: "Ann".into(),
                family_name: "Lee".into(),
                phone: "07700900111".into(),
                date_of_birth: "2030-01-01".into(),
                ..Default::default()
            },
            "dateOfBirth",
        ),
        (
            ClientInput {
                given_name: "Ann".into(),
                family_name: "Lee".into(),
                ..Default::default()
            },
            "phone",
        ),
    ];
    for (input, field) in cases {
        let error = world
            .call::<Client>(Call::ClientsCreate(input))
            .await
            .unwrap_err();
        assert_eq!(
            (error.code, error.field.as_deref()),
            (ErrorCode::Validation, Some(field))
        );
    }
    assert_eq!(world.count("clients").await, 3);
}

#[tokio::test]
async fn hostile_text_is_stored_as_text() {
    let world = World::new().await;
    world.small_clinic().await;
    let created: Client = world
        .call(Call::ClientsCreate(ClientInput {
            given_name: "<script>alert(1)</script>".into(),
            family_name: "Robert'); DROP TABLE clients;--\u{0000}\u{0007}".into(),
            email: "bobby@tables.example".into(),
            ..Default::default()
        }))
        .await
        .unwrap();
    let read: Client = world
        .call(Call::ClientsGet(ById {
            id: created.id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(read.given_name, "<script>alert(1)</script>");
    assert_eq!(
        read.family_name, "Robert'); DROP TABLE clients;--",
        "control characters removed"
    );
    assert_eq!(world.count("clients").await, 4);
}

#[tokio::test]
async fn editing_a_client_is_journaled_with_field_names_only() {
    let world = World::new().await;
    let fixture = world.small_clinic().await;
    let id = fixture.clients[2].clone();
    let updated: Client = world
        .call(Call::ClientsUpdate(ClientUpdate {
            id: id.clone(),
            client: ClientInput {
                given_name: "Oliver".into(),
                family_name: "Hughes-Barnes".into(),
                phone: "07700 900002".into(),
                email: "ollie@example.org".into(),
                ..Default::default()
            },
        }))
        .await
        .unwrap();
    assert_eq!(updated.family_name, "Hughes-Barnes");
    assert_eq!(search(&world, "barnes").await, vec!["Oliver Hughes-Barnes"]);
    let detail: String =
        sqlx::query_scalar("SELECT detail FROM journal WHERE action = 'update' AND entity_id = $1")
            .bind(&id)
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
    assert_eq!(detail, "familyName,email");
    let missing = world
        .call::<Client>(Call::ClientsGet(ById {
            id: palma::clinic::new_id(),
        }))
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}
