//! CSV import of clients (suggested mapping, dry run listing every problem of every row, all-or-nothing commit)
//! and the client list's CSV export with formula-looking cells neutralised.

use crate::world::World;
use palma::api::{Call, NoArgs};
use palma::clients::csv::{
    ColumnMapping, CsvColumns, CsvFile, DateOrder, ImportClients, ImportReport, RowProblem,
};
use palma::clients::{ClientInput, ClientSummary, SearchClients};

const FILE: &str = "Surname,First name,Mobile,E-mail,Born\r\n\
Ng,Anh,07700 900111,anh@example.org,23/04/1980\r\n\
\"O'Brien, Jr\",Pat,,not-an-email,01/02/1975\r\n\
Silva,,phone me,,31/02/1990\r\n\
Berg,,07700 900333,,\r\n\
\"Kowalska\",\"Ewa\",\"+48 601 234 567\",,\r\n";

fn request(csv: &str, dry_run: bool) -> ImportClients {
    ImportClients {
        csv: csv.into(),
        mapping: ColumnMapping {
            given_name: "first name".into(),
            family_name: "Surname".into(),
            phone: Some("Mobile".into()),
            email: Some("E-mail".into()),
            date_of_birth: Some("Born".into()),
            ..ColumnMapping::default()
        },
        date_order: DateOrder::DayMonthYear,
        dry_run,
    }
}

fn problem(line: i64, field: &str) -> (i64, String) {
    (line, field.to_owned())
}

#[tokio::test]
async fn a_dry_run_lists_every_problem_of_every_row_and_a_bad_file_writes_nothing() {
    let world = World::new().await;
    world.small_clinic().await;
    let (clients, journal) = (world.count("clients").await, world.count("journal").await);
    for dry_run in [true, false] {
        let report: ImportReport = world
            .call(Call::ClientsImportCsv(request(FILE, dry_run)))
            .await
            .unwrap();
        let found: Vec<_> = report
            .problems
            .iter()
            .map(|p: &RowProblem| (p.line, p.field.clone()))
            .collect();
        assert_eq!(
            found,
            [
                problem(3, "email"),
                problem(4, "givenName"),
                problem(4, "dateOfBirth"),
                problem(4, "phone"),
                problem(5, "givenName")
            ]
        );
        assert_eq!((report.rows, report.imported), (5, 0));
        assert_eq!(world.count("clients").await, clients, "all or nothing");
        assert_eq!(world.count("journal").await, journal);
    }
}

#[tokio::test]
async fn a_clean_file_is_imported_whole_and_journaled() {
    let world = World::new().await;
    world.small_clinic().await;
    let clean: String = FILE
        .lines()
        .enumerate()
        .filter(|(n, _)| [0, 1, 5].contains(n))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let journal = world.count("journal").await;
    let report: ImportReport = world
        .call(Call::ClientsImportCsv(request(&clean, false)))
        .await
        .unwrap();
    assert_eq!(
        (report.rows, report.imported, report.problems.len()),
        (2, 2, 0)
    );
    assert_eq!(world.count("journal").await, journal + 2);
    let found: Vec<ClientSummary> = world
        .call(Call::ClientsSearch(SearchClients {
            text: "kowalska".into(),
            limit: None,
        }))
        .await
        .unwrap();
    assert_eq!(
        (found[0].given_name.as_str(), found[0].phone.as_str()),
        ("Ewa", "+48 601 234 567")
    );
    let anh: Vec<ClientSummary> = world
        .call(Call::ClientsSearch(SearchClients {
            text: "anh ng".into(),
            limit: None,
        }))
        .await
        .unwrap();
    assert_eq!(anh[0].date_of_birth.as_deref(), Some("1980-04-23"));
}

#[tokio::test]
async fn the_core_suggests_a_mapping_from_the_headers() {
    let world = World::new().await;
    world.small_clinic().await;
    let columns: CsvColumns = world
        .call(Call::ClientsCsvColumns(CsvFile { csv: FILE.into() }))
        .await
        .unwrap();
    assert_eq!(
        columns.columns,
        ["Surname", "First name", "Mobile", "E-mail", "Born"]
    );
    assert_eq!(columns.rows, 5);
    let s = columns.suggestion;
    assert_eq!(
        (s.given_name.as_str(), s.family_name.as_str()),
        ("First name", "Surname")
    );
    assert_eq!(
        (
            s.phone.as_deref(),
            s.email.as_deref(),
            s.date_of_birth.as_deref()
        ),
        (Some("Mobile"), Some("E-mail"), Some("Born"))
    );
}

#[tokio::test]
async fn mapping_to_a_missing_column_or_broken_csv_is_refused_by_name() {
    let world = World::new().await;
    world.small_clinic().await;
    let mut wrong = request(FILE, true);
    wrong.mapping.phone = Some("Telephone".into());
    let error = world
        .call::<ImportReport>(Call::ClientsImportCsv(wrong))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("mapping.phone"));
    let broken = world
        .call::<ImportReport>(Call::ClientsImportCsv(request(
            "Surname,First name\nNg,\"Anh\n",
            true,
        )))
        .await
        .unwrap_err();
    assert_eq!(broken.field.as_deref(), Some("csv"));
    assert!(broken.message.contains("line 2"), "{}", broken.message);
}

#[tokio::test]
async fn the_csv_export_neutralises_formulas() {
    let world = World::new().await;
    world.small_clinic().await;
    let _: serde_json::Value = world
        .call(Call::ClientsCreate(ClientInput {
            given_name: "=HYPERLINK(\"http://evil.example\",\"click\")".into(),
            family_name: "@SUM(A1:A9)".into(),
            phone: "+44 20 7946 0958".into(),
            notes_for_reception: "-2+3".into(),
            ..ClientInput::default()
        }))
        .await
        .unwrap();
    let csv: String = world.call(Call::ClientsExportCsv(NoArgs {})).await.unwrap();
    let rows = palma::clients::csv::parse(&csv).unwrap();
    assert_eq!(rows.len(), 5, "header and four clients");
    let evil = rows.iter().find(|r| r[1].contains("SUM")).unwrap();
    assert_eq!(evil[0], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(
        (evil[1].as_str(), evil[4].as_str(), evil[6].as_str()),
        ("'@SUM(A1:A9)", "'+44 20 7946 0958", "'-2+3")
    );
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
}
