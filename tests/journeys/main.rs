//! Core journeys through `dispatch`, on a fresh database per test. SQLite by default; set
//! `PALMA_TEST_POSTGRES` to a server URL (e.g. `postgres://palma@127.0.0.1:54329/postgres`) to
//! run the same journeys on PostgreSQL, each in a database of its own.

mod world;

mod booking;
mod changes;
mod clients;
mod find;
mod journal;
mod output;
mod property;
mod reception;
mod rules;
mod series;
mod setup;
