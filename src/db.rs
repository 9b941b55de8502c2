//! Connecting to the database: SQLite (embedded default) or PostgreSQL, through sqlx's Any
//! driver so one set of SQL serves both. Connection set-up and migrations live here only.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor, Row};
use std::path::PathBuf;
use std::time::Duration;

/// The environment variable that points Palma at a database (`sqlite://…` or `postgres://…`).
pub const DATABASE_URL_VAR: &str = "PALMA_DATABASE_URL";

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("the database URL must start with sqlite:// or postgres://")]
    UnsupportedUrl,
    #[error("could not create the data folder {0}: {1}")]
    DataFolder(PathBuf, std::io::Error),
    #[error("could not open the database: {0}")]
    Open(#[source] sqlx::Error),
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

impl Engine {
    pub fn from_url(url: &str) -> Result<Self, ConnectError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            Err(ConnectError::UnsupportedUrl)
        }
    }
}

/// The database URL to use: `PALMA_DATABASE_URL` if set, else `palma.sqlite` in the OS
/// app-data folder (created if missing).
pub fn configured_url() -> Result<String, ConnectError> {
    if let Ok(url) = std::env::var(DATABASE_URL_VAR)
        && !url.trim().is_empty()
    {
        return Ok(url);
    }
    let folder = data_folder();
    std::fs::create_dir_all(&folder).map_err(|e| ConnectError::DataFolder(folder.clone(), e))?;
    Ok(sqlite_url(&folder.join("palma.sqlite")))
}

/// Where the embedded database lives: e.g. `~/.local/share/palma` on Linux,
/// `%APPDATA%\Palma\data` on Windows, `~/Library/Application Support/org.palma.Palma` on macOS.
pub fn data_folder() -> PathBuf {
    directories::ProjectDirs::from("org", "palma", "Palma").map_or_else(
        || PathBuf::from("palma-data"),
        |dirs| dirs.data_dir().to_path_buf(),
    )
}

/// A PostgreSQL URL taken apart for a client program such as `pg_dump`: the URL without its
/// password, and the password (decoded) to hand over through the program's environment
/// (`PGPASSWORD`). A command line is readable by every user of the computer (`ps`,
/// `/proc/*/cmdline`); a process's environment is not. `None` when the URL cannot be read.
pub fn password_apart(url: &str) -> Option<(String, Option<String>)> {
    let mut parsed = url::Url::parse(url).ok()?;
    let mut password = parsed.password().map(|encoded| {
        percent_encoding::percent_decode_str(encoded)
            .decode_utf8_lossy()
            .into_owned()
    });
    parsed.set_password(None).ok()?;
    // libpq also takes `?password=…`; that must leave the command line too.
    let (passwords, others): (Vec<_>, Vec<_>) = parsed
        .query_pairs()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .partition(|(key, _)| key == "password");
    if let Some((_, value)) = passwords.into_iter().next_back() {
        password = password.or(Some(value));
        parsed.set_query(None);
        if !others.is_empty() {
            parsed.query_pairs_mut().extend_pairs(others);
        }
    }
    Some((parsed.to_string(), password))
}

/// A URL for an SQLite file, created if it does not exist.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// Opens a pool with the engine's settings and runs the embedded migrations.
pub async fn connect(url: &str) -> Result<(AnyPool, Engine), ConnectError> {
    install_default_drivers();
    let engine = Engine::from_url(url)?;
    let options = AnyPoolOptions::new()
        .max_connections(match engine {
            Engine::Sqlite => 4,
            Engine::Postgres => 8,
        })
        .acquire_timeout(Duration::from_secs(30))
        // The pool pings a connection before handing it out, to catch a server that went away.
        // An embedded SQLite file cannot go away, and the ping is a round trip to the
        // connection's worker thread on every query: on SQLite it only costs time.
        .test_before_acquire(engine == Engine::Postgres)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                if conn.backend_name() == "SQLite" {
                    // Pragmas cannot be set in the URL through the Any driver.
                    // `secure_delete` overwrites deleted content with zeros, so a purged
                    // client's words do not linger in freed pages of the file.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 15000; \
                         PRAGMA secure_delete = ON;",
                    )
                    .await?;
                }
                Ok(())
            })
        });
    let pool = options.connect(url).await.map_err(ConnectError::Open)?;
    let migrator = match engine {
        Engine::Sqlite => &SQLITE_MIGRATIONS,
        Engine::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.run(&pool).await.map_err(ConnectError::Migrate)?;
    Ok((pool, engine))
}

/// After client data is erased or purged. On SQLite the deleted rows are already zeroed in
/// the database pages (`secure_delete`), but the write-ahead log still holds the pages as
/// they were before: this folds the log into the file and truncates it to nothing. Readers
/// still using an old snapshot keep the log busy; then it is emptied at a later erasure (and
/// overwritten as the clinic writes). The erasure has committed by then, so a failure here is
/// logged, not returned. PostgreSQL keeps no such copy the clinic can reach.
pub async fn forget_erased(pool: &AnyPool, engine: Engine) {
    if engine != Engine::Sqlite {
        return;
    }
    let done = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(pool)
        .await
        .and_then(|row| row.try_get::<i64, _>(0));
    match done {
        Ok(0) => {}
        Ok(_) => tracing::warn!("the write-ahead log was busy and not emptied after an erasure"),
        Err(error) => tracing::warn!(
            kind = %crate::error::database_error_kind(&error),
            "emptying the write-ahead log failed"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::password_apart;

    #[test]
    fn the_password_comes_out_of_a_postgres_url() {
        assert_eq!(
            password_apart("postgres://clinic:p%40ss%3Aw%2Frd@db.local:5432/palma?sslmode=require"),
            Some((
                "postgres://clinic@db.local:5432/palma?sslmode=require".to_owned(),
                Some("p@ss:w/rd".to_owned())
            ))
        );
        assert_eq!(
            password_apart("postgres://clinic@db.local/palma?password=s3cret&sslmode=disable"),
            Some((
                "postgres://clinic@db.local/palma?sslmode=disable".to_owned(),
                Some("s3cret".to_owned())
            ))
        );
        assert_eq!(
            password_apart("postgres://clinic@127.0.0.1:54330/palma"),
            Some(("postgres://clinic@127.0.0.1:54330/palma".to_owned(), None))
        );
        assert_eq!(password_apart("not a url"), None);
    }
}
