//! Clients: the contact record reception keeps, search as you type, and client data
//! requests (export, erasure with retention).

pub mod csv;
pub mod export_folder;
mod record;
pub mod requests;
mod search;

pub use record::{Client, ClientInput, ClientUpdate, ContactMethod, create, get, update};
pub use search::{ClientSummary, SearchClients, search, search_key};
