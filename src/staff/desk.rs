//! The desk: what a shell holds per window — who is signed in there, when they last did
//! something, and whether the screen is locked. It lives in Rust, never in the webview, so a
//! page cannot claim to be someone else or skip the lock.
//!
//! `dispatch` reads the desk before every call: nobody signed in → `unauthenticated`; idle for
//! longer than the clinic's `idleLockMinutes` (by the injected clock) → locked, and while
//! locked only the sign-in, unlock and status calls pass (plus, when the clinic allows it, the
//! calendar without client names).
//!
//! A desk also remembers whether anyone has signed in at it with a password since it started:
//! quick switching with a PIN (a short secret) is only for desks a password opened.

use super::Actor;
use chrono::{DateTime, Utc};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// One window's session.
pub struct Desk {
    state: Mutex<DeskState>,
    /// The command line and other trusted tools: always signed in, never idle-locked.
    system: bool,
    /// Someone signed in here with a password since the desk started (kept across sign-outs).
    opened_with_password: AtomicBool,
}

/// A copy of the desk's state at one moment.
#[derive(Debug, Clone, Default)]
pub struct DeskState {
    pub actor: Option<Actor>,
    pub locked: bool,
    pub last_activity_ms: i64,
}

impl Default for Desk {
    fn default() -> Self {
        Self::new()
    }
}

impl Desk {
    /// A window where nobody has signed in yet.
    pub fn new() -> Self {
        Self {
            state: Mutex::new(DeskState::default()),
            system: false,
            opened_with_password: AtomicBool::new(false),
        }
    }

    /// A desk already signed in as `actor` at `now`, as if with their password (tests).
    pub fn signed_in(actor: Actor, now: DateTime<Utc>) -> Self {
        let desk = Self::new();
        desk.sign_in_with_password(actor, now.timestamp_millis());
        desk
    }

    /// The command line's desk: acts as `actor`, is never locked for idleness.
    pub fn system(actor: Actor) -> Self {
        Self {
            state: Mutex::new(DeskState {
                actor: Some(actor),
                locked: false,
                last_activity_ms: 0,
            }),
            system: true,
            opened_with_password: AtomicBool::new(false),
        }
    }

    pub fn is_system(&self) -> bool {
        self.system
    }

    fn with<T>(&self, f: impl FnOnce(&mut DeskState) -> T) -> T {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut state)
    }

    pub fn snapshot(&self) -> DeskState {
        self.with(|state| state.clone())
    }

    pub fn actor(&self) -> Option<Actor> {
        self.with(|state| state.actor.clone())
    }

    pub fn is_locked(&self) -> bool {
        self.with(|state| state.locked)
    }

    /// Whether someone has signed in here with a password since the desk started.
    pub fn opened_with_password(&self) -> bool {
        self.opened_with_password.load(Ordering::SeqCst)
    }

    /// Signs `actor` in after their password was checked (or chosen, at first run).
    pub(crate) fn sign_in_with_password(&self, actor: Actor, now_ms: i64) {
        self.sign_in(actor, now_ms);
        self.opened_with_password.store(true, Ordering::SeqCst);
    }

    /// Signs `actor` in (a PIN switch: does not open the desk for further switches).
    pub(crate) fn sign_in(&self, actor: Actor, now_ms: i64) {
        self.with(|state| {
            *state = DeskState {
                actor: Some(actor),
                locked: false,
                last_activity_ms: now_ms,
            }
        });
    }

    pub(crate) fn sign_out(&self) {
        if !self.system {
            self.with(|state| *state = DeskState::default());
        }
    }

    pub(crate) fn lock(&self) {
        if !self.system {
            self.with(|state| state.locked = state.actor.is_some());
        }
    }

    pub(crate) fn unlock(&self, now_ms: i64) {
        self.with(|state| {
            state.locked = false;
            state.last_activity_ms = now_ms;
        });
    }

    pub(crate) fn touch(&self, now_ms: i64) {
        self.with(|state| state.last_activity_ms = state.last_activity_ms.max(now_ms));
    }

    /// Replaces the signed-in person's roles and name with the stored ones (an owner may have
    /// changed them at another desk).
    pub(crate) fn refresh(&self, actor: Actor) {
        self.with(|state| {
            if state.actor.as_ref().map(|a| &a.staff_id) == Some(&actor.staff_id) {
                state.actor = Some(actor);
            }
        });
    }

    /// Locks the desk if it has been idle for longer than `idle_minutes`, then returns its state.
    pub(crate) fn check_idle(&self, now_ms: i64, idle_minutes: i32) -> DeskState {
        let system = self.system;
        self.with(|state| {
            let idle_ms = i64::from(idle_minutes.max(1)) * 60_000;
            if !system && state.actor.is_some() && now_ms - state.last_activity_ms > idle_ms {
                state.locked = true;
            }
            state.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idle_desk_locks_and_a_system_desk_never_does() {
        let desk = Desk::new();
        desk.sign_in(Actor::builtin_owner(), 0);
        assert!(!desk.check_idle(5 * 60_000, 5).locked, "exactly the limit");
        assert!(desk.check_idle(5 * 60_000 + 1, 5).locked);
        desk.unlock(10 * 60_000);
        assert!(!desk.check_idle(11 * 60_000, 5).locked);
        let cli = Desk::system(Actor::builtin_owner());
        assert!(!cli.check_idle(i64::MAX / 2, 5).locked);
        cli.sign_out();
        assert!(cli.actor().is_some(), "the command line stays the owner");
    }

    #[test]
    fn a_password_sign_in_opens_the_desk_for_switching_while_it_runs() {
        let desk = Desk::new();
        assert!(!desk.opened_with_password());
        desk.sign_in(Actor::builtin_owner(), 0);
        assert!(!desk.opened_with_password(), "a PIN switch does not");
        desk.sign_in_with_password(Actor::builtin_owner(), 0);
        desk.sign_out();
        assert!(desk.opened_with_password(), "kept after signing out");
    }
}
