//! The closed set of journal actions: what a journal line says was done. Writers name their
//! action as text ([`super::Entry`]); a name not listed here is a bug caught in debug builds at
//! the write, so the owner's journal screen (which has words for each) never meets one it
//! cannot say.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! journal_actions {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// What a journal line records. New writers add their action here first.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum JournalAction {
            $( $(#[$doc])* $variant, )*
        }

        impl JournalAction {
            /// Every action, in the order the owner's filter lists them.
            pub const ALL: &[JournalAction] = &[ $( JournalAction::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( JournalAction::$variant => $name, )* }
            }

            pub fn from_name(name: &str) -> Option<Self> {
                match name { $( $name => Some(JournalAction::$variant), )* _ => None }
            }
        }
    };
}

journal_actions! {
    SignIn = "sign_in",
    SignInFailed = "sign_in_failed",
    SignOut = "sign_out",
    Unlock = "unlock",
    UnlockFailed = "unlock_failed",
    SwitchIn = "switch_in",
    SwitchInFailed = "switch_in_failed",
    SetPassword = "set_password",
    SetPin = "set_pin",
    /// An owner set a temporary password for someone, to be changed at their next sign-in.
    ResetPassword = "reset_password",
    ClearPin = "clear_pin",
    /// A leaver's account turned off (their history keeps their name).
    Deactivate = "deactivate",
    Reactivate = "reactivate",
    /// The owner cleared a locked-out account's failed tries.
    UnlockAccount = "unlock_account",
    /// A read of clinical content (left out of the change feed).
    Read = "read",
    /// A record opened outside the usual rule, with a reason (for the day).
    BreakGlass = "break_glass",
    Create = "create",
    Update = "update",
    Save = "save",
    Book = "book",
    Move = "move",
    Resize = "resize",
    Cancel = "cancel",
    Status = "status",
    /// Taken off the waiting list, or a handout taken out of a visit's programme.
    Remove = "remove",
    Sign = "sign",
    Amend = "amend",
    Discard = "discard",
    Withdraw = "withdraw",
    Review = "review",
    Recompute = "recompute",
    Assign = "assign",
    Notes = "notes",
    NewVersion = "new_version",
    Duplicate = "duplicate",
    Retire = "retire",
    /// A retired handout back in use, or the database restored from a backup.
    Restore = "restore",
    Seed = "seed",
    SetLogo = "set_logo",
    ClearLogo = "clear_logo",
    Issue = "issue",
    Reprint = "reprint",
    Print = "print",
    Export = "export",
    Erase = "erase",
    Purge = "purge",
    BackupStart = "backup_start",
    Backup = "backup",
    BackupFailed = "backup_failed",
    /// The large demo's bulk load (one line per table).
    BulkCreate = "bulk_create",
}

#[cfg(test)]
mod tests {
    use super::JournalAction;

    #[test]
    fn names_are_the_wire_names_and_read_back() {
        for action in JournalAction::ALL {
            let wire = serde_json::to_string(action).unwrap();
            assert_eq!(wire, format!("\"{}\"", action.as_str()));
            assert_eq!(JournalAction::from_name(action.as_str()), Some(*action));
        }
        assert_eq!(JournalAction::from_name("teleport"), None);
    }
}
