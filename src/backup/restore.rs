//! Restore (SQLite): verifies the backup completely — checksum when present, integrity,
//! foreign keys, that it is a Palma database, that its journal chain verifies — on a copy next
//! to the live database, BEFORE touching the live one; journals the restore in that copy (who,
//! when, the backup's SHA-256, and the last journal line of the database it replaces), so the
//! restored journal says where it came from; then puts it in place. The replaced database is
//! kept as `NAME.replaced-YYYYMMDD-HHMMSS`.

use super::{check_sqlite_file, checksum, io_failed, record_database, refused, sum_path, sync};
use crate::audit::WriteTx;
use crate::clinic::Clinic;
use crate::clock::Clock;
use crate::error::ApiResult;
use crate::staff::Actor;
use sqlx::{Connection, Row};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database that was replaced now is (none if there was none).
    pub replaced: Option<PathBuf>,
}

/// Who restores, when and where: what the restore's journal line records.
pub struct RestoredBy<'a> {
    pub actor: &'a Actor,
    pub clock: Arc<dyn Clock>,
    /// This computer's name, as the journal records it.
    pub workstation: &'a str,
}

/// Replaces the SQLite database at `live` with the backup `file`, after verifying the backup,
/// and journals the restore in it. The database must not be open (close Palma first).
pub async fn restore_sqlite(file: &Path, live: &Path, by: RestoredBy<'_>) -> ApiResult<Restored> {
    if !file.is_file() {
        return Err(refused("That backup file does not exist."));
    }
    let sha256 = checksum(file)?.0;
    let sums = sum_path(file);
    if sums.exists() {
        let expected =
            std::fs::read_to_string(&sums).map_err(|e| io_failed("read the checksum file", &e))?;
        let expected = expected
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if sha256 != expected {
            return Err(refused(
                "The backup file does not match its checksum: it is damaged or was changed. Nothing was changed.",
            ));
        }
    }
    let folder = live
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stamp = by.clock.now().format("%Y%m%d-%H%M%S").to_string();
    let staged = folder.join(format!(".palma-restore-{stamp}.partial"));
    let prepared = async {
        std::fs::copy(file, &staged).map_err(|e| io_failed("copy the backup", &e))?;
        check_sqlite_file(&staged).await?;
        let replacing = if live.exists() {
            checkpoint(live).await?;
            Some(last_line(live).await)
        } else {
            None
        };
        journal_restore(&staged, &sha256, replacing, &by).await?;
        sync(&staged)
    };
    if let Err(error) = prepared.await {
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", staged.display()));
        }
        return Err(error);
    }
    let mut replaced = None;
    if live.exists() {
        let kept = PathBuf::from(format!("{}.replaced-{stamp}", live.display()));
        std::fs::rename(live, &kept).map_err(|e| io_failed("keep the current database", &e))?;
        for side in ["-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{side}", live.display()));
            if from.exists() {
                let _ = std::fs::rename(&from, format!("{}{side}", kept.display()));
            }
        }
        replaced = Some(kept);
    }
    std::fs::rename(&staged, live).map_err(|e| io_failed("put the backup in place", &e))?;
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(Restored { replaced })
}

/// The last journal line (sequence and hash) of the database about to be replaced; `None`
/// when it cannot be read (a damaged database is exactly what a restore may replace).
async fn last_line(live: &Path) -> Option<(i64, String)> {
    let url = format!("sqlite://{}?mode=ro", live.display());
    let mut conn = sqlx::AnyConnection::connect(&url).await.ok()?;
    let head = sqlx::query("SELECT last_seq, last_hash FROM journal_head WHERE id = 1")
        .fetch_one(&mut conn)
        .await
        .ok();
    let _ = conn.close().await;
    let head = head?;
    Some((
        head.try_get("last_seq").ok()?,
        head.try_get("last_hash").ok()?,
    ))
}

/// Journals the restore in the verified copy before it goes live: the backup's SHA-256 and
/// the replaced database's last line (ids and hashes only), as `by.actor`, at `by`'s time.
/// Opening the copy brings its schema up to this version, as opening it after would.
async fn journal_restore(
    staged: &Path,
    sha256: &str,
    replacing: Option<Option<(i64, String)>>,
    by: &RestoredBy<'_>,
) -> ApiResult<()> {
    let url = format!("sqlite://{}", staged.display());
    let copy = Clinic::open(&url, Arc::clone(&by.clock), by.workstation)
        .await
        .map_err(|error| {
            tracing::error!(%error, "opening the restored copy failed");
            refused("The backup could not be opened by this version of Palma. Nothing was changed.")
        })?;
    let replaced = match replacing {
        None => "no database replaced".to_owned(),
        Some(None) => "the replaced database's journal could not be read".to_owned(),
        Some(Some((seq, hash))) => format!("replaced journal at {seq} hash {hash}"),
    };
    let mut tx = WriteTx::begin(&copy, by.actor).await?;
    record_database(
        &mut tx,
        "restore",
        format!("backup sha256 {sha256}; {replaced}"),
    )
    .await?;
    tx.commit().await?;
    // One whole file to move into place: the log folded in and emptied.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_all(copy.pool())
        .await?;
    copy.close().await;
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", staged.display()));
    }
    Ok(())
}

/// Folds the live database's write-ahead log into it, so the kept copy is one whole file.
async fn checkpoint(live: &Path) -> ApiResult<()> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}", live.display());
    let mut conn = sqlx::AnyConnection::connect(&url).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}
