//! Backups and restore.
//!
//! A backup is written to a temporary file in the target folder, checked, checksummed, then
//! renamed into place, so a backup file either is complete and verified or does not exist:
//! SQLite uses `VACUUM INTO` (a consistent, compacted copy taken inside a read transaction),
//! then `PRAGMA integrity_check` and `foreign_key_check` on the copy; PostgreSQL uses
//! `pg_dump --format=custom`, checked with `pg_restore --list`. The SHA-256 sits beside the
//! file as `NAME.sha256` in `sha256sum` format. The newest `keep` backups in a folder are kept.
//!
//! A backup is journaled before the copy is taken, so the copy holds its own line (the
//! journal of a restored database ends with the backup it came from); after it, a second line
//! says it was made (with its SHA-256) or that it failed.
//!
//! Restore (SQLite) is in [`restore`].

use crate::api::NoArgs;
use crate::audit::{self, Entry, Verdict, WriteTx};
use crate::clinic::Clinic;
use crate::db::Engine;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{Connection, Row};
use std::path::{Path, PathBuf};
use ts_rs::TS;

mod restore;
pub use restore::{Restored, RestoredBy, restore_sqlite};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupNow {
    /// The folder to write to; the configured backup folder when absent.
    #[ts(optional)]
    pub folder: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupReport {
    /// The backup file's full path.
    pub file: String,
    pub sha256: String,
    pub bytes: i64,
    /// Older backups removed to keep the newest `keep`.
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    /// Where scheduled backups go (an absolute folder path); empty for none.
    pub folder: String,
    /// How many backups to keep in the folder (1–365, default 14).
    pub keep: i32,
    /// Whether to back up once a day while Palma is open.
    pub daily: bool,
    /// When the last backup was made (epoch ms); ignored on input.
    #[serde(default)]
    #[ts(optional)]
    pub last_backup_ms: Option<i64>,
    /// The daily backup's latest failure since a backup last worked (never while no folder is
    /// chosen); ignored on input.
    #[serde(default)]
    #[ts(optional)]
    pub last_failure: Option<BackupFailure>,
    /// What the owner is told about backups; always present in answers, ignored on input.
    #[serde(default)]
    #[ts(optional)]
    pub state: Option<BackupState>,
}

/// Where the clinic's backups stand, for the owner's notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupState {
    /// No folder chosen yet: "Choose where backups go" (a step to take, not a failure).
    ChooseFolder,
    /// A folder is chosen but no backup has been made yet.
    NoneYet,
    /// The daily backup failed, and no backup has worked since.
    Failing,
    /// The last backup worked.
    Working,
}

/// A daily backup that did not happen: when it was tried, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFailure {
    pub at_ms: i64,
    pub message: String,
}

fn refused(message: impl Into<String>) -> ApiError {
    ApiError::conflict(message)
}

fn io_failed(what: &str, error: &std::io::Error) -> ApiError {
    tracing::error!(kind = %error.kind(), what, "backup file operation failed");
    refused(format!("Could not {what} ({}).", error.kind()))
}

pub async fn settings(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<BackupSettings> {
    load_settings(clinic.pool()).await
}

async fn load_settings(conn: impl sqlx::AnyExecutor<'_>) -> ApiResult<BackupSettings> {
    let row = sqlx::query(
        "SELECT backup_folder, backup_keep, backup_daily, last_backup_ms, backup_failed_ms, \
         backup_failure FROM security_settings WHERE id = 1",
    )
    .fetch_one(conn)
    .await?;
    let last: i64 = row.try_get("last_backup_ms")?;
    let failed_ms: i64 = row.try_get("backup_failed_ms")?;
    let folder: String = row.try_get("backup_folder")?;
    // A failure noted for a folder since cleared is no longer the owner's concern: with no
    // folder the step to take is choosing one.
    let last_failure = (failed_ms > 0 && !folder.is_empty())
        .then(|| {
            Ok::<_, sqlx::Error>(BackupFailure {
                at_ms: failed_ms,
                message: row.try_get("backup_failure")?,
            })
        })
        .transpose()?;
    let state = if folder.is_empty() {
        BackupState::ChooseFolder
    } else if last_failure.is_some() {
        BackupState::Failing
    } else if last > 0 {
        BackupState::Working
    } else {
        BackupState::NoneYet
    };
    Ok(BackupSettings {
        folder,
        keep: row.try_get("backup_keep")?,
        daily: row.try_get::<i32, _>("backup_daily")? != 0,
        last_backup_ms: (last > 0).then_some(last),
        last_failure,
        state: Some(state),
    })
}

fn folder_field(raw: &str) -> ApiResult<PathBuf> {
    fields::existing_folder("folder", raw)
}

pub async fn configure(
    clinic: &Clinic,
    actor: &Actor,
    args: BackupSettings,
) -> ApiResult<BackupSettings> {
    let folder = if args.folder.trim().is_empty() {
        String::new()
    } else {
        folder_field(&args.folder)?.display().to_string()
    };
    let keep = fields::within("keep", "Backups to keep", args.keep.into(), 1..=365)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query(
        // A failure belongs to the folder it happened in: another folder starts afresh.
        "UPDATE security_settings SET backup_failed_ms = CASE WHEN backup_folder = $1 \
         THEN backup_failed_ms ELSE 0 END, backup_folder = $1, backup_keep = $2, \
         backup_daily = $3, updated_at = $4 WHERE id = 1",
    )
    .bind(&folder)
    .bind(i32::try_from(keep).unwrap_or(14))
    .bind(i32::from(args.daily))
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    crate::settings::journal_change(
        &mut tx,
        "backup",
        format!("keep {keep}; daily {}", args.daily),
    )
    .await?;
    let saved = load_settings(tx.conn()).await?;
    tx.commit().await?;
    Ok(saved)
}

pub async fn now(clinic: &Clinic, actor: &Actor, args: BackupNow) -> ApiResult<BackupReport> {
    let configured = load_settings(clinic.pool()).await?;
    let folder = match args.folder.as_deref() {
        Some(folder) if !folder.trim().is_empty() => folder_field(folder)?,
        _ if !configured.folder.is_empty() => folder_field(&configured.folder)?,
        _ => {
            return Err(ApiError::validation(
                "folder",
                "Choose a folder for backups.",
            ));
        }
    };
    to_folder(clinic, actor, &folder, configured.keep.max(1)).await
}

/// Makes the daily backup when one is due (daily backups on, a folder chosen, and none made
/// in the last 24 hours). The shell calls this on a timer; returns the report when it ran.
/// A failure is kept for the owner to see before it is returned; the next timer tries again.
pub async fn backup_if_due(clinic: &Clinic, actor: &Actor) -> ApiResult<Option<BackupReport>> {
    let settings = load_settings(clinic.pool()).await?;
    let due = settings.daily
        && !settings.folder.is_empty()
        && clinic.now().timestamp_millis() - settings.last_backup_ms.unwrap_or(0) >= DAY_MS;
    if !due {
        return Ok(None);
    }
    // A folder that is not there (the backup disk unplugged) stops the backup before it
    // starts: journaled once, not at every hourly retry. A backup that started and failed
    // was journaled as it failed.
    let (made, started) = match folder_field(&settings.folder) {
        Ok(folder) => (
            to_folder(clinic, actor, &folder, settings.keep.max(1)).await,
            true,
        ),
        Err(error) => (Err(error), false),
    };
    match made {
        Ok(report) => Ok(Some(report)),
        Err(error) => {
            let journal = !started && settings.last_failure.is_none();
            note_failure(clinic, actor, &error.message, journal).await?;
            Err(error)
        }
    }
}

/// Keeps the daily backup's failure for the owner to see (and journals it when `journal`).
async fn note_failure(
    clinic: &Clinic,
    actor: &Actor,
    message: &str,
    journal: bool,
) -> ApiResult<()> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query(
        "UPDATE security_settings SET backup_failed_ms = $1, backup_failure = $2 WHERE id = 1",
    )
    .bind(tx.at_ms())
    .bind(message)
    .execute(tx.conn())
    .await?;
    if journal {
        record_database(&mut tx, "backup_failed", message.to_owned()).await?;
    }
    tx.commit().await
}

/// A journal line about the database as a whole (a backup or a restore): no client in it.
async fn record_database(tx: &mut WriteTx, action: &str, detail: String) -> ApiResult<()> {
    tx.record(Entry {
        action,
        entity: "database",
        entity_id: "clinic",
        client_id: None,
        detail,
    })
    .await
}

/// Records a backup in the journal and as the last backup (for the daily schedule); any
/// failure noted before is over.
async fn note_backup(clinic: &Clinic, actor: &Actor, report: &BackupReport) -> ApiResult<()> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query(
        "UPDATE security_settings SET last_backup_ms = $1, backup_failed_ms = 0, \
         backup_failure = '' WHERE id = 1",
    )
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    let name = file_name(Path::new(&report.file));
    record_database(
        &mut tx,
        "backup",
        format!("{name} sha256 {}", report.sha256),
    )
    .await?;
    tx.commit().await
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A journaled backup written to exactly `out` (see [`journaled`]).
pub async fn make(clinic: &Clinic, actor: &Actor, out: &Path) -> ApiResult<BackupReport> {
    journaled(clinic, actor, out, None).await
}

/// Journals a backup about to be taken, so the copy holds that line; takes it (and with
/// `prune`, removes the oldest `palma-*.EXT` beyond the newest KEEP beside it); then journals
/// that it was made, or that it failed.
async fn journaled(
    clinic: &Clinic,
    actor: &Actor,
    out: &Path,
    prune_to: Option<(&str, usize)>,
) -> ApiResult<BackupReport> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    record_database(&mut tx, "backup_start", file_name(out)).await?;
    tx.commit().await?;
    let made = match to_file(clinic, out).await {
        Ok(mut report) => match prune_to {
            Some((extension, keep)) => {
                let folder = out.parent().unwrap_or(Path::new("."));
                prune(folder, extension, keep).map(|removed| {
                    report.removed = removed;
                    report
                })
            }
            None => Ok(report),
        },
        Err(error) => Err(error),
    };
    match made {
        Ok(report) => {
            note_backup(clinic, actor, &report).await?;
            Ok(report)
        }
        Err(error) => {
            let mut tx = WriteTx::begin(clinic, actor).await?;
            record_database(&mut tx, "backup_failed", error.message.clone()).await?;
            tx.commit().await?;
            Err(error)
        }
    }
}

/// A dated, journaled backup in `folder`, then the oldest beyond `keep` removed.
async fn to_folder(
    clinic: &Clinic,
    actor: &Actor,
    folder: &Path,
    keep: i32,
) -> ApiResult<BackupReport> {
    let extension = match clinic.engine() {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "pgdump",
    };
    let stamp = clinic.now().format("%Y%m%d-%H%M%S");
    let mut file = folder.join(format!("palma-{stamp}.{extension}"));
    let mut n = 1;
    while file.exists() {
        n += 1;
        file = folder.join(format!("palma-{stamp}-{n}.{extension}"));
    }
    let keep = usize::try_from(keep).unwrap_or(14);
    journaled(clinic, actor, &file, Some((extension, keep))).await
}

/// A backup written to exactly `out` (through a temporary file beside it), not journaled:
/// [`make`] and [`to_folder`] journal around it.
async fn to_file(clinic: &Clinic, out: &Path) -> ApiResult<BackupReport> {
    let folder = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let made = match clinic.engine() {
        Engine::Sqlite => sqlite_copy(clinic, &partial).await,
        Engine::Postgres => pg_dump(clinic, &partial).await,
    };
    if let Err(error) = made {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    let (sha256, bytes) = checksum(&partial)?;
    sync(&partial)?;
    std::fs::rename(&partial, out).map_err(|e| io_failed("move the backup into place", &e))?;
    let sum_file = sum_path(out);
    std::fs::write(&sum_file, format!("{sha256}  {name}\n"))
        .map_err(|e| io_failed("write the checksum file", &e))?;
    sync(&sum_file)?;
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(BackupReport {
        file: out.display().to_string(),
        sha256,
        bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
        removed: Vec::new(),
    })
}

fn sum_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

fn sync(path: &Path) -> ApiResult<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_failed("write the backup to disk", &e))
}

/// SHA-256 (hex) and size of a file.
pub fn checksum(path: &Path) -> ApiResult<(String, u64)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| io_failed("read the backup", &e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = file
            .read(&mut buffer)
            .map_err(|e| io_failed("read the backup", &e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        total += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), total))
}

async fn sqlite_copy(clinic: &Clinic, partial: &Path) -> ApiResult<()> {
    let target = partial
        .to_str()
        .ok_or_else(|| refused("The backup folder's name cannot be used."))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(clinic.pool())
        .await?;
    check_sqlite_file(partial).await
}

/// Integrity, foreign keys, and that the file is a Palma database whose journal verifies.
pub async fn check_sqlite_file(path: &Path) -> ApiResult<()> {
    let damaged = || {
        refused(
            "The backup file is damaged (its database structure is not intact). Nothing was changed.",
        )
    };
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", path.display());
    let mut conn = sqlx::AnyConnection::connect(&url)
        .await
        .map_err(|_| damaged())?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| damaged())?;
    if integrity != ["ok"] {
        return Err(damaged());
    }
    let orphans = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| damaged())?;
    if !orphans.is_empty() {
        return Err(refused(
            "The backup file has records pointing at missing records. Nothing was changed.",
        ));
    }
    let palma: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'journal_head', 'journal')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|_| damaged())?;
    conn.close().await.map_err(|_| damaged())?;
    if palma != 3 {
        return Err(refused(
            "That file is not a Palma database. Nothing was changed.",
        ));
    }
    let pool = sqlx::AnyPool::connect(&url).await.map_err(|_| damaged())?;
    let verdict = audit::verify(&pool).await;
    pool.close().await;
    match verdict? {
        Verdict::Intact { .. } => Ok(()),
        Verdict::Broken { seq, reason } => Err(refused(format!(
            "The backup's journal is broken at entry {seq}: {reason}. Nothing was changed."
        ))),
    }
}

async fn pg_dump(clinic: &Clinic, partial: &Path) -> ApiResult<()> {
    // The password goes through pg_dump's environment, never its command line, which every
    // user of the computer can read.
    let (url, password) = crate::db::password_apart(clinic.url())
        .ok_or_else(|| refused("The PostgreSQL address could not be read for pg_dump."))?;
    let mut command = tokio::process::Command::new("pg_dump");
    command
        .arg("--format=custom")
        .arg("--no-owner")
        .arg("--file")
        .arg(partial)
        .arg("--dbname")
        .arg(&url);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let dump = command
        .output()
        .await
        .map_err(|e| io_failed("run pg_dump (is PostgreSQL's client installed?)", &e))?;
    if !dump.status.success() {
        tracing::error!(status = ?dump.status, "pg_dump failed");
        return Err(refused(
            "pg_dump could not back up the database; details are in the log.",
        ));
    }
    let list = tokio::process::Command::new("pg_restore")
        .arg("--list")
        .arg(partial)
        .output()
        .await
        .map_err(|e| io_failed("run pg_restore", &e))?;
    let lists_journal =
        String::from_utf8_lossy(&list.stdout).contains("TABLE DATA public journal ");
    if !list.status.success() || !lists_journal {
        return Err(refused(
            "The PostgreSQL backup could not be read back; it was not kept.",
        ));
    }
    Ok(())
}

/// Removes the oldest `palma-*.EXT` backups (and their checksums) beyond the newest `keep`.
fn prune(folder: &Path, extension: &str, keep: usize) -> ApiResult<Vec<String>> {
    let entries = std::fs::read_dir(folder).map_err(|e| io_failed("list the backup folder", &e))?;
    let suffix = format!(".{extension}");
    let mut backups: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("palma-") && n.ends_with(&suffix))
        })
        .collect();
    // Names carry the time, so name order is age order.
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for old in backups.into_iter().take(excess) {
        std::fs::remove_file(&old).map_err(|e| io_failed("remove an old backup", &e))?;
        let _ = std::fs::remove_file(sum_path(&old));
        removed.push(old.display().to_string());
    }
    Ok(removed)
}
