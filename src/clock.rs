//! "Now" is injected, so rules that depend on time (late cancellation, today's calendar) are
//! deterministic under test.

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The computer's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the real clock
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved; for tests and reproducible demo data.
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A clock that reads the computer's clock moved by a fixed amount: it starts at a chosen instant
/// and runs on in real time from there (so idle locks and "time since" still behave).
pub struct ShiftedClock {
    by: Duration,
}

impl ShiftedClock {
    /// A clock that reads `start` now, and runs on from it.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            by: start - SystemClock.now(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        SystemClock.now() + self.by
    }
}

/// The variable that lets a debug build start at a fixed instant (RFC 3339, e.g.
/// `2027-03-28T09:30:00+01:00`): desktop tests and demonstrations run "on" any date with it.
pub const START_VARIABLE: &str = "PALMA_NOW";

/// `PALMA_NOW` holds something that is not an RFC 3339 instant.
#[derive(Debug, thiserror::Error)]
#[error("{START_VARIABLE} must be an RFC 3339 instant such as 2027-03-28T09:30:00Z ({0})")]
pub struct BadStart(chrono::ParseError);

/// The clock the shells (desktop app and command line) run on: the computer's clock, except
/// that a **debug** build started with `PALMA_NOW` set runs from that instant. Release builds
/// never read the variable, so an installed Palma always keeps real time.
pub fn for_shell() -> Result<Arc<dyn Clock>, BadStart> {
    #[cfg(debug_assertions)]
    if let Some(start) = std::env::var_os(START_VARIABLE) {
        let start = DateTime::parse_from_rfc3339(&start.to_string_lossy()).map_err(BadStart)?;
        return Ok(Arc::new(ShiftedClock::starting_at(
            start.with_timezone(&Utc),
        )));
    }
    Ok(Arc::new(SystemClock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_shifted_clock_starts_at_its_instant_and_runs_on() {
        let start = Utc.with_ymd_and_hms(2028, 2, 29, 23, 30, 0).unwrap();
        let clock = ShiftedClock::starting_at(start);
        let first = clock.now();
        assert!(
            (first - start).num_seconds().abs() < 5,
            "starts at {start}: {first}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first, "and runs on");
    }
}
