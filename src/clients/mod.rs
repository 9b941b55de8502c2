//! Clients: the contact record reception keeps, and search as you type.

mod record;
mod search;

pub use record::{Client, ClientInput, ClientUpdate, ContactMethod, create, get, update};
pub use search::{ClientSummary, SearchClients, fold, search, search_key};
