//! Handouts in the database: list and filter, read a version, save (a new version), duplicate,
//! retire, and the first-run seeding from the shipped library.

use super::content::{Category, HandoutContent, Region};
use super::library::shipped;
use crate::api::ById;
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::matching::{fold, like_prefix, words};
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoutSummary {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub category: Category,
    pub regions: Vec<Region>,
    pub version: i32,
    pub retired: bool,
    /// `library` (shipped with Palma) or `clinic` (the clinic's own).
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Handout {
    pub id: String,
    pub slug: String,
    pub version: i32,
    /// The newest version; `version` may be older when an old one was asked for.
    pub current_version: i32,
    pub retired: bool,
    pub source: String,
    pub content: HandoutContent,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoutFilter {
    #[serde(default)]
    pub text: String,
    #[ts(optional)]
    pub category: Option<Category>,
    #[ts(optional)]
    pub region: Option<Region>,
    #[serde(default)]
    pub include_retired: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveHandout {
    /// Absent to add a handout of the clinic's own; present to save a new version of one.
    #[ts(optional)]
    pub id: Option<String>,
    pub content: HandoutContent,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetireHandout {
    pub id: String,
    pub retired: bool,
}

/// Regions are stored as ",neck,low_back," so one LIKE finds a region.
fn regions_text(regions: &[Region]) -> String {
    let keys: Vec<String> = regions.iter().map(|r| r.key()).collect();
    format!(",{},", keys.join(","))
}

fn regions_from(text: &str) -> Vec<Region> {
    text.split(',')
        .filter(|k| !k.is_empty())
        .filter_map(|k| serde_json::from_value(serde_json::Value::String(k.to_owned())).ok())
        .collect()
}

fn category_from(text: &str) -> Result<Category, sqlx::Error> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn search_key(content: &HandoutContent) -> String {
    let mut key = String::new();
    let extra = [content.category.label(), content.for_whom.as_str()];
    for word in words(&content.title).chain(extra.iter().flat_map(|t| words(t))) {
        key.push(' ');
        key.push_str(&word);
    }
    for region in &content.regions {
        key.push(' ');
        key.push_str(&fold(&region.key().replace('_', " ")));
    }
    key
}

fn json_list(row: &AnyRow, column: &str) -> Result<Vec<String>, sqlx::Error> {
    serde_json::from_str(&row.try_get::<String, _>(column)?)
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn handout_from(row: &AnyRow) -> Result<Handout, sqlx::Error> {
    Ok(Handout {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        version: row.try_get("version")?,
        current_version: row.try_get("current_version")?,
        retired: row.try_get::<i32, _>("retired")? != 0,
        source: row.try_get("source")?,
        content: HandoutContent {
            title: row.try_get("title")?,
            category: category_from(&row.try_get::<String, _>("category")?)?,
            regions: regions_from(&row.try_get::<String, _>("regions")?),
            for_whom: row.try_get("for_whom")?,
            why: row.try_get("why")?,
            steps: json_list(row, "steps")?,
            cautions: json_list(row, "cautions")?,
            dosage: serde_json::from_str(&row.try_get::<String, _>("dosage")?)
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            illustration_svg: row.try_get("illustration_svg")?,
        },
    })
}

const SELECT_VERSION: &str = "SELECT h.id, h.slug, h.current_version, h.retired, h.source, v.version, \
    v.title, v.category, v.regions, v.for_whom, v.why, v.steps, v.cautions, v.dosage, \
    v.illustration_svg FROM handouts h JOIN handout_versions v ON v.handout_id = h.id \
    WHERE h.id = $1 AND v.version = $2";

/// One version of a handout (the current one when `version` is `None`).
pub async fn load_version(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    version: Option<i32>,
) -> ApiResult<Handout> {
    let version = match version {
        Some(version) => version,
        None => sqlx::query_scalar::<_, i32>("SELECT current_version FROM handouts WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| ApiError::not_found("handout"))?,
    };
    let row = sqlx::query(SELECT_VERSION)
        .bind(id)
        .bind(version)
        .fetch_optional(conn)
        .await?;
    row.as_ref()
        .map(handout_from)
        .transpose()?
        .ok_or_else(|| ApiError::not_found("handout"))
}

pub async fn list(
    clinic: &Clinic,
    _actor: &Actor,
    args: HandoutFilter,
) -> ApiResult<Vec<HandoutSummary>> {
    let text = fields::optional_line("text", "Search text", &args.text, 100)?;
    let query_words: Vec<String> = words(&text).take(4).collect();
    if query_words.is_empty() && !text.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from(
        "SELECT h.id, h.slug, h.source, h.retired, h.current_version, v.title, v.category, v.regions \
         FROM handouts h JOIN handout_versions v ON v.handout_id = h.id AND v.version = h.current_version \
         WHERE ($1 = '' OR v.category = $1) AND ($2 = '' OR v.regions LIKE $2) AND ($3 = 1 OR h.retired = 0)",
    );
    // Each typed word (or phrase with a synonym) must match one of its alternatives.
    let groups = super::synonyms::groups(&query_words);
    let mut bound = Vec::new();
    for alternatives in &groups {
        let mut any = Vec::new();
        for words in alternatives {
            let all: Vec<String> = words
                .iter()
                .map(|word| {
                    bound.push(like_prefix(word));
                    format!("h.search_key LIKE ${} ESCAPE '\\'", bound.len() + 3)
                })
                .collect();
            any.push(format!("({})", all.join(" AND ")));
        }
        sql.push_str(&format!(" AND ({})", any.join(" OR ")));
    }
    sql.push_str(" ORDER BY v.title, h.id");
    // Built only from literals and placeholder numbers; every value is bound.
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(args.category.map(Category::key).unwrap_or_default())
        .bind(
            args.region
                .map(|r| format!("%,{},%", r.key()))
                .unwrap_or_default(),
        )
        .bind(i32::from(args.include_retired));
    for pattern in bound {
        query = query.bind(pattern);
    }
    let rows = query.fetch_all(clinic.pool()).await?;
    rows.iter()
        .map(|row| {
            Ok(HandoutSummary {
                id: row.try_get("id")?,
                slug: row.try_get("slug")?,
                title: row.try_get("title")?,
                category: category_from(&row.try_get::<String, _>("category")?)?,
                regions: regions_from(&row.try_get::<String, _>("regions")?),
                version: row.try_get("current_version")?,
                retired: row.try_get::<i32, _>("retired")? != 0,
                source: row.try_get("source")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

pub async fn get(clinic: &Clinic, _actor: &Actor, args: ById) -> ApiResult<Handout> {
    let id = fields::id("id", &args.id)?;
    let mut conn = clinic.pool().acquire().await?;
    load_version(&mut conn, &id, None).await
}

async fn insert_version(
    tx: &mut WriteTx,
    id: &str,
    version: i32,
    content: &HandoutContent,
    by: &str,
) -> ApiResult<()> {
    let at = tx.at_ms();
    sqlx::query(
        "INSERT INTO handout_versions (handout_id, version, title, category, regions, for_whom, why, \
         steps, cautions, dosage, illustration_svg, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(id)
    .bind(version)
    .bind(&content.title)
    .bind(content.category.key())
    .bind(regions_text(&content.regions))
    .bind(&content.for_whom)
    .bind(&content.why)
    .bind(serde_json::to_string(&content.steps).unwrap_or_default())
    .bind(serde_json::to_string(&content.cautions).unwrap_or_default())
    .bind(serde_json::to_string(&content.dosage).unwrap_or_default())
    .bind(&content.illustration_svg)
    .bind(at)
    .bind(by)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Creates a handout row and its first version.
async fn insert_handout(
    tx: &mut WriteTx,
    slug: &str,
    source: &str,
    version: i32,
    content: &HandoutContent,
    by: &str,
) -> ApiResult<String> {
    let id = new_id();
    let at = tx.at_ms();
    sqlx::query(
        "INSERT INTO handouts (id, slug, source, current_version, retired, search_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $6, $6)",
    )
    .bind(&id)
    .bind(slug)
    .bind(source)
    .bind(version)
    .bind(search_key(content))
    .bind(at)
    .execute(tx.conn())
    .await?;
    insert_version(tx, &id, version, content, by).await?;
    Ok(id)
}

/// A slug from the title that no other handout uses.
async fn free_slug(tx: &mut WriteTx, title: &str) -> ApiResult<String> {
    let base: String = words(title).collect::<Vec<_>>().join("-");
    let base = if base.is_empty() {
        "handout".to_owned()
    } else {
        base
    };
    let mut slug = base.clone();
    for n in 2.. {
        let taken = sqlx::query("SELECT id FROM handouts WHERE slug = $1")
            .bind(&slug)
            .fetch_optional(tx.conn())
            .await?;
        if taken.is_none() {
            break;
        }
        slug = format!("{base}-{n}");
    }
    Ok(slug)
}

pub async fn save(clinic: &Clinic, actor: &Actor, args: SaveHandout) -> ApiResult<Handout> {
    let content = args.content.parse()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let (id, action) = match args.id {
        None => {
            let slug = free_slug(&mut tx, &content.title).await?;
            (
                insert_handout(&mut tx, &slug, "clinic", 1, &content, &actor.staff_id).await?,
                "create",
            )
        }
        Some(id) => {
            let id = fields::id("id", &id)?;
            let current = load_version(tx.conn(), &id, None).await?;
            let version = current.current_version + 1;
            insert_version(&mut tx, &id, version, &content, &actor.staff_id).await?;
            sqlx::query("UPDATE handouts SET current_version = $2, search_key = $3, updated_at = $4 WHERE id = $1")
                .bind(&id)
                .bind(version)
                .bind(search_key(&content))
                .bind(tx.at_ms())
                .execute(tx.conn())
                .await?;
            (id, "new_version")
        }
    };
    tx.record(Entry {
        action,
        entity: "handout",
        entity_id: &id,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    let saved = load_version(tx.conn(), &id, None).await?;
    tx.commit().await?;
    Ok(saved)
}

pub async fn duplicate(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<Handout> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let original = load_version(tx.conn(), &id, None).await?;
    let mut content = original.content;
    let title: String = content.title.chars().take(73).collect();
    content.title = format!("{title} (copy)");
    let slug = free_slug(&mut tx, &content.title).await?;
    let copy = insert_handout(&mut tx, &slug, "clinic", 1, &content, &actor.staff_id).await?;
    tx.record(Entry {
        action: "duplicate",
        entity: "handout",
        entity_id: &copy,
        client_id: None,
        detail: format!("from {id}"),
    })
    .await?;
    let saved = load_version(tx.conn(), &copy, None).await?;
    tx.commit().await?;
    Ok(saved)
}

pub async fn retire(clinic: &Clinic, actor: &Actor, args: RetireHandout) -> ApiResult<Handout> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let done = sqlx::query("UPDATE handouts SET retired = $2, updated_at = $3 WHERE id = $1")
        .bind(&id)
        .bind(i32::from(args.retired))
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found("handout"));
    }
    let action = if args.retired { "retire" } else { "restore" };
    tx.record(Entry {
        action,
        entity: "handout",
        entity_id: &id,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    let saved = load_version(tx.conn(), &id, None).await?;
    tx.commit().await?;
    Ok(saved)
}

/// Puts the shipped library into a new clinic's database (inside its set-up transaction).
pub async fn seed_library(tx: &mut WriteTx, by: &str) -> ApiResult<()> {
    let handouts = shipped();
    for handout in &handouts {
        insert_handout(
            tx,
            &handout.slug,
            "library",
            handout.version,
            &handout.content(),
            by,
        )
        .await?;
    }
    tx.record(Entry {
        action: "seed",
        entity: "handout",
        entity_id: "library",
        client_id: None,
        detail: format!("{} handouts", handouts.len()),
    })
    .await
}
