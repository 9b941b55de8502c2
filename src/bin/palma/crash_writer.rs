//! `palma __crash-writer`: a realistic writer for the crash test. It creates clients and books
//! them in, printing `client ID` / `appointment ID` only after each write has committed, until
//! it is killed (or its reader goes away, or it has written 5,000 clients).

use anyhow::{Context, bail};
use palma::api::{Call, NoArgs, dispatch};
use palma::clients::ClientInput;
use palma::scheduling::appointments::BookAppointment;
use palma::staff::Desk;
use palma::{Clinic, ErrorCode};
use serde_json::Value;
use serde_json::value::RawValue;
use std::io::Write;

async fn first_id(clinic: &Clinic, desk: &Desk, call: Call) -> anyhow::Result<String> {
    let reply = dispatch(clinic, desk, call)
        .await
        .map_err(|e| anyhow::anyhow!(e.message))?;
    let list: Value = serde_json::from_str(reply.get())?;
    list.as_array()
        .and_then(|items| items.first())
        .and_then(|item| item["id"].as_str())
        .map(str::to_owned)
        .context("the crash writer needs a set-up clinic with a therapist, room and service")
}

pub async fn run(clinic: &Clinic, desk: &Desk, out: &mut impl Write) -> anyhow::Result<()> {
    let practitioner_id = first_id(clinic, desk, Call::PractitionersList(NoArgs {})).await?;
    let room_id = first_id(clinic, desk, Call::RoomsList(NoArgs {})).await?;
    let service_id = first_id(clinic, desk, Call::ServicesList(NoArgs {})).await?;
    // Each run's clients are new people (duplicate detection would refuse a repeat).
    let run = palma::clinic::new_id().replace('-', "");
    for n in 0..5000u32 {
        let client = ClientInput {
            given_name: "Crash".into(),
            family_name: format!("Writer {run} {n}"),
            email: format!("writer-{run}-{n}@example.org"),
            ..ClientInput::default()
        };
        let created = dispatch(clinic, desk, Call::ClientsCreate(client))
            .await
            .map_err(|e| anyhow::anyhow!(e.message))?;
        let client_id = id_of(&created)?;
        writeln!(out, "client {client_id}")?;
        out.flush()?;
        let start = format!(
            "2027-{:02}-{:02}T{:02}:{}",
            1 + rand::random::<u32>() % 12,
            1 + rand::random::<u32>() % 28,
            8 + rand::random::<u32>() % 10,
            if rand::random::<bool>() { "00" } else { "30" }
        );
        let booking = BookAppointment {
            client_id,
            service_id: service_id.clone(),
            practitioner_id: practitioner_id.clone(),
            room_id: room_id.clone(),
            start,
            override_reason: None,
        };
        match dispatch(clinic, desk, Call::AppointmentsBook(booking)).await {
            Ok(appointment) => {
                writeln!(out, "appointment {}", id_of(&appointment)?)?;
                out.flush()?;
            }
            Err(error) if error.code == ErrorCode::Conflict => {}
            Err(error) => bail!(error.message),
        }
    }
    Ok(())
}

fn id_of(reply: &RawValue) -> anyhow::Result<String> {
    serde_json::from_str::<Value>(reply.get())?["id"]
        .as_str()
        .map(str::to_owned)
        .context("a reply without an id")
}
