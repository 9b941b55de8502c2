//! `Clinic`: the handle a shell holds — the database, the clock and this computer's name.

use crate::clock::Clock;
use crate::db::{self, ConnectError, Engine};
use chrono::{DateTime, Utc};
use sqlx::AnyPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct Clinic {
    pool: AnyPool,
    engine: Engine,
    clock: Arc<dyn Clock>,
    workstation: String,
}

impl Clinic {
    /// Opens (and migrates) the database at `url`.
    pub async fn open(
        url: &str,
        clock: Arc<dyn Clock>,
        workstation: &str,
    ) -> Result<Self, ConnectError> {
        let (pool, engine) = db::connect(url).await?;
        Ok(Self {
            pool,
            engine,
            clock,
            workstation: workstation.to_owned(),
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The computer this handle runs on, as recorded in the journal.
    pub fn workstation(&self) -> &str {
        &self.workstation
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// This computer's host name, for the journal's "from which computer".
pub fn this_workstation() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "this computer".to_owned())
}

/// A new identifier: UUIDv7, so ids sort by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().hyphenated().to_string()
}
