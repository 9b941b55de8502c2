//! Output: the `.ics` file for an appointment or a course (RFC 5545 structure, read back by an
//! independent parser; UTC times, no client notes), and the day sheet's data.

use crate::rules::{book, request};
use crate::world::World;
use palma::api::{ById, Call};
use palma::clients::{Client, ClientInput, ClientUpdate};
use palma::scheduling::changes::{AppointmentChange, CancelAppointment};
use palma::scheduling::output::{DaySheet, DaySheetRequest, IcsFile, IcsRequest};
use palma::scheduling::series::{SeriesBooked, SeriesRequest};

#[tokio::test]
async fn a_course_exports_as_a_valid_calendar_without_client_notes() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client: Client = world
        .call(Call::ClientsGet(ById {
            id: f.clients[0].clone(),
        }))
        .await
        .unwrap();
    let _: Client = world
        .call(Call::ClientsUpdate(ClientUpdate {
            id: client.id.clone(),
            client: ClientInput {
                given_name: client.given_name.clone(),
                family_name: client.family_name.clone(),
                phone: client.phone.clone(),
                notes_for_reception: "SECRET-NOTE about the knee".into(),
                alerts: "SECRET-ALERT".into(),
                ..ClientInput::default()
            },
        }))
        .await
        .unwrap();
    let course: SeriesBooked = world
        .call(Call::AppointmentsBookSeries(SeriesRequest {
            client_id: client.id.clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            // Across London's clock change on 2027-03-28.
            start: "2027-03-18T10:00".into(),
            every_weeks: 1,
            count: Some(3),
            until: None,
            skip: Vec::new(),
            override_reason: None,
        }))
        .await
        .unwrap();
    let file: IcsFile = world
        .call(Call::AppointmentsIcs(IcsRequest {
            id: None,
            series_id: Some(course.series_id.clone()),
        }))
        .await
        .unwrap();
    let text = &file.content;
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    assert!(text.split("\r\n").all(|line| line.len() <= 75));
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 3);
    assert_eq!(lines.iter().filter(|l| **l == "END:VEVENT").count(), 3);
    let starts: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("DTSTART:"))
        .collect();
    assert_eq!(
        starts,
        ["20270318T100000Z", "20270325T100000Z", "20270401T090000Z"]
    );
    for a in &course.appointments {
        assert!(lines.contains(&format!("UID:{}@palma", a.id).as_str()));
    }
    assert!(lines.contains(&"SUMMARY:Deep tissue massage with Maya Patel"));
    // An independent RFC 5545 reader (the `icalendar` crate's parser) reads the same events
    // back: one per appointment, at its instants, each with a UID and a DTSTAMP.
    let parsed: icalendar::Calendar = text.parse().expect("an RFC 5545 calendar");
    assert_eq!(parsed.property_value("VERSION"), Some("2.0"));
    assert!(parsed.property_value("PRODID").is_some());
    let events: Vec<&icalendar::Event> = parsed
        .components
        .iter()
        .filter_map(icalendar::CalendarComponent::as_event)
        .collect();
    let instant = |ms: i64| {
        Some(icalendar::DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::Utc(chrono::DateTime::from_timestamp_millis(ms).unwrap()),
        ))
    };
    assert_eq!(events.len(), course.appointments.len());
    for (event, a) in events.iter().zip(&course.appointments) {
        use icalendar::Component;
        assert_eq!(event.get_uid(), Some(format!("{}@palma", a.id).as_str()));
        assert_eq!(event.get_start(), instant(a.start_ms));
        assert_eq!(event.get_end(), instant(a.end_ms));
        assert!(event.get_timestamp().is_some(), "DTSTAMP is required");
        assert_eq!(
            event.get_summary(),
            Some("Deep tissue massage with Maya Patel")
        );
    }
    for secret in ["SECRET", "knee", "Zoë", &client.phone] {
        assert!(!text.contains(secret), "{secret} must not be in the file");
    }
    // One appointment; the same UID each time it is exported.
    let one = IcsRequest {
        id: Some(course.appointments[0].id.clone()),
        series_id: None,
    };
    let first: IcsFile = world
        .call(Call::AppointmentsIcs(one.clone()))
        .await
        .unwrap();
    let again: IcsFile = world.call(Call::AppointmentsIcs(one)).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(first.content.matches("BEGIN:VEVENT").count(), 1);
}

#[tokio::test]
async fn the_day_sheet_lists_the_days_appointments_per_therapist() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T14:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 1, &f.maya, &f.willow, &f.deep, "2026-11-19T09:00"),
    )
    .await
    .unwrap();
    let gone = book(
        &world,
        request(&f, 2, &f.tom, &f.cedar, &f.deep, "2026-11-19T09:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 2, &f.tom, &f.cedar, &f.deep, "2026-11-19T11:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 2, &f.tom, &f.cedar, &f.deep, "2026-11-20T11:00"),
    )
    .await
    .unwrap();
    let _: AppointmentChange = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: gone.id,
            reason: "x".into(),
            scope: None,
        }))
        .await
        .unwrap();
    let all: DaySheet = world
        .call(Call::ScheduleDaySheet(DaySheetRequest {
            date: "2026-11-19".into(),
            practitioner_id: None,
        }))
        .await
        .unwrap();
    let rows: Vec<(&str, &str, &str)> = all
        .rows
        .iter()
        .map(|r| {
            (
                r.practitioner_name.as_str(),
                r.start.as_str(),
                r.client_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Maya Patel", "09:00", "Minh Khai Nguyễn Thị"),
            ("Maya Patel", "14:00", "Zoë Łukasiewicz-Ørsted"),
            ("Tom Okafor", "11:00", "Oliver Hughes"),
        ]
    );
    let toms: DaySheet = world
        .call(Call::ScheduleDaySheet(DaySheetRequest {
            date: "2026-11-19".into(),
            practitioner_id: Some(f.tom.clone()),
        }))
        .await
        .unwrap();
    assert_eq!(toms.rows.len(), 1);
    assert_eq!(
        (toms.rows[0].room_name.as_str(), toms.rows[0].end.as_str()),
        ("Cedar room", "12:00")
    );
}
