//! Clients in and out as CSV: import from another system's export (column mapping, a dry run
//! listing every problem of every row, then an all-or-nothing commit) and export of the client list.
//!
//! CSV is read by a small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside
//! quotes, CRLF or LF, a leading byte-order mark). On export, any cell that a spreadsheet
//! would take as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a
//! leading apostrophe, so opening the file can never run anything.

use super::record::{ClientInput, insert, today};
use crate::api::NoArgs;
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

const MAX_BYTES: usize = 10 * 1024 * 1024;
const MAX_ROWS: usize = 50_000;

/// Reads CSV text into rows of fields. Errors name the 1-based line where the problem is.
pub fn parse(text: &str) -> Result<Vec<Vec<String>>, (usize, &'static str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    let mut field_started_quoted = false;
    let mut quote_line = 1;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !field_started_quoted => {
                quoted = true;
                field_started_quoted = true;
                quote_line = line;
            }
            '"' => return Err((line, "a quote inside an unquoted field")),
            ',' => {
                row.push(std::mem::take(&mut field));
                field_started_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                field_started_quoted = false;
                rows.push(std::mem::take(&mut row));
                line += 1;
            }
            _ if field_started_quoted => return Err((line, "text after a closing quote")),
            _ => field.push(c),
        }
    }
    if quoted {
        return Err((quote_line, "a quoted field is not closed"));
    }
    if !field.is_empty() || !row.is_empty() || field_started_quoted {
        row.push(field);
        rows.push(row);
    }
    // Blank lines carry nothing.
    rows.retain(|r| !(r.len() == 1 && r[0].is_empty()));
    Ok(rows)
}

/// One cell for export: quoted when needed, formula-looking text neutralised.
pub fn cell(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// How dates of birth are written in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 1980-04-23
    #[default]
    Iso,
    /// 23/04/1980
    DayMonthYear,
    /// 04/23/1980
    MonthDayYear,
}

/// Which column of the file (by its header) holds each field; absent fields stay empty.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub given_name: String,
    pub family_name: String,
    #[ts(optional)]
    pub preferred_name: Option<String>,
    #[ts(optional)]
    pub date_of_birth: Option<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[ts(optional)]
    pub email: Option<String>,
    #[ts(optional)]
    pub notes_for_reception: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportClients {
    /// The whole CSV file, with a header row.
    pub csv: String,
    pub mapping: ColumnMapping,
    #[serde(default)]
    pub date_order: DateOrder,
    /// Check only; write nothing.
    pub dry_run: bool,
}

/// A problem with one row: its line in the file, the field (request spelling) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    pub line: i64,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Data rows in the file (not counting the header).
    pub rows: i64,
    pub problems: Vec<RowProblem>,
    /// Clients written: all rows, or none when there was any problem or it was a dry run.
    pub imported: i64,
}

/// A CSV file to look at before importing it.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvFile {
    pub csv: String,
}

/// A file's columns and the mapping Palma suggests for them (from their headers).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvColumns {
    /// The header row, as written.
    pub columns: Vec<String>,
    /// Data rows (not counting the header).
    pub rows: i64,
    /// The column that seems to hold each field; empty or absent when none does.
    pub suggestion: ColumnMapping,
}

/// Header spellings of each field, folded (lower case, letters and digits only).
const HEADER_NAMES: [(&str, &[&str]); 7] = [
    (
        "givenName",
        &[
            "givenname",
            "firstname",
            "first",
            "forename",
            "given",
            "name1",
        ],
    ),
    (
        "familyName",
        &[
            "familyname",
            "lastname",
            "surname",
            "last",
            "family",
            "name2",
        ],
    ),
    (
        "preferredName",
        &["preferredname", "knownas", "nickname", "preferred"],
    ),
    (
        "dateOfBirth",
        &[
            "dateofbirth",
            "dob",
            "birthdate",
            "born",
            "birthday",
            "birth",
        ],
    ),
    (
        "phone",
        &[
            "phone",
            "mobile",
            "telephone",
            "tel",
            "cell",
            "phonenumber",
            "mobilephone",
            "mobilenumber",
        ],
    ),
    ("email", &["email", "emailaddress", "mail", "eaddress"]),
    (
        "notesForReception",
        &[
            "notesforreception",
            "notes",
            "note",
            "comments",
            "comment",
            "remarks",
        ],
    ),
];

fn fold_header(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The mapping suggested for a header row: for each field, the first column whose header is
/// one of the field's usual spellings.
pub fn suggest(header: &[String]) -> ColumnMapping {
    let folded: Vec<String> = header.iter().map(|h| fold_header(h)).collect();
    let pick = |field: &str| -> Option<String> {
        let (_, names) = HEADER_NAMES.iter().find(|(f, _)| *f == field)?;
        names.iter().find_map(|name| {
            let at = folded.iter().position(|h| h == name)?;
            Some(header[at].trim().to_owned())
        })
    };
    ColumnMapping {
        given_name: pick("givenName").unwrap_or_default(),
        family_name: pick("familyName").unwrap_or_default(),
        preferred_name: pick("preferredName"),
        date_of_birth: pick("dateOfBirth"),
        phone: pick("phone"),
        email: pick("email"),
        notes_for_reception: pick("notesForReception"),
    }
}

/// Reads a file's header row and suggests a column mapping (writes nothing).
pub async fn columns_of(_clinic: &Clinic, _actor: &Actor, args: CsvFile) -> ApiResult<CsvColumns> {
    let rows = read(&args.csv)?;
    let Some((header, data)) = rows.split_first() else {
        return Err(ApiError::validation("csv", "The file is empty."));
    };
    Ok(CsvColumns {
        suggestion: suggest(header),
        columns: header.iter().map(|h| h.trim().to_owned()).collect(),
        rows: i64::try_from(data.len()).unwrap_or(i64::MAX),
    })
}

/// The file's rows, refused whole when too large or not CSV.
fn read(csv: &str) -> ApiResult<Vec<Vec<String>>> {
    if csv.len() > MAX_BYTES {
        return Err(ApiError::validation(
            "csv",
            "The file is larger than 10 MB.",
        ));
    }
    let rows = parse(csv).map_err(|(line, what)| {
        ApiError::validation(
            "csv",
            format!("The file is not valid CSV at line {line}: {what}."),
        )
    })?;
    if rows.len() > MAX_ROWS + 1 {
        return Err(ApiError::validation(
            "csv",
            "The file has more than 50,000 rows.",
        ));
    }
    Ok(rows)
}

/// The column index of each mapped field, in `ClientInput` order.
fn columns(header: &[String], mapping: &ColumnMapping) -> ApiResult<[Option<usize>; 7]> {
    let find = |field: &str, name: Option<&String>| -> ApiResult<Option<usize>> {
        let Some(name) = name.map(|n| n.trim()).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .map(Some)
            .ok_or_else(|| {
                ApiError::validation(
                    &format!("mapping.{field}"),
                    "The file has no column with that name.",
                )
            })
    };
    let required = |field: &str, name: &String| -> ApiResult<Option<usize>> {
        find(field, Some(name))?.map(Some).ok_or_else(|| {
            ApiError::validation(
                &format!("mapping.{field}"),
                "Choose the column that holds this.",
            )
        })
    };
    Ok([
        required("givenName", &mapping.given_name)?,
        required("familyName", &mapping.family_name)?,
        find("preferredName", mapping.preferred_name.as_ref())?,
        find("dateOfBirth", mapping.date_of_birth.as_ref())?,
        find("phone", mapping.phone.as_ref())?,
        find("email", mapping.email.as_ref())?,
        find("notesForReception", mapping.notes_for_reception.as_ref())?,
    ])
}

/// A date as written in the file, to `YYYY-MM-DD` (unparseable text passes through, so the
/// client check reports it against `dateOfBirth`).
fn iso_date(text: &str, order: DateOrder) -> String {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    match (order, parts.as_slice()) {
        (DateOrder::DayMonthYear, [d, m, y]) => format!("{y:0>4}-{m:0>2}-{d:0>2}"),
        (DateOrder::MonthDayYear, [m, d, y]) => format!("{y:0>4}-{m:0>2}-{d:0>2}"),
        _ => text.trim().to_owned(),
    }
}

/// One data row as the client it describes, through the mapping's column indexes.
fn row_input(row: &[String], at: &[Option<usize>; 7], order: DateOrder) -> ClientInput {
    let get = |i: usize| at[i].and_then(|c| row.get(c)).cloned().unwrap_or_default();
    ClientInput {
        given_name: get(0),
        family_name: get(1),
        preferred_name: get(2),
        date_of_birth: iso_date(&get(3), order),
        phone: get(4),
        email: get(5),
        notes_for_reception: get(6),
        ..ClientInput::default()
    }
}

pub async fn import(
    clinic: &Clinic,
    actor: &Actor,
    args: ImportClients,
) -> ApiResult<ImportReport> {
    let rows = read(&args.csv)?;
    let Some((header, data)) = rows.split_first() else {
        return Err(ApiError::validation("csv", "The file is empty."));
    };
    let at = columns(header, &args.mapping)?;
    let today = today(clinic);
    let mut clients = Vec::new();
    let mut problems = Vec::new();
    for (n, row) in data.iter().enumerate() {
        match row_input(row, &at, args.date_order).check(today) {
            Ok(mut client) => {
                client.id = new_id();
                clients.push(client);
            }
            // The header is line 1 (rows with line breaks inside quotes count as one).
            Err(errors) => problems.extend(errors.into_iter().map(|error| RowProblem {
                line: i64::try_from(n + 2).unwrap_or(i64::MAX),
                field: error.field.unwrap_or_default(),
                message: error.message,
            })),
        }
    }
    let mut report = ImportReport {
        rows: i64::try_from(data.len()).unwrap_or(i64::MAX),
        problems,
        imported: 0,
    };
    if args.dry_run || !report.problems.is_empty() {
        return Ok(report);
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    for client in &clients {
        insert(&mut tx, client, "import").await?;
    }
    tx.commit().await?;
    report.imported = report.rows;
    Ok(report)
}

/// The client list as CSV (restricted clients left out), formula-looking cells neutralised.
pub async fn export(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<String> {
    let rows = sqlx::query(
        "SELECT given_name, family_name, preferred_name, date_of_birth, phone, email, notes_for_reception \
         FROM clients WHERE restricted_at IS NULL ORDER BY family_name, given_name, id",
    )
    .fetch_all(clinic.pool())
    .await?;
    let mut out = String::from(
        "givenName,familyName,preferredName,dateOfBirth,phone,email,notesForReception\r\n",
    );
    for row in &rows {
        let mut cells = Vec::new();
        for column in [
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "phone",
            "email",
            "notes_for_reception",
        ] {
            let value: Option<String> = row.try_get(column)?;
            cells.push(cell(&value.unwrap_or_default()));
        }
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_quotes_line_breaks_and_crlf() {
        let rows = parse("\u{feff}a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\nlast,\n").unwrap();
        assert_eq!(
            rows,
            [
                vec!["a", "b"],
                vec!["x, \"y\"", "two\nlines"],
                vec!["last", ""]
            ]
        );
        assert_eq!(
            parse("a\nb,\"open\n\n").unwrap_err(),
            (2, "a quoted field is not closed")
        );
        assert!(parse("a\"b").is_err());
    }

    #[test]
    fn formula_cells_are_neutralised_and_quoted() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+44 20"), "'+44 20");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Zoë"), "Zoë");
    }

    #[test]
    fn headers_suggest_a_mapping() {
        let header: Vec<String> = [
            "Surname",
            "First Name",
            "Mobile",
            "E-mail",
            "D.O.B.",
            "Notes",
        ]
        .map(String::from)
        .into();
        let mapping = suggest(&header);
        assert_eq!(
            (mapping.given_name.as_str(), mapping.family_name.as_str()),
            ("First Name", "Surname")
        );
        assert_eq!(mapping.phone.as_deref(), Some("Mobile"));
        assert_eq!(mapping.email.as_deref(), Some("E-mail"));
        assert_eq!(mapping.date_of_birth.as_deref(), Some("D.O.B."));
        assert_eq!(mapping.notes_for_reception.as_deref(), Some("Notes"));
        assert_eq!(mapping.preferred_name, None);
    }

    /// A row's cells, each either valid or broken in a way only that field's check catches.
    fn row_strategy() -> impl Strategy<Value = ([bool; 5], Vec<String>)> {
        proptest::array::uniform5(any::<bool>()).prop_map(|broken| {
            let pick =
                |n: usize, good: &str, bad: &str| if broken[n] { bad } else { good }.to_owned();
            let cells = vec![
                pick(0, "Anh", ""),
                pick(1, "Ng", &"x".repeat(81)),
                pick(2, "23/04/1980", "31/02/1990"),
                pick(3, "07700 900111", "phone me"),
                pick(4, "anh@example.org", "not-an-email"),
            ];
            (broken, cells)
        })
    }

    proptest! {
        #[test]
        fn every_broken_cell_of_every_row_is_reported(rows in proptest::collection::vec(row_strategy(), 1..8)) {
            let fields = ["givenName", "familyName", "dateOfBirth", "phone", "email"];
            let mut text = String::from("First,Last,Born,Phone,Email\r\n");
            for (_, cells) in &rows {
                text.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
                text.push_str("\r\n");
            }
            let parsed = parse(&text).unwrap();
            let mapping = ColumnMapping {
                given_name: "First".into(),
                family_name: "Last".into(),
                date_of_birth: Some("Born".into()),
                phone: Some("Phone".into()),
                email: Some("Email".into()),
                ..ColumnMapping::default()
            };
            let at = columns(&parsed[0], &mapping).unwrap();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
            for ((broken, _), row) in rows.iter().zip(&parsed[1..]) {
                let found: Vec<String> = match row_input(row, &at, DateOrder::DayMonthYear).check(today) {
                    Ok(_) => Vec::new(),
                    Err(problems) => problems.into_iter().filter_map(|p| p.field).collect(),
                };
                let expected: Vec<&str> = fields
                    .iter()
                    .zip(broken)
                    .filter(|(_, b)| **b)
                    .map(|(f, _)| *f)
                    .collect();
                prop_assert_eq!(found, expected);
            }
        }
    }

    #[test]
    fn dates_in_other_orders() {
        assert_eq!(iso_date("23/4/1980", DateOrder::DayMonthYear), "1980-04-23");
        assert_eq!(
            iso_date("04/23/1980", DateOrder::MonthDayYear),
            "1980-04-23"
        );
        assert_eq!(iso_date("1980-04-23", DateOrder::Iso), "1980-04-23");
    }
}
