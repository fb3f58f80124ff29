//! `isomm db copy`: everything one database holds, copied into another of either backend, ids
//! kept, from one consistent snapshot of the source.
//!
//! Every table of the source is accounted for: a table this module does not know (one a later
//! migration adds) stops the copy with its name, so a new table cannot be left behind silently.

use std::collections::BTreeMap;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Connection, Row};

use crate::{CopyRefusal, StoreError, connect_with, redacted};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Real,
    Text,
    Bytes,
}
use Kind::{Bytes, Int, Real, Text};

/// The tables isomm keeps, parents before children, with their columns in order.
const TABLES: [(&str, &[(&str, Kind)]); 17] = [
    (
        "users",
        &[
            ("id", Int),
            ("email", Text),
            ("name", Text),
            ("password_hash", Text),
            ("admin", Int),
            ("created_at", Int),
        ],
    ),
    (
        "workspaces",
        &[
            ("id", Int),
            ("name", Text),
            ("created_at", Int),
            ("time_zone", Text),
        ],
    ),
    (
        "memberships",
        &[("workspace_id", Int), ("user_id", Int), ("access", Text)],
    ),
    (
        "series",
        &[("id", Int), ("workspace_id", Int), ("created_at", Int)],
    ),
    (
        "assessments",
        &[
            ("id", Int),
            ("model", Text),
            ("organization", Text),
            ("title", Text),
            ("date", Text),
            ("current_pattern", Text),
            ("target_pattern", Text),
            ("target_level", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("revision", Int),
            ("respondent_count", Int),
            ("answered_count", Int),
            ("text_chars", Int),
            ("overall", Real),
            ("overall_revision", Int),
            ("workspace_id", Int),
            ("share_results", Int),
            ("plan_size", Int),
            ("plan_min_gap_tenths", Int),
            ("deadline", Text),
            ("series_id", Int),
            ("started_from", Int),
            ("closed_at", Int),
            ("closed_result", Text),
            ("closed_counting", Text),
            ("model_hash", Text),
        ],
    ),
    (
        "area_overrides",
        &[("assessment_id", Int), ("role", Text), ("area", Text)],
    ),
    (
        "respondents",
        &[
            ("id", Int),
            ("assessment_id", Int),
            ("name", Text),
            ("position", Text),
            ("created_at", Int),
            ("link_hash", Bytes),
            ("submitted_at", Int),
            ("submitted_by", Text),
        ],
    ),
    (
        "answers",
        &[
            ("respondent_id", Int),
            ("role", Text),
            ("insource", Int),
            ("outsource", Int),
            ("note", Text),
            ("updated_at", Int),
        ],
    ),
    (
        "drafts",
        &[
            ("respondent_id", Int),
            ("role", Text),
            ("insource", Int),
            ("outsource", Int),
            ("note", Text),
            ("cleared", Int),
        ],
    ),
    (
        "plan_items",
        &[
            ("id", Int),
            ("assessment_id", Int),
            ("key", Text),
            ("rank", Int),
            ("action", Text),
            ("title", Text),
            ("owner", Text),
            ("due", Text),
            ("status", Text),
            ("reason", Text),
            ("target_level", Int),
            ("level_at_start", Real),
            ("evidence", Text),
            ("note", Text),
            ("carried_from", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    ("secrets", &[("name", Text), ("value", Bytes)]),
    (
        "sessions",
        &[
            ("id_hash", Bytes),
            ("user_id", Int),
            ("data", Text),
            ("expires_at", Int),
        ],
    ),
    (
        "shared_snapshots",
        &[
            ("assessment_id", Int),
            ("counted", Int),
            ("figures", Text),
            ("taken_at", Int),
        ],
    ),
    (
        "login_failures",
        &[("key", Text), ("at", Int), ("attempt", Int)],
    ),
    (
        "invitations",
        &[
            ("id", Int),
            ("token_hash", Bytes),
            ("workspace_id", Int),
            ("email", Text),
            ("access", Text),
            ("created_at", Int),
            ("expires_at", Int),
        ],
    ),
    (
        "audit_log",
        &[
            ("id", Int),
            ("at", Int),
            ("workspace_id", Int),
            ("actor", Text),
            ("client", Text),
            ("action", Text),
            ("subject", Text),
            ("old_value", Text),
            ("new_value", Text),
            ("actor_name", Text),
        ],
    ),
    (
        "audit_pending",
        &[
            ("actor", Text),
            ("subject", Text),
            ("workspace_id", Int),
            ("respondent_id", Int),
            ("client", Text),
            ("action", Text),
            ("old_value", Text),
            ("new_value", Text),
            ("first_at", Int),
            ("at", Int),
            ("actor_name", Text),
        ],
    ),
];

/// One value of a row, whatever the backend; a NULL keeps its column's kind (PostgreSQL wants it).
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Null(Kind),
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

type Rows = Vec<Vec<Value>>;

/// What was copied: rows per table.
pub type Counts = BTreeMap<String, usize>;

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

macro_rules! value_of {
    ($row:expr, $i:expr, $kind:expr) => {{
        let (row, i, kind) = ($row, $i, $kind);
        Ok::<Value, StoreError>(match kind {
            Int => row
                .try_get::<Option<i64>, _>(i)?
                .map_or(Value::Null(kind), Value::Int),
            Real => row
                .try_get::<Option<f64>, _>(i)?
                .map_or(Value::Null(kind), Value::Real),
            Text => row
                .try_get::<Option<String>, _>(i)?
                .map_or(Value::Null(kind), Value::Text),
            Bytes => row
                .try_get::<Option<Vec<u8>>, _>(i)?
                .map_or(Value::Null(kind), Value::Bytes),
        })
    }};
}

fn names(columns: &[(&'static str, Kind)]) -> Vec<&'static str> {
    columns.iter().map(|(n, _)| *n).collect()
}

/// The tables a database holds besides the migrations' own.
async fn table_names(url: &str) -> Result<Vec<String>, StoreError> {
    let sql = if is_postgres(url) {
        "SELECT table_name::TEXT FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    };
    let names: Vec<String> = if is_postgres(url) {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        sqlx::query_scalar(sql).fetch_all(&mut conn).await?
    } else {
        let mut conn = sqlx::SqliteConnection::connect_with(
            &url.parse::<SqliteConnectOptions>()?
                .create_if_missing(false),
        )
        .await?;
        sqlx::query_scalar(sql).fetch_all(&mut conn).await?
    };
    Ok(names
        .into_iter()
        .filter(|n| n != "_sqlx_migrations")
        .collect())
}

/// Reads every table of [`TABLES`] in the transaction `$tx` into `$out` (the same code for either
/// backend's rows).
macro_rules! read_tables {
    ($tx:expr, $out:expr) => {
        for (table, columns) in TABLES {
            // In id order: a row may refer to an earlier one of its table (a round to the round it
            // was started from), which must be written first.
            let order = if columns.iter().any(|(c, _)| *c == "id") {
                " ORDER BY id"
            } else {
                ""
            };
            let sql = format!("SELECT {} FROM {table}{order}", names(columns).join(", "));
            let rows = sqlx::query(&sql).fetch_all(&mut *$tx).await?;
            let mut read = Rows::with_capacity(rows.len());
            for r in &rows {
                let mut values = Vec::with_capacity(columns.len());
                for (i, (_, kind)) in columns.iter().enumerate() {
                    values.push(value_of!(r, i, *kind)?);
                }
                read.push(values);
            }
            $out.push(read);
        }
    };
}

/// Every known table of the source, read in one transaction (one snapshot).
async fn read_all(url: &str) -> Result<Vec<Rows>, StoreError> {
    let mut out = Vec::new();
    if is_postgres(url) {
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(url.parse::<PgConnectOptions>()?)
            .await?;
        let mut tx = pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *tx)
            .await?;
        read_tables!(tx, out);
        tx.commit().await?;
    } else {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(
                url.parse::<SqliteConnectOptions>()?
                    .create_if_missing(false),
            )
            .await?;
        let mut tx = pool.begin().await?;
        read_tables!(tx, out);
        tx.commit().await?;
    }
    Ok(out)
}

/// Builds `INSERT INTO table (columns) VALUES ($1, …)` for one row.
fn insert_sql(table: &str, columns: &[(&'static str, Kind)], postgres: bool) -> String {
    let columns = names(columns);
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let overriding = if postgres && columns.contains(&"id") {
        " OVERRIDING SYSTEM VALUE"
    } else {
        ""
    };
    format!(
        "INSERT INTO {table} ({}){overriding} VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    )
}

macro_rules! bind_all {
    ($query:expr, $row:expr) => {{
        let mut q = $query;
        for v in $row {
            q = match v {
                Value::Null(Int) => q.bind(None::<i64>),
                Value::Null(Real) => q.bind(None::<f64>),
                Value::Null(Text) => q.bind(None::<String>),
                Value::Null(Bytes) => q.bind(None::<Vec<u8>>),
                Value::Int(i) => q.bind(*i),
                Value::Real(f) => q.bind(*f),
                Value::Text(t) => q.bind(t.clone()),
                Value::Bytes(b) => q.bind(b.clone()),
            };
        }
        q
    }};
}

/// Copies every table of `from` into `to` (migrated first). `to` must hold no data unless `force`,
/// which empties it first. Returns the rows copied per table.
pub async fn copy(from: &str, to: &str, force: bool) -> Result<Counts, StoreError> {
    if !is_postgres(from) {
        let path = from
            .parse::<SqliteConnectOptions>()?
            .get_filename()
            .to_path_buf();
        if !path.exists() {
            return Err(StoreError::Copy(CopyRefusal::NoSource(redacted(from))));
        }
    }
    let known: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
    for name in table_names(from).await? {
        if !known.contains(&name.as_str()) {
            return Err(StoreError::Copy(CopyRefusal::UnknownTable(name)));
        }
    }
    // Opening the target runs its migrations.
    drop(connect_with(to, &crate::DbOptions::default()).await?);
    let data = read_all(from).await?;
    let postgres = is_postgres(to);
    let mut counts = Counts::new();
    macro_rules! write_into {
        ($tx:expr) => {{
            let mut held = 0i64;
            for (table, _) in TABLES {
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(&mut *$tx)
                    .await?;
                held += n;
            }
            if held > 0 && !force {
                return Err(StoreError::Copy(CopyRefusal::TargetHasData(redacted(to))));
            }
            for (table, _) in TABLES.iter().rev() {
                sqlx::query(&format!("DELETE FROM {table}"))
                    .execute(&mut *$tx)
                    .await?;
            }
            for ((table, columns), rows) in TABLES.iter().zip(&data) {
                let sql = insert_sql(table, columns, postgres);
                for row in rows {
                    bind_all!(sqlx::query(&sql), row).execute(&mut *$tx).await?;
                }
                counts.insert(table.to_string(), rows.len());
            }
        }};
    }
    if postgres {
        let mut conn = sqlx::PgConnection::connect(to).await?;
        let mut tx = conn.begin().await?;
        write_into!(tx);
        // New rows continue after the copied ids.
        let with_ids = TABLES
            .iter()
            .filter(|(_, columns)| columns.iter().any(|(c, _)| *c == "id"));
        for (table, _) in with_ids {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    } else {
        let mut conn = sqlx::SqliteConnection::connect_with(
            &to.parse::<SqliteConnectOptions>()?.foreign_keys(true),
        )
        .await?;
        let mut tx = conn.begin().await?;
        write_into!(tx);
        tx.commit().await?;
    }
    Ok(counts)
}

/// Rows per table of a database (for tests and for the command's summary).
pub async fn counts(url: &str) -> Result<Counts, StoreError> {
    let mut out = Counts::new();
    for name in table_names(url).await? {
        let sql = format!("SELECT COUNT(*) FROM {name}");
        let n: i64 = if is_postgres(url) {
            let mut conn = sqlx::PgConnection::connect(url).await?;
            sqlx::query_scalar(&sql).fetch_one(&mut conn).await?
        } else {
            let mut conn = sqlx::SqliteConnection::connect_with(
                &url.parse::<SqliteConnectOptions>()?
                    .create_if_missing(false),
            )
            .await?;
            sqlx::query_scalar(&sql).fetch_one(&mut conn).await?
        };
        out.insert(name, n as usize);
    }
    Ok(out)
}
