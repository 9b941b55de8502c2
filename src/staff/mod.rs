//! Who is acting: staff accounts and their roles, signing in at a desk, quick switch with a
//! PIN and the idle lock. The command line acts as the built-in owner.

pub mod accounts;
pub mod desk;
pub mod passwords;
pub mod secrets;
pub mod session;

pub use accounts::{NewStaff, StaffInput, StaffMember};
pub use desk::Desk;
pub use session::DeskStatus;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Reception,
    Therapist,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Reception, Role::Therapist];
}

/// The signed-in staff member, as held in Rust state (never taken from the webview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub staff_id: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

impl Actor {
    /// The clinic's owner as the command line acts (maintenance, scripting).
    pub fn builtin_owner() -> Self {
        Self {
            staff_id: "00000000-0000-7000-8000-000000000001".into(),
            display_name: "Clinic owner".into(),
            roles: vec![Role::Owner],
        }
    }

    /// Nobody signed in: holds no role, so only `Anyone` operations pass.
    pub fn nobody() -> Self {
        Self {
            staff_id: String::new(),
            display_name: String::new(),
            roles: Vec::new(),
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}
