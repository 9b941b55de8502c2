//! Property tests for every input parser (free text, email, phone, colour, dates, ids, search
//! text, money, settings, usernames and passwords) and hostile text through the API: never a
//! panic or an internal error; invalid input is a validation error naming its field; valid
//! input round-trips; and a refused request leaves nothing behind.

use crate::world::{World, test_settings};
use palma::api::{Call, NoArgs};
use palma::clients::{Client, ClientInput, ClientSummary, SearchClients};
use palma::fields;
use palma::scheduling::ServiceInput;
use palma::settings::SettingsInput;
use palma::staff::{Role, StaffInput};
use palma::{ApiError, ErrorCode};
use proptest::prelude::*;
use serde_json::Value;

fn names(field: &str, result: Result<impl std::fmt::Debug, ApiError>) -> Result<(), TestCaseError> {
    if let Err(error) = result {
        prop_assert_eq!(error.code, ErrorCode::Validation);
        prop_assert_eq!(error.field.as_deref(), Some(field));
    }
    Ok(())
}

/// Text with the awkward parts over-represented: controls, combining marks, RTL overrides,
/// markup and SQL.
fn awkward_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 @.+()<>'\";%_\\-]{0,40}",
        proptest::collection::vec(
            prop_oneof![
                Just("\u{0}".to_owned()),
                Just("\u{7}\r\n\t".to_owned()),
                Just("e\u{301}".to_owned()),
                Just("\u{202e}".to_owned()),
                Just("<script>alert(1)</script>".to_owned()),
                Just("'; DROP TABLE clients; --".to_owned()),
                Just("% _ \\".to_owned()),
                "[a-zé ]{0,8}",
            ],
            0..6
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn clean_text_is_clean_trimmed_and_idempotent(raw in awkward_text()) {
        let clean = fields::clean_text(&raw);
        prop_assert!(clean.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
        prop_assert_eq!(clean.trim(), clean.as_str());
        prop_assert_eq!(fields::clean_text(&clean), clean.clone());
    }

    #[test]
    fn lines_are_single_and_bounded_or_refused_by_name(raw in awkward_text(), max in 1usize..50) {
        match fields::optional_line("familyName", "Family name", &raw, max) {
            Ok(line) => {
                prop_assert!(!line.contains(['\n', '\t']));
                prop_assert!(line.chars().count() <= max);
                prop_assert_eq!(fields::optional_line("familyName", "F", &line, max).unwrap(), line);
            }
            Err(error) => names("familyName", Err::<(), _>(error))?,
        }
        names("notes", fields::multiline("notes", "Notes", &raw, max))?;
        names("givenName", fields::required_line("givenName", "Name", &raw, max))?;
    }

    #[test]
    fn emails_round_trip_or_are_refused_by_name(raw in prop_oneof![awkward_text(), "[a-z.]{1,10}@[a-z]{1,10}(\\.[a-z]{2,3}){0,2}"]) {
        match fields::email("email", &raw) {
            Ok(email) => prop_assert_eq!(fields::email("email", &email).unwrap(), email),
            Err(error) => names("email", Err::<(), _>(error))?,
        }
    }

    #[test]
    fn phones_round_trip_with_6_to_15_digits(raw in prop_oneof![awkward_text(), "\\+?[0-9 ().-]{0,24}"]) {
        match fields::phone("phone", &raw) {
            Ok(phone) if !phone.is_empty() => {
                let digits = phone.chars().filter(char::is_ascii_digit).count();
                prop_assert!((6..=15).contains(&digits));
                prop_assert_eq!(fields::phone("phone", &phone).unwrap(), phone);
            }
            Ok(_) => {}
            Err(error) => names("phone", Err::<(), _>(error))?,
        }
    }

    #[test]
    fn colours_are_lower_case_hex(raw in prop_oneof![awkward_text(), " ?#[0-9a-fA-F]{5,7} ?"]) {
        match fields::colour("colour", &raw) {
            Ok(colour) => {
                prop_assert!(colour.len() == 7 && colour.starts_with('#'));
                prop_assert_eq!(colour.to_ascii_lowercase(), colour.clone());
                prop_assert_eq!(fields::colour("colour", &colour).unwrap(), colour);
            }
            Err(error) => names("colour", Err::<(), _>(error))?,
        }
    }

    #[test]
    fn dates_round_trip(days in -700_000i64..2_900_000, noise in awkward_text()) {
        let date = chrono::NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).unwrap_or(1));
        if let Some(date) = date.filter(|d| (1..=9999).contains(&chrono::Datelike::year(d))) {
            let text = date.format("%Y-%m-%d").to_string();
            prop_assert_eq!(fields::optional_date("dateOfBirth", "D", &text).unwrap(), Some(date));
        }
        names("dateOfBirth", fields::optional_date("dateOfBirth", "D", &noise))?;
    }

    #[test]
    fn ids_and_numbers(raw in awkward_text(), value in any::<i64>(), uuid in any::<u128>()) {
        names("id", fields::id("id", &raw))?;
        let canonical = uuid::Uuid::from_u128(uuid).hyphenated().to_string();
        prop_assert_eq!(fields::id("id", &canonical.to_uppercase()).unwrap(), canonical);
        let within = fields::within("priceMinor", "Price", value, 0..=100_000_000);
        prop_assert_eq!(within.is_ok(), (0..=100_000_000).contains(&value));
        names("priceMinor", within)?;
    }
}

/// Runs async journeys inside a synchronous proptest.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn money_settings_and_accounts_through_the_api_never_fail_internally() {
    let rt = runtime();
    let world = rt.block_on(async {
        let world = World::new().await;
        world.small_clinic().await;
        world
    });
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(96));
    let strategy = (
        any::<i64>(),
        any::<i32>(),
        awkward_text(),
        awkward_text(),
        any::<i32>(),
        prop_oneof![Just("Europe/London".to_owned()), awkward_text()],
    );
    runner
        .run(&strategy, |(price, minutes, name, text, hours, zone)| {
            rt.block_on(async {
                let journal = world.count("journal").await;
                let service = ServiceInput {
                    practitioner_ids: vec![],
                    room_type: String::new(),
                    id: None,
                    name: name.clone(),
                    duration_min: minutes,
                    buffer_min: 0,
                    price_minor: price,
                    colour: "#2f7d6d".into(),
                    active: true,
                };
                let saved = world.call::<Value>(Call::ServicesSave(service)).await;
                let settings = SettingsInput {
                    currency: text.clone(),
                    late_cancel_hours: hours,
                    shared_care: None,
                    time_zone: zone,
                    ..test_settings("Europe/London")
                };
                let updated = world.call::<Value>(Call::SettingsUpdate(settings)).await;
                let account = StaffInput {
                    id: None,
                    display_name: name,
                    username: text.clone(),
                    roles: vec![Role::Reception],
                    practitioner_id: None,
                    new_column: None,
                    active: true,
                    password: Some(text),
                };
                let staff = world.call::<Value>(Call::StaffSave(account)).await;
                let mut writes = 0;
                for (result, fields) in [
                    (saved, &["name", "durationMin", "priceMinor"][..]),
                    (updated, &["currency", "lateCancelHours", "timeZone"][..]),
                    (staff, &["displayName", "username", "password"][..]),
                ] {
                    match result {
                        Ok(_) => writes += 1,
                        Err(error) => {
                            prop_assert_eq!(error.code, ErrorCode::Validation, "{:?}", error);
                            prop_assert!(
                                fields.contains(&error.field.as_deref().unwrap_or("")),
                                "{:?}",
                                error
                            );
                        }
                    }
                }
                prop_assert_eq!(
                    world.count("journal").await,
                    journal + writes,
                    "refusals write nothing"
                );
                Ok(())
            })
        })
        .unwrap();
}

#[test]
fn hostile_text_is_stored_as_text_and_searching_it_never_breaks() {
    let rt = runtime();
    let world = rt.block_on(async {
        let world = World::new().await;
        world.small_clinic().await;
        world
    });
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(128));
    runner
        .run(
            &(awkward_text(), awkward_text(), awkward_text()),
            |(given, family, query)| {
                rt.block_on(async {
                    let before = world.count("clients").await;
                    let input = ClientInput {
                        given_name: given.clone(),
                        family_name: family.clone(),
                        notes_for_reception: format!("{given}\n{family}"),
                        ..ClientInput::default()
                    };
                    match world.call::<Client>(Call::ClientsCreate(input)).await {
                        Ok(client) => {
                            let stored: Client = world
                                .call(Call::ClientsGet(palma::api::ById {
                                    id: client.id.clone(),
                                }))
                                .await
                                .unwrap();
                            prop_assert_eq!(
                                &stored.given_name,
                                &fields::optional_line("g", "g", &given, 1000).unwrap()
                            );
                            prop_assert_eq!(
                                &stored.family_name,
                                &fields::optional_line("f", "f", &family, 1000).unwrap()
                            );
                            prop_assert_eq!(world.count("clients").await, before + 1);
                            // Searching by the stored name finds the client.
                            let found: Vec<ClientSummary> = world
                                .call(Call::ClientsSearch(SearchClients {
                                    text: stored.family_name.clone(),
                                    limit: Some(50),
                                }))
                                .await
                                .unwrap();
                            if stored.family_name.chars().any(char::is_alphanumeric) {
                                prop_assert!(
                                    found.iter().any(|c| c.id == client.id),
                                    "{:?}",
                                    stored.family_name
                                );
                            }
                        }
                        Err(error) => {
                            prop_assert_eq!(error.code, ErrorCode::Validation);
                            prop_assert_eq!(
                                world.count("clients").await,
                                before,
                                "nothing half-written"
                            );
                        }
                    }
                    let search = world
                        .call::<Vec<ClientSummary>>(Call::ClientsSearch(SearchClients {
                            text: query,
                            limit: None,
                        }))
                        .await;
                    match search {
                        Ok(_) => {}
                        Err(error) => prop_assert_eq!(error.field.as_deref(), Some("text")),
                    }
                    Ok(())
                })
            },
        )
        .unwrap();
    // Every table is still there and intact after all of it.
    let settings: Result<Value, _> = rt.block_on(world.call(Call::SettingsGet(NoArgs {})));
    assert!(settings.is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_reading_never_panics(text in any::<String>()) {
        let _ = palma::clients::csv::parse(&text);
    }

    #[test]
    fn csv_cells_round_trip(rows in proptest::collection::vec(proptest::collection::vec("[^=+@\t\r\u{feff}-][^\r]{0,12}", 1..5), 1..6)) {
        let text: String = rows
            .iter()
            .map(|row| row.iter().map(|c| palma::clients::csv::cell(c)).collect::<Vec<_>>().join(",") + "\r\n")
            .collect();
        let read = palma::clients::csv::parse(&text).unwrap();
        prop_assert_eq!(read, rows);
    }
}
