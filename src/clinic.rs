//! `Clinic`: the handle a shell holds — the database, the clock and this computer's name.

use crate::clock::Clock;
use crate::db::{self, ConnectError, Engine};
use crate::staff::passwords::HashCost;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct Clinic {
    pool: AnyPool,
    engine: Engine,
    clock: Arc<dyn Clock>,
    workstation: String,
    hash_cost: HashCost,
    url: String,
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
            hash_cost: HashCost::Standard,
            url: url.to_owned(),
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

    /// Makes new password hashes cheap: for tests, which create many accounts. Existing hashes
    /// verify either way, because each hash carries its own parameters.
    #[must_use]
    pub fn with_light_password_hashing(mut self) -> Self {
        self.hash_cost = HashCost::Light;
        self
    }

    /// The database URL (may hold a password: never print it unredacted).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn hash_cost(&self) -> HashCost {
        self.hash_cost
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
