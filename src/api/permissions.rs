//! Who may call what: the permissions operations need, the roles that hold them, and the same
//! table as TypeScript for the window (which hides what a role cannot do; the core still
//! refuses it at dispatch).

use super::OPERATIONS;
use crate::staff::{Actor, Role};
use serde::Serialize;
use ts_rs::TS;

/// What an operation needs the acting staff member to be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Before sign-in or set-up: reading whether the clinic exists, creating it, signing in,
    /// unlocking. These also pass while the desk is locked.
    Anyone,
    /// Any signed-in person (e.g. changing one's own password; the handler checks whose).
    SignedIn,
    ViewSchedule,
    EditSchedule,
    ViewClients,
    EditClients,
    /// Clinic settings, therapists, rooms and services: the owner's set-up.
    ManageClinic,
    /// Writing, duplicating and retiring handouts in the self-care library.
    ManageHandouts,
    /// A client's self-care programme and aftercare sheet (Empower).
    PlanSelfCare,
    /// A client's issued documents (history and reprints).
    ViewDocuments,
    /// Staff accounts, their roles and sign-in details, the desk policy.
    ManageStaff,
    /// Reading the journal: who did what, when, from which computer.
    ViewJournal,
    /// Backups, restores and exports of data out of Palma.
    ExportData,
    /// Bringing clients in from another system's files.
    ImportData,
    /// Erasing a client's data and purging records whose retention period has ended.
    ManageRetention,
    /// Reading a client's clinical record (intake, notes, measures…). Every read is journaled.
    /// On top of the role, `care::access` decides per client: therapists open their own
    /// clients' records, or all when the clinic's `sharedCare` setting is on, or one for the
    /// day by breaking the glass (with a reason); the owner all.
    ViewClinical,
    /// Writing to a client's clinical record.
    EditClinical,
}

impl Permission {
    /// Every permission, for tables that list them all (the UI's copy of the role grants).
    pub const ALL: [Permission; 17] = [
        Permission::Anyone,
        Permission::SignedIn,
        Permission::ViewSchedule,
        Permission::EditSchedule,
        Permission::ViewClients,
        Permission::EditClients,
        Permission::ManageClinic,
        Permission::ManageHandouts,
        Permission::PlanSelfCare,
        Permission::ViewDocuments,
        Permission::ManageStaff,
        Permission::ViewJournal,
        Permission::ExportData,
        Permission::ImportData,
        Permission::ManageRetention,
        Permission::ViewClinical,
        Permission::EditClinical,
    ];
}

/// Which roles hold which permissions. The permission-matrix test checks every operation
/// against this, role by role.
pub fn role_grants(role: Role, permission: Permission) -> bool {
    use Permission::{
        Anyone, EditClients, EditClinical, EditSchedule, ManageHandouts, PlanSelfCare, SignedIn,
        ViewClients, ViewClinical, ViewDocuments, ViewSchedule,
    };
    let front_desk = matches!(
        permission,
        Anyone | SignedIn | ViewSchedule | EditSchedule | ViewClients | EditClients | ViewDocuments
    );
    match role {
        Role::Owner => true,
        // Reception never receives clinical content: only the alert flags (a ViewClients read).
        Role::Reception => front_desk,
        Role::Therapist => {
            front_desk
                || matches!(
                    permission,
                    ManageHandouts | PlanSelfCare | ViewClinical | EditClinical
                )
        }
    }
}

/// The TypeScript constants that let the UI show only what the core would allow (the core
/// still checks every call): each operation's permission, and each role's permissions.
pub(super) fn permissions_typescript() -> String {
    fn wire<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }
    let mut out = String::from(
        "\nexport const OPERATION_PERMISSIONS: { readonly [K in keyof Operations]: Permission } = {\n",
    );
    for (name, permission) in OPERATIONS {
        out.push_str(&format!("  \"{name}\": {},\n", wire(permission)));
    }
    out.push_str("};\n\nexport const ROLE_PERMISSIONS: { readonly [R in Role]: readonly Permission[] } = {\n");
    for role in Role::ALL {
        let granted: Vec<String> = Permission::ALL
            .iter()
            .filter(|p| role_grants(role, **p))
            .map(wire)
            .collect();
        out.push_str(&format!("  {}: [{}],\n", wire(&role), granted.join(", ")));
    }
    out.push_str("};\n");
    out
}

pub fn may(actor: &Actor, permission: Permission) -> bool {
    permission == Permission::Anyone
        || actor
            .roles
            .iter()
            .any(|role| role_grants(*role, permission))
}

#[cfg(test)]
mod tests {
    use super::Permission;
    use ts_rs::TS;

    /// `Permission::ALL` is written by hand: it must name every variant, once.
    #[test]
    fn every_permission_is_listed_once() {
        let declared = Permission::decl(&ts_rs::Config::default())
            .matches('"')
            .count()
            / 2;
        let mut listed: Vec<String> = Permission::ALL
            .iter()
            .map(|p| serde_json::to_string(p).unwrap_or_default())
            .collect();
        listed.sort();
        listed.dedup();
        assert_eq!(listed.len(), declared);
        assert_eq!(Permission::ALL.len(), declared);
    }
}
