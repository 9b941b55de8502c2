//! What the visit's session note gives the aftercare sheet, so the therapist does not type it
//! twice: what the client agreed to do between sessions (the note's self-management goals) and
//! the measures taken today (pain, stress, and the activities rated with it), in plain words.
//!
//! The note is the visit's own (signed, or the draft being written), the latest if there are
//! several; a visit without a note gives nothing.

use crate::error::ApiResult;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FromNote {
    /// What the client will do between sessions, one point each.
    pub between_visits: Vec<String>,
    /// Today's measures, one line each ("Pain: 5 out of 10").
    pub measures: Vec<String>,
}

#[derive(Deserialize)]
struct Rated {
    activity: String,
    score: i32,
}

fn list<T: serde::de::DeserializeOwned>(json: &str) -> ApiResult<Vec<T>> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)).into())
}

/// The visit's note, read for its sheet.
pub async fn load(conn: &mut sqlx::AnyConnection, appointment_id: &str) -> ApiResult<FromNote> {
    let Some(note) = sqlx::query(
        "SELECT id, pain, stress, self_goals FROM care_notes WHERE appointment_id = $1 \
         ORDER BY updated_at DESC, id DESC LIMIT 1",
    )
    .bind(appointment_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(FromNote::default());
    };
    let between_visits: Vec<String> = list(&note.try_get::<String, _>("self_goals")?)?;
    let mut measures = Vec::new();
    for (label, column) in [("Pain", "pain"), ("Stress", "stress")] {
        if let Some(score) = note.try_get::<Option<i32>, _>(column)? {
            measures.push(format!("{label}: {score} out of 10"));
        }
    }
    let rated = sqlx::query_scalar::<_, String>(
        "SELECT psfs_items FROM care_measures WHERE note_id = $1 ORDER BY taken_at DESC, id DESC \
         LIMIT 1",
    )
    .bind(note.try_get::<String, _>("id")?)
    .fetch_optional(conn)
    .await?;
    if let Some(json) = rated {
        for item in list::<Rated>(&json)? {
            measures.push(format!("{}: {} out of 10", item.activity, item.score));
        }
    }
    Ok(FromNote {
        between_visits: between_visits
            .into_iter()
            .filter(|point| !point.trim().is_empty())
            .collect(),
        measures,
    })
}
