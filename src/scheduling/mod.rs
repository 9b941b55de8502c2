//! Scheduling: the clinic's therapists, rooms and services, when they work, and the appointments
//! booked on them.

pub mod appointments;
mod availability;
pub mod changes;
pub mod closeout;
pub mod find;
pub mod free_rooms;
pub mod history;
pub mod hours;
pub mod output;
pub(crate) mod resources;
mod rules;
pub mod series;
pub mod waitlist;

pub use resources::{
    Practitioner, PractitionerInput, Room, RoomInput, Service, ServiceInput, list_practitioners,
    list_rooms, list_services, save_practitioner, save_room, save_service,
};
