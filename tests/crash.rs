//! Crash test (SQLite): a child process (`palma __crash-writer`) creates clients and books
//! them in, printing each id only after its write committed; it is killed with SIGKILL at
//! random moments, 200 times. After every kill the database must pass `integrity_check` and
//! `foreign_key_check`, the journal chain must verify, and every acknowledged id must be
//! there. PostgreSQL's own crash safety is the server's; this checks Palma's use of SQLite.
//!
//! Also here, because they run the `palma` binary too: `verify-audit`, `backup` and
//! `restore` from the command line.

use palma::audit::{Verdict, verify};
use palma::clock::FixedClock;
use palma::scheduling::{PractitionerInput, RoomInput, ServiceInput};
use palma::staff::{Actor, Desk, NewStaff};
use palma::{Clinic, api, api::Call, settings};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Connection, Row};
use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::Duration;

const KILLS: usize = 200;
/// The instant the clinic is set up at, and the writer's clock starts at (`PALMA_NOW`).
const START: &str = "2026-11-18T09:00:00Z";

async fn set_up(url: &str) {
    let start = chrono::DateTime::parse_from_rfc3339(START).unwrap();
    let clock = std::sync::Arc::new(FixedClock::new(start.to_utc()));
    let clinic = Clinic::open(url, clock, "crash-test")
        .await
        .unwrap()
        .with_light_password_hashing();
    let desk = Desk::system(Actor::builtin_owner());
    let calls = [
        Call::SetupStart(settings::StartClinic::Empty {
            settings: settings::SettingsInput {
                name: "Crash Clinic".into(),
                address: String::new(),
                phone: String::new(),
                email: String::new(),
                website: String::new(),
                time_zone: "Europe/London".into(),
                currency: "GBP".into(),
                late_cancel_hours: 24,
                shared_care: None,
            },
            owner: NewStaff {
                display_name: "Owner".into(),
                username: "owner".into(),
                password: "owner-password".into(),
            },
        }),
        Call::PractitionersSave(PractitionerInput {
            id: None,
            display_name: "Maya".into(),
            colour: "#2f7d6d".into(),
            active: true,
        }),
        Call::RoomsSave(RoomInput {
            room_type: String::new(),
            id: None,
            name: "Willow".into(),
            active: true,
        }),
        Call::ServicesSave(ServiceInput {
            practitioner_ids: vec![],
            room_type: String::new(),
            id: None,
            name: "Deep tissue".into(),
            duration_min: 30,
            buffer_min: 0,
            price_minor: 5000,
            colour: "#2f7d6d".into(),
            active: true,
        }),
    ];
    for call in calls {
        api::dispatch(&clinic, &desk, call).await.unwrap();
    }
    clinic.close().await;
}

/// Everything the writer acknowledged before it was killed (complete lines only).
fn acknowledged(output: &str) -> Vec<(String, String)> {
    let complete = output.rfind('\n').map_or("", |end| &output[..end]);
    complete
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(kind, id)| (kind.to_owned(), id.to_owned()))
        .collect()
}

async fn ids(conn: &mut sqlx::AnyConnection, sql: &'static str) -> HashSet<String> {
    sqlx::query(sql)
        .fetch_all(conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>("id"))
        .collect()
}

async fn check(url: &str, acked: &[(String, String)], round: usize) {
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, ["ok"], "round {round}");
    let orphans = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(
        orphans.is_empty(),
        "round {round}: {} dangling references",
        orphans.len()
    );
    let clients = ids(&mut conn, "SELECT id FROM clients").await;
    let appointments = ids(&mut conn, "SELECT id FROM appointments").await;
    conn.close().await.unwrap();
    for (kind, id) in acked {
        let present = match kind.as_str() {
            "client" => clients.contains(id),
            "appointment" => appointments.contains(id),
            other => panic!("unexpected line {other} {id}"),
        };
        assert!(
            present,
            "round {round}: acknowledged {kind} {id} is missing"
        );
    }
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let verdict = verify(&pool).await.unwrap();
    pool.close().await;
    assert!(
        matches!(verdict, Verdict::Intact { .. }),
        "round {round}: {verdict:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_writer_at_random_never_loses_or_breaks_anything() {
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let url = palma::db::sqlite_url(&dir.path().join("palma.sqlite"));
    set_up(&url).await;
    let mut rng = StdRng::seed_from_u64(0xc4a5);
    let mut all_acked = Vec::new();
    let mut rounds_with_writes = 0;
    for round in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_palma"))
            .args(["--database", &url, "__crash-writer"])
            .env("PALMA_NOW", START)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Read the writer's acknowledgements as they come, so the kill can be timed from its
        // first committed write rather than from process start (which a loaded machine slows).
        let stdout = child.stdout.take().unwrap();
        let (first, started) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut output = String::new();
            let mut lines = std::io::BufReader::new(stdout);
            let mut line = String::new();
            while std::io::BufRead::read_line(&mut lines, &mut line).unwrap_or(0) > 0 {
                if output.is_empty() {
                    let _ = first.send(());
                }
                output.push_str(&line);
                line.clear();
            }
            output
        });
        let _ = started.recv_timeout(Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(rng.random_range(0..80))).await;
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let output = reader.join().unwrap();
        let acked = acknowledged(&output);
        rounds_with_writes += usize::from(!acked.is_empty());
        all_acked.extend(acked);
        // Every id ever acknowledged must still be there, not only this round's.
        check(&url, &all_acked, round).await;
    }
    assert!(
        rounds_with_writes > KILLS / 2,
        "the writer was killed mid-work often enough: {rounds_with_writes}"
    );
    assert!(
        all_acked.len() > KILLS,
        "{} writes acknowledged",
        all_acked.len()
    );
}

fn palma(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_palma"))
        .args(args)
        .env("PALMA_NOW", START)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_command_line_verifies_the_journal_and_backs_up_and_restores() {
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("palma.sqlite");
    let url = palma::db::sqlite_url(&file);
    set_up(&url).await;
    let intact = palma(&["--database", &url, "verify-audit"]);
    assert!(intact.status.success());
    // settings, owner, seeded handout library, therapist, room, service
    assert!(String::from_utf8_lossy(&intact.stdout).contains("journal intact: 6 entries verified"));
    let backup = dir.path().join("copy.sqlite");
    let made = palma(&[
        "--database",
        &url,
        "backup",
        "--out",
        &backup.display().to_string(),
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // Tamper with the third line behind the triggers' back.
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    sqlx::query("DROP TRIGGER journal_no_update")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE journal SET workstation = 'elsewhere' WHERE seq = 3")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let broken = palma(&["--database", &url, "verify-audit"]);
    assert!(!broken.status.success());
    let said = String::from_utf8_lossy(&broken.stderr);
    assert!(
        said.contains("journal broken at entry 3: its content was changed"),
        "{said}"
    );
    // Restoring the backup brings back the intact journal and keeps the tampered database.
    let restored = palma(&["--database", &url, "restore", &backup.display().to_string()]);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert!(
        palma(&["--database", &url, "verify-audit"])
            .status
            .success()
    );
    // The restored journal ends with the backup's own line, then the restore.
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let last: Vec<String> =
        sqlx::query_scalar("SELECT action FROM journal ORDER BY seq DESC LIMIT 2")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    conn.close().await.unwrap();
    assert_eq!(last, ["restore", "backup_start"]);
    // A damaged backup is refused with a clear message.
    let mut bytes = std::fs::read(&backup).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&backup, bytes).unwrap();
    let refused = palma(&["--database", &url, "restore", &backup.display().to_string()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("does not match its checksum"));
}
