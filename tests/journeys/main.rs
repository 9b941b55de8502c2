//! Core journeys through `dispatch`, on a fresh database per test. SQLite by default; set
//! `PALMA_TEST_POSTGRES` to a server URL (e.g. `postgres://palma@127.0.0.1:54329/postgres`) to
//! run the same journeys on PostgreSQL, each in a database of its own.

mod world;

mod aftercare;
mod aftercare_sheet;
mod backup;
mod booking;
mod break_glass;
mod care;
mod care_notes;
mod changes;
mod clients;
mod closeout;
mod demo;
mod desk;
mod drafts;
mod erased;
mod export_folder;
mod find;
mod handouts;
mod idle;
mod import;
mod journal;
mod output;
mod permissions;
mod precaution_flag;
mod privacy;
mod properties;
mod property;
mod reception;
mod referral;
mod reprint;
mod requests;
mod rules;
mod safety;
mod series;
mod setup;
mod shared_care;
mod sign_in_guards;
mod staff;
mod staff_managed;
mod start;
