//! The journal: an append-only, hash-chained record of every write, and the change feed the
//! UI refreshes from.
//!
//! Every write goes through a [`WriteTx`]. Its first statement updates the single
//! `journal_head` row, which serialises writers on both engines (SQLite's writer lock,
//! PostgreSQL's row lock) before anything is read. That one lock makes the hash chain
//! gap-free and makes the overlap checks of a booking see every committed booking.

use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{Any, AnyPool, Row, Transaction};
use ts_rs::TS;

mod actions;
mod search;
pub use actions::JournalAction;
pub use search::{JournalAppointment, JournalLine, JournalQuery, JournalSlot, search};

/// One journal line to write: what happened to which record (never client text).
pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub client_id: Option<&'a str>,
    /// Non-identifying detail, e.g. "from 10:00 to 11:00" or the changed field names.
    pub detail: String,
}

/// A write transaction that journals what it does.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    actor_id: String,
    workstation: String,
    at_ms: i64,
    last_seq: i64,
    last_hash: String,
}

impl WriteTx {
    /// Begins a write: takes the journal head (the writers' lock) first.
    pub async fn begin(clinic: &Clinic, actor: &Actor) -> ApiResult<Self> {
        let at_ms = clinic.now().timestamp_millis();
        let mut tx = clinic.pool().begin().await?;
        let head = sqlx::query(
            "UPDATE journal_head SET locked_at = $1 WHERE id = 1 RETURNING last_seq, last_hash",
        )
        .bind(at_ms)
        .fetch_one(&mut *tx)
        .await?;
        Ok(Self {
            tx,
            actor_id: actor.staff_id.clone(),
            workstation: clinic.workstation().to_owned(),
            at_ms,
            last_seq: head.try_get("last_seq")?,
            last_hash: head.try_get("last_hash")?,
        })
    }

    /// The transaction's connection, for the use-case's own statements.
    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    /// The staff id of who is writing (as the journal records it).
    pub fn actor_id(&self) -> &str {
        &self.actor_id
    }

    /// The instant this write happens at (one per transaction).
    pub fn at_ms(&self) -> i64 {
        self.at_ms
    }

    /// Appends a journal line, chained to the one before.
    pub async fn record(&mut self, entry: Entry<'_>) -> ApiResult<()> {
        debug_assert!(
            JournalAction::from_name(entry.action).is_some(),
            "journal action `{}` is not in audit::JournalAction: add it there (and its words in \
             ui/src/owner/journal.ts)",
            entry.action
        );
        let line = Line {
            seq: self.last_seq + 1,
            at_ms: self.at_ms,
            actor_id: self.actor_id.clone(),
            workstation: self.workstation.clone(),
            action: entry.action.to_owned(),
            entity: entry.entity.to_owned(),
            entity_id: entry.entity_id.to_owned(),
            client_id: entry.client_id.map(str::to_owned),
            detail: entry.detail,
        };
        let hash = line.hash(&self.last_hash);
        sqlx::query(
            "INSERT INTO journal (seq, at_ms, actor_id, workstation, action, entity, entity_id, \
             client_id, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(line.seq)
        .bind(line.at_ms)
        .bind(&line.actor_id)
        .bind(&line.workstation)
        .bind(&line.action)
        .bind(&line.entity)
        .bind(&line.entity_id)
        .bind(&line.client_id)
        .bind(&line.detail)
        .bind(&self.last_hash)
        .bind(&hash)
        .execute(&mut *self.tx)
        .await?;
        self.last_seq = line.seq;
        self.last_hash = hash;
        Ok(())
    }

    /// Moves the chain's head and commits everything together.
    pub async fn commit(mut self) -> ApiResult<()> {
        sqlx::query("UPDATE journal_head SET last_seq = $1, last_hash = $2 WHERE id = 1")
            .bind(self.last_seq)
            .bind(&self.last_hash)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// The hashed content of one journal line.
struct Line {
    seq: i64,
    at_ms: i64,
    actor_id: String,
    workstation: String,
    action: String,
    entity: String,
    entity_id: String,
    client_id: Option<String>,
    detail: String,
}

impl Line {
    fn hash(&self, prev_hash: &str) -> String {
        let mut hasher = Sha256::new();
        for part in [
            prev_hash,
            &self.seq.to_string(),
            &self.at_ms.to_string(),
            &self.actor_id,
            &self.workstation,
            &self.action,
            &self.entity,
            &self.entity_id,
            self.client_id.as_deref().unwrap_or(""),
            &self.detail,
        ] {
            hasher.update(part.as_bytes());
            hasher.update([0x1f]);
        }
        hex::encode(hasher.finalize())
    }
}

/// A change the UI may need to refresh for: which kind of record, which one, what happened.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub seq: i64,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// Pass this back as `since` next time.
    pub latest: i64,
    pub changes: Vec<Change>,
}

/// The journal's last sequence number: it moves with every line written, at any seat.
pub async fn journal_head(pool: &AnyPool) -> ApiResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT last_seq FROM journal_head WHERE id = 1")
            .fetch_one(pool)
            .await?,
    )
}

/// At most this many changes per poll; a client that is further behind reloads everything.
const CHANGES_PAGE: i64 = 500;

/// Journal lines after `since`, oldest first (ids and kinds only, no content). Reads of
/// clinical records are journaled too but change nothing, so the feed leaves them out — a
/// screen that refreshed on them would read again, and loop.
///
/// The head is read first and the lines up to it second. Lines commit in sequence order (each
/// writer holds the head until it commits), so every line up to the head is visible to the
/// second read. Read the other way round, a line committed between the two reads would be
/// counted in `latest` without ever being reported, and that window would miss it for good.
pub async fn changes_since(pool: &AnyPool, since: i64) -> ApiResult<Changes> {
    let head = journal_head(pool).await?;
    let rows = sqlx::query(
        "SELECT seq, entity, entity_id, action FROM journal \
         WHERE seq > $1 AND seq <= $2 AND action <> 'read' ORDER BY seq LIMIT $3",
    )
    .bind(since)
    .bind(head)
    .bind(CHANGES_PAGE)
    .fetch_all(pool)
    .await?;
    let changes = rows
        .iter()
        .map(|row| {
            Ok(Change {
                seq: row.try_get("seq")?,
                entity: row.try_get("entity")?,
                entity_id: row.try_get("entity_id")?,
                action: row.try_get("action")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // A full page may have more behind it; otherwise everything up to the head was seen.
    let latest = match changes.last() {
        Some(last) if changes.len() as i64 == CHANGES_PAGE => last.seq,
        _ => head.max(since),
    };
    Ok(Changes { latest, changes })
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every line's hash matches its content and its predecessor; the head matches the tail.
    Intact { lines: i64 },
    /// The first line (by sequence number) whose hash, link or number is wrong.
    Broken { seq: i64, reason: &'static str },
}

/// Recomputes the chain from the first line to the head.
pub async fn verify(pool: &AnyPool) -> Result<Verdict, ApiError> {
    let rows = sqlx::query(
        "SELECT seq, at_ms, actor_id, workstation, action, entity, entity_id, client_id, detail, \
         prev_hash, hash FROM journal ORDER BY seq",
    )
    .fetch_all(pool)
    .await?;
    let mut prev_hash = "0".repeat(64);
    let mut expected_seq = 1;
    for row in &rows {
        let line = Line {
            seq: row.try_get("seq")?,
            at_ms: row.try_get("at_ms")?,
            actor_id: row.try_get("actor_id")?,
            workstation: row.try_get("workstation")?,
            action: row.try_get("action")?,
            entity: row.try_get("entity")?,
            entity_id: row.try_get("entity_id")?,
            client_id: row.try_get("client_id")?,
            detail: row.try_get("detail")?,
        };
        let stored_prev: String = row.try_get("prev_hash")?;
        let stored_hash: String = row.try_get("hash")?;
        if line.seq != expected_seq {
            return Ok(Verdict::Broken {
                seq: expected_seq,
                reason: "a line is missing",
            });
        }
        if stored_prev != prev_hash {
            return Ok(Verdict::Broken {
                seq: line.seq,
                reason: "it does not link to the line before",
            });
        }
        if line.hash(&prev_hash) != stored_hash {
            return Ok(Verdict::Broken {
                seq: line.seq,
                reason: "its content was changed",
            });
        }
        prev_hash = stored_hash;
        expected_seq += 1;
    }
    let head = sqlx::query("SELECT last_seq, last_hash FROM journal_head WHERE id = 1")
        .fetch_one(pool)
        .await?;
    let (last_seq, last_hash): (i64, String) =
        (head.try_get("last_seq")?, head.try_get("last_hash")?);
    if last_seq != expected_seq - 1 || last_hash != prev_hash {
        return Ok(Verdict::Broken {
            seq: expected_seq,
            reason: "lines were removed from the end",
        });
    }
    Ok(Verdict::Intact { lines: last_seq })
}
