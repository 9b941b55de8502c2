//! # Palma core
//!
//! Every rule, query and document of Palma, the practice manager for massage and soft-tissue
//! therapy clinics. Shells (the Tauri desktop app, the `palma` command line, tests) open a
//! [`Clinic`] and send [`api::Call`]s through [`api::dispatch`]; nothing else is public surface
//! for them. See `ARCHITECTURE.md` for the map.

pub mod api;
pub mod audit;
pub mod backup;
pub mod care;
pub mod clients;
pub mod clinic;
pub mod clock;
pub mod db;
pub mod demo;
pub mod demo_large;
pub mod documents;
pub mod error;
pub mod fields;
pub mod handouts;
pub mod letterhead;
pub mod matching;
pub mod output_files;
pub mod scheduling;
pub mod settings;
pub mod staff;
mod typescript;

pub use clinic::Clinic;
pub use error::{ApiError, ApiResult, ErrorCode};
