//! Search as you type: by name, preferred name, email or phone, ignoring case and accents.
//!
//! Each client has a `search_key`: the lower-case, accent-free words of those fields, each
//! preceded by a space. A query matches when every one of its words starts a word of the key;
//! a query of digits (and phone separators) matches any part of the client's phone number.
//! The folding is done here, not by the database; only the index differs per engine (the one
//! place with per-engine SQL): an FTS5 prefix query on SQLite, a trigram-indexed LIKE on
//! PostgreSQL (migration 0014).
//!
//! Results come in name order, so the cost of a search is how many clients must be looked at to
//! find the first few in that order. A query that matches many clients ("m", "0770") finds them
//! at once walking the names in order (a covering index, migration 0017); one that matches few
//! ("0770090123", "zoe luk") is answered by the FTS5 index, whose matches are then few to sort.
//! On SQLite a bounded walk of the first names comes first, and the index only when that walk
//! found too few: whichever answers, the result is the same.

use super::record::Client;
use crate::audit::WriteTx;
use crate::clinic::Clinic;
use crate::db::Engine;
use crate::error::ApiResult;
use crate::fields;
use crate::matching::{fold, like_prefix, words};
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchClients {
    pub text: String,
    /// At most this many results (1–50, default 20).
    #[ts(optional)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary {
    pub id: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub date_of_birth: Option<String>,
    pub phone: String,
    pub email: String,
}

/// Rewrites SQLite's search index without the entries of erased clients, inside the erasing
/// write. FTS5 records a deletion as a new entry and keeps the old one (the client's words)
/// until its segments are merged; `optimize` merges them all now, and `secure_delete` zeroes
/// the pages the old segments leave. (PostgreSQL's index keeps no words a query can reach.)
pub(crate) async fn drop_erased(tx: &mut WriteTx, engine: Engine) -> ApiResult<()> {
    if engine == Engine::Sqlite {
        sqlx::query("INSERT INTO clients_fts (clients_fts) VALUES ('optimize')")
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}

/// The stored key for a client: every word after a space, plus the phone's digits as one word
/// and the email as typed (folded), so "07700", "900123" and "zoe@" all find their client.
pub fn search_key(client: &Client) -> String {
    let mut key = String::new();
    let texts = [
        &client.given_name,
        &client.family_name,
        &client.preferred_name,
        &client.email,
    ];
    for word in texts.into_iter().flat_map(|t| words(t)) {
        key.push(' ');
        key.push_str(&word);
    }
    let digits: String = client.phone.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        key.push(' ');
        key.push_str(&digits);
    }
    if !client.email.is_empty() {
        key.push(' ');
        key.push_str(&fold(&client.email));
    }
    key
}

/// At most this many words of a query are used; more add nothing for a name search.
const MAX_QUERY_WORDS: usize = 4;

/// Clients that can be found: not restricted by an erasure request.
const SUMMARY: &str = "SELECT id, given_name, family_name, preferred_name, date_of_birth, phone, \
                       email FROM clients WHERE restricted_at IS NULL";

/// SQLite: every word as a prefix query on the FTS5 index of search keys.
async fn sqlite_matches(clinic: &Clinic, words: &[String], limit: i64) -> ApiResult<Vec<AnyRow>> {
    // Words are letters and digits only (see `words`); quoting keeps FTS syntax out anyway.
    let query = words
        .iter()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SUMMARY} AND id IN (SELECT client_id FROM clients_fts WHERE clients_fts MATCH $1) \
         ORDER BY family_name, given_name, id LIMIT $2"
    )))
    .bind(query)
    .bind(limit)
    .fetch_all(clinic.pool())
    .await?)
}

/// How many clients, in name order, the first pass on SQLite looks at (a little more: it stops
/// at the end of a family name). Reading them from the covering index costs well under a
/// millisecond; a query with fewer matches than the limit among them is selective, and the
/// FTS5 index answers it with few matches to sort.
const FIRST_PASS: i64 = 2000;

/// Walks clients in name order, keeping those whose key has every word as a word start, up to
/// `limit`. With `bound`, only the first [`FIRST_PASS`] or so names are walked (SQLite).
async fn like_matches(
    clinic: &Clinic,
    words: &[String],
    limit: i64,
    bound: bool,
) -> ApiResult<Vec<AnyRow>> {
    let mut sql = String::from(SUMMARY);
    for i in 0..words.len() {
        sql.push_str(&format!(" AND search_key LIKE ${} ESCAPE '\\'", i + 1));
    }
    if bound {
        sql.push_str(&format!(
            " AND family_name <= (SELECT family_name FROM clients WHERE restricted_at IS NULL \
             ORDER BY family_name, given_name, id LIMIT 1 OFFSET ${})",
            words.len() + 2
        ));
    }
    sql.push_str(&format!(
        " ORDER BY family_name, given_name, id LIMIT ${}",
        words.len() + 1
    ));
    // Built only from literals and placeholder numbers; every value is bound.
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for word in words {
        query = query.bind(like_prefix(word));
    }
    query = query.bind(limit);
    if bound {
        query = query.bind(FIRST_PASS);
    }
    Ok(query.fetch_all(clinic.pool()).await?)
}

/// What may separate the digits of a typed or stored phone number.
const PHONE_PUNCTUATION: &str = " +-.()";

/// Clients whose phone number holds `digits` anywhere (its separators ignored), in name
/// order. The same SQL on both engines: the stored number is stripped of the separators
/// [`PHONE_PUNCTUATION`] names, and compared with `LIKE` (digits need no escaping).
async fn phone_matches(clinic: &Clinic, digits: &str, limit: i64) -> ApiResult<Vec<AnyRow>> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SUMMARY} AND REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(phone, ' ', ''), '+', ''), \
         '-', ''), '.', ''), '(', ''), ')', '') LIKE $1 \
         ORDER BY family_name, given_name, id LIMIT $2"
    )))
    .bind(format!("%{digits}%"))
    .bind(limit)
    .fetch_all(clinic.pool())
    .await?)
}

/// SQLite: the first names in order when they hold enough matches — then they are the first
/// matches of all — else the FTS5 index (also when the clinic has fewer clients than the first
/// pass looks at: the bound is then empty).
async fn sqlite_search(clinic: &Clinic, words: &[String], limit: i64) -> ApiResult<Vec<AnyRow>> {
    if words.is_empty() {
        return like_matches(clinic, words, limit, false).await;
    }
    let first = like_matches(clinic, words, limit, true).await?;
    if i64::try_from(first.len()).unwrap_or(0) >= limit {
        return Ok(first);
    }
    sqlite_matches(clinic, words, limit).await
}

pub async fn search(
    clinic: &Clinic,
    _actor: &Actor,
    args: SearchClients,
) -> ApiResult<Vec<ClientSummary>> {
    let limit = fields::within("limit", "Limit", args.limit.unwrap_or(20), 1..=50)?;
    let text = fields::optional_line("text", "Search text", &args.text, 200)?;
    // A phone number typed with spaces ("07700 900 123") is searched as its digits, anywhere
    // in the number: reception often has only the last digits, or the middle of a number
    // read out.
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let is_phone = !digits.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || PHONE_PUNCTUATION.contains(c));
    let query_words: Vec<String> = words(&text).take(MAX_QUERY_WORDS).collect();
    if !is_phone && query_words.is_empty() && !text.is_empty() {
        // Only punctuation was typed: nothing can match it.
        return Ok(Vec::new());
    }
    let rows = match clinic.engine() {
        _ if is_phone => phone_matches(clinic, &digits, limit).await?,
        Engine::Sqlite => sqlite_search(clinic, &query_words, limit).await?,
        Engine::Postgres => like_matches(clinic, &query_words, limit, false).await?,
    };
    rows.iter()
        .map(|row| {
            Ok(ClientSummary {
                id: row.try_get("id")?,
                given_name: row.try_get("given_name")?,
                family_name: row.try_get("family_name")?,
                preferred_name: row.try_get("preferred_name")?,
                date_of_birth: row.try_get("date_of_birth")?,
                phone: row.try_get("phone")?,
                email: row.try_get("email")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_holds_words_digits_and_email() {
        let client = Client {
            id: String::new(),
            given_name: "Zoë".into(),
            family_name: "Łukasiewicz-Ørsted".into(),
            preferred_name: String::new(),
            date_of_birth: None,
            phone: "+44 7700 900123".into(),
            email: "Zoe@Example.org".into(),
            ..Client::default()
        };
        assert_eq!(
            search_key(&client),
            " zoe lukasiewicz orsted zoe example org 447700900123 zoe@example.org"
        );
    }
}
