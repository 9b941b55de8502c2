//! Who is acting: staff members and their roles. Until staff accounts exist, the desktop
//! and the CLI act as the built-in owner.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Reception,
    Therapist,
}

/// The signed-in staff member, as held in Rust state (never taken from the webview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub staff_id: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

impl Actor {
    /// The clinic's owner before any account exists (first run, demo, command line).
    pub fn builtin_owner() -> Self {
        Self {
            staff_id: "00000000-0000-7000-8000-000000000001".into(),
            display_name: "Clinic owner".into(),
            roles: vec![Role::Owner],
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}
