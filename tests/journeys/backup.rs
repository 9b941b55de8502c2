//! Backups and restore: a round trip reproduces every record; a damaged or foreign file is
//! refused before anything is touched; old backups beyond `keep` are removed; the daily
//! schedule runs once a day. Restore is SQLite only; on PostgreSQL the backup is a `pg_dump`,
//! which gets the password through its environment, never its command line.

use crate::world::World;
use chrono::Duration;
use palma::api::{Call, NoArgs};
use palma::backup::{self, BackupNow, BackupReport, BackupSettings};
use palma::db::Engine;
use palma::staff::Actor;
use sha2::{Digest, Sha256};
use sqlx::{Connection, Row};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Each table's row count and a hash of its whole content (every column, `quote`d).
async fn snapshot(file: &Path) -> BTreeMap<String, (usize, String)> {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA table_info({table})")))
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .iter()
                .map(|row| row.try_get::<String, _>("name").unwrap())
                .collect();
        let line = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let lines: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT {line} FROM {table} ORDER BY 1"
        )))
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut hasher = Sha256::new();
        for l in &lines {
            hasher.update(l.as_bytes());
            hasher.update(b"\n");
        }
        out.insert(table, (lines.len(), hex::encode(hasher.finalize())));
    }
    conn.close().await.unwrap();
    out
}

/// The owner restoring at the test desk, at the test clock's time.
fn restored_by(world: &World) -> backup::RestoredBy<'_> {
    backup::RestoredBy {
        actor: &world.owner,
        clock: world.clock.clone(),
        workstation: "test-desk",
    }
}

async fn backup_now(world: &World, folder: &Path) -> BackupReport {
    world
        .call(Call::BackupNow(BackupNow {
            folder: Some(folder.display().to_string()),
        }))
        .await
        .unwrap()
}

#[tokio::test]
async fn backup_then_restore_of_the_demo_reproduces_every_record() {
    let world = World::for_demo().await;
    let Some(live) = world.sqlite_file() else {
        return;
    };
    let _: serde_json::Value = world
        .call(Call::SetupStart(palma::settings::StartClinic::Demo))
        .await
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let report = backup_now(&world, folder.path()).await;
    let file = Path::new(&report.file);
    assert!(
        file.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with(&format!(
                "palma-{}",
                world.clinic.now().format("%Y%m%d-%H%M%S")
            ))
    );
    let sums = std::fs::read_to_string(format!("{}.sha256", report.file)).unwrap();
    assert!(sums.starts_with(&report.sha256));
    assert_eq!(backup::checksum(file).unwrap().0, report.sha256);
    let at_backup = snapshot(file).await;
    assert_eq!(at_backup["clients"].0, 40);
    assert!(at_backup["appointments"].0 > 60 && at_backup["staff"].0 == 5);
    // Work goes on after the backup, then the clinic is closed and the backup restored.
    world.client("After", "Backup").await;
    world.clinic.close().await;
    let before_restore = snapshot(&live).await;
    assert_eq!(before_restore["clients"].0, 41);
    world.clock.advance(Duration::hours(1));
    let restored = backup::restore_sqlite(file, &live, restored_by(&world))
        .await
        .unwrap();
    let kept = restored.replaced.unwrap();
    assert!(kept.display().to_string().ends_with(&format!(
        "palma.sqlite.replaced-{}",
        world.clinic.now().format("%Y%m%d-%H%M%S")
    )));
    let mut now = snapshot(&live).await;
    // The restore journaled itself in the restored database: one line more than the backup
    // (and so another head); everything else is identical.
    assert_eq!(now.remove("journal").unwrap().0, at_backup["journal"].0 + 1);
    now.remove("journal_head");
    let mut expected = at_backup.clone();
    expected.remove("journal");
    expected.remove("journal_head");
    assert_eq!(now, expected);
    assert_eq!(
        snapshot(&kept).await,
        before_restore,
        "the replaced database is kept whole"
    );
}

/// Overwrites `len` bytes in the middle of a file, flipping bits with `pattern`. Damaging the
/// same place twice takes two patterns: the same one would mend the overlap.
fn damage(file: &Path, len: usize, pattern: u8) {
    let mut bytes = std::fs::read(file).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + len] {
        *b ^= pattern;
    }
    std::fs::write(file, bytes).unwrap();
}

#[tokio::test]
async fn a_damaged_or_foreign_backup_is_refused_and_the_live_database_untouched() {
    let world = World::new().await;
    let Some(live) = world.sqlite_file() else {
        return;
    };
    world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let report = backup_now(&world, folder.path()).await;
    let file = Path::new(&report.file).to_path_buf();
    world.clinic.close().await;
    let untouched = backup::checksum(&live).unwrap();
    damage(&file, 16, 0x5a);
    let error = backup::restore_sqlite(&file, &live, restored_by(&world))
        .await
        .unwrap_err();
    assert!(
        error.message.contains("does not match its checksum"),
        "{}",
        error.message
    );
    // Without its checksum file, a whole damaged page is still found by the integrity check.
    std::fs::remove_file(format!("{}.sha256", report.file)).unwrap();
    damage(&file, 4096, 0xa5);
    let error = backup::restore_sqlite(&file, &live, restored_by(&world))
        .await
        .unwrap_err();
    assert!(error.message.contains("damaged"), "{}", error.message);
    // Not a database at all, and a database that is not Palma's.
    std::fs::write(&file, b"just some text, not a database").unwrap();
    assert!(
        backup::restore_sqlite(&file, &live, restored_by(&world))
            .await
            .is_err()
    );
    let foreign = folder.path().join("other.sqlite");
    let mut conn =
        sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=rwc", foreign.display()))
            .await
            .unwrap();
    sqlx::query("CREATE TABLE notes (body TEXT)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let error = backup::restore_sqlite(&foreign, &live, restored_by(&world))
        .await
        .unwrap_err();
    assert!(
        error.message.contains("not a Palma database"),
        "{}",
        error.message
    );
    assert_eq!(
        backup::checksum(&live).unwrap(),
        untouched,
        "the live database was not touched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(live.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_string_lossy().contains("replaced")
                || e.file_name().to_string_lossy().ends_with(".partial")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn only_the_newest_backups_are_kept() {
    let world = World::new().await;
    world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let settings: BackupSettings = world
        .call(Call::BackupConfigure(BackupSettings {
            folder: folder.path().display().to_string(),
            keep: 2,
            daily: true,
            last_backup_ms: None,
            last_failure: None,
            state: None,
        }))
        .await
        .unwrap();
    assert_eq!(settings.keep, 2);
    let mut reports = Vec::new();
    for _ in 0..3 {
        reports.push(
            world
                .call::<BackupReport>(Call::BackupNow(BackupNow::default()))
                .await
                .unwrap(),
        );
        world.clock.advance(Duration::seconds(1));
    }
    assert_eq!(reports[2].removed, vec![reports[0].file.clone()]);
    let mut names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let extension = if world.engine() == Engine::Sqlite {
        "sqlite"
    } else {
        "pgdump"
    };
    assert_eq!(
        names,
        [
            format!("palma-20261118-090001.{extension}"),
            format!("palma-20261118-090001.{extension}.sha256"),
            format!("palma-20261118-090002.{extension}"),
            format!("palma-20261118-090002.{extension}.sha256"),
        ]
    );
    let stored: BackupSettings = world.call(Call::BackupSettings(NoArgs {})).await.unwrap();
    assert_eq!(
        stored.last_backup_ms,
        Some(world.clinic.now().timestamp_millis() - 1000)
    );
}

#[tokio::test]
async fn the_daily_backup_runs_once_a_day() {
    let world = World::new().await;
    world.small_clinic().await;
    assert!(!daily_ran(&world).await, "no folder yet");
    let folder = tempfile::tempdir().unwrap();
    back_up_daily_into(&world, folder.path()).await;
    assert!(daily_ran(&world).await);
    world.clock.advance(Duration::hours(23));
    assert!(!daily_ran(&world).await);
    world.clock.advance(Duration::hours(1));
    assert!(daily_ran(&world).await);
    let relative = world
        .call::<serde_json::Value>(Call::BackupNow(BackupNow {
            folder: Some("relative/folder".into()),
        }))
        .await
        .unwrap_err();
    assert_eq!(relative.field.as_deref(), Some("folder"));
}

/// Turns on daily backups into `folder`.
async fn back_up_daily_into(world: &World, folder: &Path) {
    let _: BackupSettings = world
        .call(Call::BackupConfigure(BackupSettings {
            folder: folder.display().to_string(),
            keep: 14,
            daily: true,
            last_backup_ms: None,
            last_failure: None,
            state: None,
        }))
        .await
        .unwrap();
}

/// Runs the shell's daily-backup check; whether a backup was made.
async fn daily_ran(world: &World) -> bool {
    backup::backup_if_due(&world.clinic, &Actor::builtin_owner())
        .await
        .unwrap()
        .is_some()
}

/// A daily backup that fails (its folder was removed) is kept for the owner to see, journaled
/// once however often it is retried, and cleared by the next backup that works.
#[tokio::test]
async fn a_failed_daily_backup_is_shown_until_one_works() {
    let world = World::new().await;
    world.small_clinic().await;
    let owner = Actor::builtin_owner();
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    back_up_daily_into(&world, &folder).await;
    // The backup disk is unplugged.
    std::fs::remove_dir(&folder).unwrap();
    let settings = || async {
        world
            .call::<BackupSettings>(Call::BackupSettings(NoArgs {}))
            .await
            .unwrap()
    };
    let failures = || world.count("journal WHERE action = 'backup_failed'");
    let error = backup::backup_if_due(&world.clinic, &owner)
        .await
        .unwrap_err();
    let failed_at = world.clinic.now().timestamp_millis();
    assert_eq!(error.field.as_deref(), Some("folder"));
    let shown = settings().await.last_failure.expect("the failure is kept");
    assert_eq!(shown.at_ms, failed_at);
    assert_eq!(shown.message, error.message);
    assert_eq!(failures().await, 1);

    world.clock.advance(Duration::hours(1));
    assert!(backup::backup_if_due(&world.clinic, &owner).await.is_err());
    assert_eq!(
        settings().await.last_failure.map(|f| f.at_ms),
        Some(failed_at + 3_600_000),
        "the latest attempt is shown"
    );
    assert_eq!(failures().await, 1, "journaled once, not at every retry");

    std::fs::create_dir(&folder).unwrap();
    world.clock.advance(Duration::hours(1));
    assert!(daily_ran(&world).await);
    let after = settings().await;
    assert_eq!(after.last_failure, None);
    assert!(after.last_backup_ms.is_some());
}

/// pg_dump gets the database password through its environment, never its command line, which
/// every user of the computer can read (`ps`, `/proc/*/cmdline`): during a backup made with a
/// password in the URL, no process's command line holds it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pg_dump_never_has_the_password_on_its_command_line() {
    if std::env::var_os("PALMA_TEST_POSTGRES").is_none() {
        eprintln!("skipped: PALMA_TEST_POSTGRES is not set; this test needs PostgreSQL");
        return;
    }
    let world = World::new().await;
    world.small_clinic().await;
    let role = format!("palma_backup_{}", palma::clinic::new_id().replace('-', ""));
    let unique = palma::clinic::new_id().replace('-', "");
    let secret = format!("Pw@{unique}");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{secret}'"
    )))
    .execute(world.clinic.pool())
    .await
    .unwrap();
    let mut url = url::Url::parse(world.clinic.url()).unwrap();
    url.set_username(&role).unwrap();
    url.set_password(Some(&secret)).unwrap();
    let clinic = palma::Clinic::open(url.as_str(), world.clock.clone(), "test-desk")
        .await
        .unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let watching = done.clone();
    let watcher = std::thread::spawn(move || {
        let (mut saw_pg_dump, mut leaks) = (false, std::collections::BTreeSet::new());
        while !watching.load(Ordering::SeqCst) {
            for args in command_lines() {
                // Run as itself or through a wrapper (Debian's pg_wrapper is a Perl script).
                saw_pg_dump |= args
                    .iter()
                    .any(|a| a.ends_with("/pg_dump") || a == "pg_dump")
                    && args.iter().any(|a| a == "--format=custom");
                if args.iter().any(|a| a.contains(&unique)) {
                    leaks.insert(args.join(" "));
                }
            }
        }
        (saw_pg_dump, leaks)
    });
    let folder = tempfile::tempdir().unwrap();
    let made = backup::make(
        &clinic,
        &palma::staff::Actor::builtin_owner(),
        &folder.path().join("palma.pgdump"),
    )
    .await;
    done.store(true, Ordering::SeqCst);
    let (saw_pg_dump, leaks) = watcher.join().unwrap();
    clinic.close().await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE {role}")))
        .execute(world.clinic.pool())
        .await;
    assert!(made.unwrap().bytes > 0);
    assert!(saw_pg_dump, "the watcher saw pg_dump running");
    assert!(
        leaks.is_empty(),
        "the password is on a command line: {leaks:?}"
    );
}

/// Every process's command line, as its arguments.
fn command_lines() -> Vec<Vec<String>> {
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    processes
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read(entry.path().join("cmdline")).ok())
        .map(|raw| {
            raw.split(|&b| b == 0)
                .map(|arg| String::from_utf8_lossy(arg).into_owned())
                .collect()
        })
        .collect()
}

/// The journal lines of a backup file, oldest first, as (action, detail): read from the
/// SQLite copy, or from the `pg_dump` archive by `pg_restore`.
async fn journal_in_backup(world: &World, file: &Path) -> Vec<(String, String)> {
    if world.engine() == Engine::Sqlite {
        let url = format!("sqlite://{}?mode=ro", file.display());
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        let lines = sqlx::query("SELECT action, detail FROM journal ORDER BY seq")
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|row| (row.get("action"), row.get("detail")))
            .collect();
        conn.close().await.unwrap();
        return lines;
    }
    let data = std::process::Command::new("pg_restore")
        .args(["--data-only", "--table=journal", "--file=-"])
        .arg(file)
        .output()
        .unwrap();
    assert!(data.status.success());
    // COPY public.journal (seq, at_ms, actor_id, workstation, action, entity, entity_id,
    // client_id, detail, prev_hash, hash) FROM stdin; then tab-separated rows, then "\.".
    let mut rows: Vec<(i64, String, String)> = String::from_utf8(data.stdout)
        .unwrap()
        .lines()
        .skip_while(|l| !l.starts_with("COPY "))
        .skip(1)
        .take_while(|l| *l != "\\.")
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].parse().unwrap(), cols[4].into(), cols[8].into())
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, a, d)| (a, d)).collect()
}

async fn live_journal_tail(world: &World, n: i64) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> =
        sqlx::query("SELECT action, detail FROM journal ORDER BY seq DESC LIMIT $1")
            .bind(n)
            .fetch_all(world.clinic.pool())
            .await
            .unwrap()
            .iter()
            .map(|row| (row.get("action"), row.get("detail")))
            .collect();
    lines.reverse();
    lines
}

/// A backup is journaled before the copy is taken, so the copy holds its own line; the live
/// journal then says it was made, with its SHA-256. One that fails after it started says so
/// in a second line.
#[tokio::test]
async fn a_backup_holds_its_own_journal_line() {
    let world = World::new().await;
    world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let report = backup_now(&world, folder.path()).await;
    let name = Path::new(&report.file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let in_backup = journal_in_backup(&world, Path::new(&report.file)).await;
    assert_eq!(
        in_backup.last(),
        Some(&("backup_start".to_owned(), name.clone())),
        "the backup's own line is in the backup"
    );
    assert_eq!(
        live_journal_tail(&world, 2).await,
        [
            ("backup_start".to_owned(), name.clone()),
            (
                "backup".to_owned(),
                format!("{name} sha256 {}", report.sha256)
            ),
        ]
    );

    let gone = folder.path().join("unplugged").join("copy.backup");
    let error = backup::make(&world.clinic, &world.owner, &gone)
        .await
        .unwrap_err();
    assert_eq!(
        live_journal_tail(&world, 2).await,
        [
            ("backup_start".to_owned(), "copy.backup".to_owned()),
            ("backup_failed".to_owned(), error.message),
        ]
    );
}

/// The restored database's journal goes on from the backup's own line with the restore: who,
/// when, from which backup (its SHA-256), and where the replaced database's journal had got
/// to; the chain verifies.
#[tokio::test]
async fn a_restore_is_journaled_in_the_restored_database() {
    let world = World::new().await;
    let Some(live) = world.sqlite_file() else {
        return;
    };
    world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let report = backup_now(&world, folder.path()).await;
    world.client("After", "Backup").await;
    let (seq, hash): (i64, String) = {
        let head = sqlx::query("SELECT last_seq, last_hash FROM journal_head")
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
        (head.get("last_seq"), head.get("last_hash"))
    };
    world.clinic.close().await;
    world.clock.advance(Duration::hours(1));
    backup::restore_sqlite(Path::new(&report.file), &live, restored_by(&world))
        .await
        .unwrap();

    let restored = palma::Clinic::open(&palma::db::sqlite_url(&live), world.clock.clone(), "x")
        .await
        .unwrap();
    let last = sqlx::query(
        "SELECT action, entity, actor_id, at_ms, workstation, client_id, detail FROM journal \
         ORDER BY seq DESC LIMIT 2",
    )
    .fetch_all(restored.pool())
    .await
    .unwrap();
    let field = |n: usize, c: &str| last[n].get::<String, _>(c);
    assert_eq!(field(1, "action"), "backup_start", "the backup's own line");
    assert_eq!(
        (
            field(0, "action"),
            field(0, "entity"),
            field(0, "actor_id"),
            field(0, "workstation"),
            last[0].get::<i64, _>("at_ms"),
            last[0].get::<Option<String>, _>("client_id"),
        ),
        (
            "restore".into(),
            "database".into(),
            world.owner.staff_id.clone(),
            "test-desk".into(),
            world.clinic.now().timestamp_millis(),
            None
        )
    );
    assert_eq!(
        field(0, "detail"),
        format!(
            "backup sha256 {}; replaced journal at {seq} hash {hash}",
            report.sha256
        )
    );
    assert!(matches!(
        palma::audit::verify(restored.pool()).await.unwrap(),
        palma::audit::Verdict::Intact { .. }
    ));
    restored.close().await;
}
