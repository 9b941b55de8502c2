//! The self-care handout library: what a handout says, its versions, and the shipped set.
//!
//! A handout's content is versioned: editing makes a new version, and a client's programme
//! names the version it was given, so an old sheet always reprints as it was.

mod content;
pub mod from_note;
mod library;
pub mod programme;
mod store;
mod synonyms;

pub use content::{Category, Dosage, HandoutContent, Region};
pub use library::{LibraryHandout, shipped};
pub use store::{
    Handout, HandoutFilter, HandoutSummary, RetireHandout, SaveHandout, duplicate, get, list,
    load_version, retire, save, seed_library,
};
