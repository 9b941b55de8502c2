//! The one error shape that crosses the wire: `{ code, message, field?, problems? }`.
//!
//! `message` is a sentence for the person at the screen. It never carries SQL, stack traces or
//! client data: internal failures are logged (without arguments) and reported as a fixed sentence.

use serde::Serialize;
use ts_rs::TS;

/// The closed set of error kinds the UI can branch on. Add one only when the UI needs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthenticated,
    /// The desk is locked (by hand or after idle time): show the unlock screen.
    Locked,
    /// An owner reset the password: show the "choose a new password" screen.
    MustChangePassword,
    Internal,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The request field the error is about, in the request's own (camelCase) spelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// Every field problem of a form, when there are several (see `fields::Problems`): the UI
    /// shows each under its field at once. `field` and `message` are the first of them, so a
    /// reader that knows only those still names one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<FieldProblem>>", optional)]
    pub problems: Vec<FieldProblem>,
}

/// One field's problem: the request field (camelCase) and the sentence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: message.into(),
            field: Some(field.to_owned()),
            problems: Vec::new(),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self {
            code: ErrorCode::NotFound,
            message: format!("That {what} no longer exists."),
            field: None,
            problems: Vec::new(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Conflict,
            message: message.into(),
            field: None,
            problems: Vec::new(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Forbidden,
            message: message.into(),
            field: None,
            problems: Vec::new(),
        }
    }

    pub fn unauthenticated() -> Self {
        Self {
            code: ErrorCode::Unauthenticated,
            message: "Please sign in first.".into(),
            field: None,
            problems: Vec::new(),
        }
    }

    pub fn locked() -> Self {
        Self {
            code: ErrorCode::Locked,
            message: "This screen is locked. Unlock it to continue.".into(),
            field: None,
            problems: Vec::new(),
        }
    }

    pub fn internal() -> Self {
        Self {
            code: ErrorCode::Internal,
            message: "Something went wrong; details are in the log.".into(),
            field: None,
            problems: Vec::new(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        // The database error text can quote values (client data), so it goes to the log only
        // as its kind, and the UI gets the fixed sentence.
        tracing::error!(kind = %database_error_kind(&error), "database operation failed");
        Self::internal()
    }
}

impl From<sqlx::migrate::MigrateError> for ApiError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(%error, "database migration failed");
        Self::internal()
    }
}

/// A JSON (serde) error as it may be logged: its category and position only. Its message can
/// quote the text that failed to parse (`invalid type: string "…"`, ``unknown variant `…` ``),
/// which may be a client's name or a clinical note.
pub(crate) fn json_error_kind(error: &serde_json::Error) -> String {
    let category = match error.classify() {
        serde_json::error::Category::Io => "i/o",
        serde_json::error::Category::Syntax => "syntax",
        serde_json::error::Category::Data => "data",
        serde_json::error::Category::Eof => "end of input",
    };
    format!(
        "JSON {category} error at line {} column {}",
        error.line(),
        error.column()
    )
}

/// A description of a database error that is safe to log: no values, no SQL text.
pub(crate) fn database_error_kind(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) => format!(
            "database error code {}",
            db.code().as_deref().unwrap_or("unknown")
        ),
        sqlx::Error::RowNotFound => "row not found".into(),
        sqlx::Error::PoolTimedOut => "pool timed out".into(),
        sqlx::Error::PoolClosed => "pool closed".into(),
        sqlx::Error::Io(io) => format!("i/o: {}", io.kind()),
        sqlx::Error::ColumnDecode { index, .. } => format!("cannot decode column {index}"),
        sqlx::Error::ColumnNotFound(column) => format!("column not found: {column}"),
        sqlx::Error::Configuration(_) => "configuration".into(),
        sqlx::Error::Protocol(_) => "protocol".into(),
        _ => "other".into(),
    }
}

/// What a piece of code logs, captured for tests that check a log line holds no client text.
#[cfg(test)]
pub(crate) mod captured_log {
    use std::sync::{Arc, Mutex, PoisonError};

    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Lines {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Lines {
        type Writer = Lines;

        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }

    /// Runs `f` with every log line (all levels) written to a buffer; returns its result and
    /// the text logged.
    pub(crate) fn capture<T>(f: impl FnOnce() -> T) -> (T, String) {
        let lines = Lines::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(lines.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::TRACE)
            .finish();
        let out = tracing::subscriber::with_default(subscriber, f);
        let text = lines
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        (out, String::from_utf8_lossy(&text).into_owned())
    }
}
