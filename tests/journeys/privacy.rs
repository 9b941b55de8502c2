//! What stays behind when a client's data is erased and purged: nothing of theirs. The
//! journal keeps ids, counts and field names only (never a precaution rule's key, which names
//! a condition, nor a note template's), and the database holds none of the client's words —
//! on SQLite not even in freed pages, the search index or the write-ahead log, read as bytes.

use crate::world::World;
use chrono::Duration;
use palma::api::{ById, Call, NoArgs};
use palma::care::{Answer, IntakeInput, IntakeSaved, Note, NoteInput, PrecautionRule, StartNote};
use palma::clients::requests::{Erasure, PurgeReport};
use palma::db::Engine;
use sqlx::Row;

/// Words only this client's record holds: their name and what they wrote or was written.
const NAME: (&str, &str) = ("Quendolyn", "Marchbankswort");
const CONDITIONS: &str = "Zanthoxylum rashes behind both knees";
const MEDICINES: &str = "Flurbiprofenquix twice daily";
const NOTE: &str = "Xerophthalmic ache after Brindlecombe walks";

/// What must not be found: each distinctive word, and its tail too, because SQLite's search
/// index stores a word as the part that differs from the word before it.
fn needles() -> Vec<String> {
    let words = [
        NAME.0,
        NAME.1,
        "Zanthoxylum",
        "Flurbiprofenquix",
        "Xerophthalmic",
        "Brindlecombe",
    ];
    words
        .iter()
        .flat_map(|w| {
            let w = w.to_lowercase();
            let tail = w[w.len() - 7..].to_owned();
            [w, tail]
        })
        .collect()
}

#[tokio::test]
async fn an_erased_and_purged_client_leaves_no_words_and_the_journal_no_conditions() {
    let world = World::new().await;
    world.small_clinic().await;
    let client = world.client(NAME.0, NAME.1).await;
    let answers = [
        ("pregnant", "yes"),
        ("dvt_history", "yes"),
        ("blood_thinners", "yes"),
        ("conditions_other", CONDITIONS),
        ("medications", MEDICINES),
    ];
    let saved: IntakeSaved = world
        .call(Call::CareSaveIntake(IntakeInput {
            client_id: client.id.clone(),
            taken_on: String::new(),
            answers: answers
                .iter()
                .map(|(key, value)| Answer {
                    key: (*key).into(),
                    value: (*value).into(),
                })
                .collect(),
        }))
        .await
        .unwrap();
    assert_eq!(saved.precautions.len(), 3, "the answers raised precautions");
    let mut note: Note = world
        .call(Call::CareStartNote(StartNote {
            client_id: client.id.clone(),
            appointment_id: None,
            session_on: String::new(),
            template_key: Some("low_back".into()),
        }))
        .await
        .unwrap();
    note.content.subjective = NOTE.into();
    let _: Note = world
        .call(Call::CareSaveNote(NoteInput {
            id: note.id.clone(),
            content: note.content.clone(),
        }))
        .await
        .unwrap();
    let _: Note = world
        .call(Call::CareSignNote(ById {
            id: note.id.clone(),
        }))
        .await
        .unwrap();

    let before = traces(&world).await;
    for needle in needles() {
        assert!(
            before
                .iter()
                .any(|t| t.starts_with(&format!("{needle:?} in "))),
            "the search finds {needle:?} before the erasure: {before:#?}"
        );
    }

    let erased: Erasure = world
        .call(Call::ClientsErase(ById {
            id: client.id.clone(),
        }))
        .await
        .unwrap();
    assert!(!erased.purged, "kept, restricted, until retention ends");
    world.clock.advance(Duration::days(8 * 366 + 1));
    let purged: PurgeReport = world
        .call(Call::RetentionPurgeDue(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(purged.purged, 1);

    // The journal still has the client's lines (ids only): none names a condition.
    let rules: Vec<PrecautionRule> = world
        .call(Call::CarePrecautionRules(NoArgs {}))
        .await
        .unwrap();
    let lines = journal_lines(&world).await;
    assert!(lines.iter().any(|l| l.contains(&client.id)));
    for line in &lines {
        for key in rules.iter().map(|r| r.key.as_str()).chain(["low_back"]) {
            assert!(!line.contains(key), "the journal names {key:?}: {line}");
        }
    }

    let left = traces(&world).await;
    assert!(
        left.is_empty(),
        "the client's words are still there: {left:#?}"
    );
}

/// Where any of the client's words are found: every text column of every table, and on
/// SQLite the bytes of the database file and its write-ahead log.
async fn traces(world: &World) -> Vec<String> {
    let mut found = Vec::new();
    for needle in needles() {
        for column in text_columns_containing(world, &needle).await {
            found.push(format!("{needle:?} in {column}"));
        }
    }
    let Some(file) = world.sqlite_file() else {
        return found;
    };
    for part in ["", "-wal"] {
        let Ok(mut bytes) = std::fs::read(format!("{}{part}", file.display())) else {
            continue;
        };
        bytes.make_ascii_lowercase();
        for needle in needles() {
            if let Some(at) = bytes
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())
            {
                let around = &bytes[at.saturating_sub(40)..(at + 40).min(bytes.len())];
                found.push(format!(
                    "{needle:?} in palma.sqlite{part} at byte {at}: {}",
                    around.escape_ascii()
                ));
            }
        }
    }
    found
}

/// Every journal line as one text, all columns.
async fn journal_lines(world: &World) -> Vec<String> {
    sqlx::query(
        "SELECT seq, actor_id, workstation, action, entity, entity_id, client_id, detail \
         FROM journal ORDER BY seq",
    )
    .fetch_all(world.clinic.pool())
    .await
    .unwrap()
    .iter()
    .map(|row| {
        let text = |c: &str| {
            row.try_get::<Option<String>, _>(c)
                .unwrap()
                .unwrap_or_default()
        };
        format!(
            "{} {} {} {} {} {} {} {}",
            row.try_get::<i64, _>("seq").unwrap(),
            text("actor_id"),
            text("workstation"),
            text("action"),
            text("entity"),
            text("entity_id"),
            text("client_id"),
            text("detail")
        )
    })
    .collect()
}

/// `table.column` of every text column, in every table, holding `needle` (any case).
async fn text_columns_containing(world: &World, needle: &str) -> Vec<String> {
    let columns_sql = match world.engine() {
        Engine::Sqlite => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND (p.type LIKE '%TEXT%' OR p.type LIKE '%CHAR%' OR p.type = '')"
        }
        Engine::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() \
             AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')"
        }
    };
    let columns = sqlx::query(columns_sql)
        .fetch_all(world.clinic.pool())
        .await
        .unwrap();
    let mut found = Vec::new();
    for row in &columns {
        let table: String = row.try_get("t").unwrap();
        let column: String = row.try_get("c").unwrap();
        let sql = format!(
            "SELECT COUNT(*) FROM \"{table}\" WHERE LOWER(CAST(\"{column}\" AS TEXT)) LIKE $1"
        );
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(format!("%{needle}%"))
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}
