//! Scheduling: the clinic's therapists, rooms and services, and the appointments booked on them.

pub mod appointments;
mod resources;

pub use resources::{
    Practitioner, PractitionerInput, Room, RoomInput, Service, ServiceInput, list_practitioners,
    list_rooms, list_services, save_practitioner, save_room, save_service,
};
