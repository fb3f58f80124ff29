//! The audit log of a workspace, for its owners: newest first, filtered by actor and by kind of
//! action, a page at a time, and as CSV (neutralised against formulas like every CSV isomm writes).

use crate::base::AppState;
use crate::base::access::Caller;
use crate::base::audit::action_name;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Query;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::header::CONTENT_TYPE;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_core::answers::csv_cell_out;
use isomm_core::zone::Zone;
use isomm_store::accounts::AuditFilter;
use isomm_store::accounts::AuditRow;
use serde::Deserialize;

/// Lines per page of the audit log, and the most one CSV download holds.
const PAGE: u32 = 100;

const CSV_ROWS: u32 = 100_000;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    actor: Option<String>,
    action: Option<String>,
    before: Option<i64>,
}

impl AuditQuery {
    fn filter(&self, limit: u32) -> AuditFilter {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| v.chars().take(isomm_core::limits::MAX_TEXT_CHARS).collect())
        };
        AuditFilter {
            actor: given(&self.actor),
            action_prefix: given(&self.action),
            before: self.before,
            limit,
        }
    }
}

pub struct AuditLine {
    /// When, in the workspace's time zone (`2026-12-06 23:05 JST`).
    pub at: String,
    /// The actor as people read it (name and e-mail, or respondent and position), when the line
    /// has it.
    pub actor_name: String,
    /// The same moment for machines: UTC and the zone's time, each with its offset.
    pub at_utc: String,
    pub at_local: String,
    pub actor: String,
    pub client: String,
    /// The action's code (what the filter and the CSV use) and its name in words.
    pub action: String,
    pub action_name: String,
    pub subject: String,
    pub old_value: String,
    pub new_value: String,
}

impl AuditLine {
    fn new(r: &AuditRow, lang: isomm_core::Lang, zone: &Zone) -> AuditLine {
        AuditLine {
            at: zone.time(r.at),
            actor_name: actor_in_words(&r.entry, lang),
            at_utc: utc_zone().rfc3339(r.at),
            at_local: zone.rfc3339(r.at),
            actor: r.entry.actor.clone(),
            client: r.entry.client.clone(),
            action: r.entry.action.clone(),
            action_name: action_name(lang, &r.entry.action),
            subject: r.entry.subject.clone(),
            old_value: r.entry.old_value.clone().unwrap_or_default(),
            new_value: r.entry.new_value.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ctx: Ctx,
    lines: Vec<AuditLine>,
    actor: String,
    action: String,
    /// The query of the next (older) page, when there is one.
    older: Option<String>,
    /// The query of the CSV download (the same filters).
    csv: String,
    /// The actions to filter by: (code or prefix, name in words).
    actions: Vec<(String, String)>,
    /// Where this log is: `/audit` (a workspace's) or `/admin/audit` (the instance's).
    base: &'static str,
    /// The instance-wide log (logins, accounts), for the admin.
    instance: bool,
    /// Which time zone its times are in, in words.
    zone_note: String,
}

fn query_of(actor: &str, action: &str, before: Option<i64>) -> String {
    // All but the unreserved characters of RFC 3986 (letters, digits, `-_.~`).
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, KEEP).to_string();
    let mut q = format!("actor={}&action={}", enc(actor), enc(action));
    if let Some(b) = before {
        q.push_str(&format!("&before={b}"));
    }
    q
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>> {
    page_of(&state, ctx, Some(caller.workspace_id()?), q).await
}

/// The instance-wide log, for the admin: logins, failed logins, accounts, password changes.
pub async fn instance_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>> {
    page_of(&state, ctx, None, q).await
}

/// A page of the log of a workspace (`Some`) or of the instance (`None`).
async fn page_of(
    state: &AppState,
    ctx: Ctx,
    scope: Option<i64>,
    q: AuditQuery,
) -> Result<Html<String>> {
    // Every download made until now is in what is read.
    state.journal.flush().await;
    let zone = crate::base::zone::of(state, scope).await?;
    let rows = state.store.audit_log(scope, &q.filter(PAGE + 1)).await?;
    let more = rows.len() > PAGE as usize;
    let lines: Vec<AuditLine> = rows
        .iter()
        .take(PAGE as usize)
        .map(|r| AuditLine::new(r, ctx.lang, &zone))
        .collect();
    let filter = q.filter(PAGE);
    let (actor, action) = (
        filter.actor.unwrap_or_default(),
        filter.action_prefix.unwrap_or_default(),
    );
    let older = more
        .then(|| rows.get(PAGE as usize - 1).map(|r| r.id))
        .flatten()
        .map(|id| query_of(&actor, &action, Some(id)));
    let page = AuditPage {
        zone_note: crate::base::words::say(ctx.lang, "audit-zone", &[("zone", zone.name())]),
        actions: crate::base::audit::action_choices(ctx.lang),
        csv: query_of(&actor, &action, None),
        ctx,
        lines,
        actor,
        action,
        older,
        base: if scope.is_some() {
            "/audit"
        } else {
            "/admin/audit"
        },
        instance: scope.is_none(),
    };
    Ok(Html(page.render()?))
}

pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    client: crate::base::ClientAddr,
    Query(q): Query<AuditQuery>,
) -> Result<Response> {
    csv_of(&state, &caller, &client, Some(caller.workspace_id()?), q).await
}

/// The instance-wide log as CSV, for the admin.
pub async fn instance_csv(
    State(state): State<AppState>,
    caller: Caller,
    client: crate::base::ClientAddr,
    Query(q): Query<AuditQuery>,
) -> Result<Response> {
    csv_of(&state, &caller, &client, None, q).await
}

async fn csv_of(
    state: &AppState,
    caller: &Caller,
    client: &crate::base::ClientAddr,
    scope: Option<i64>,
    q: AuditQuery,
) -> Result<Response> {
    state.journal.flush().await;
    let zone = crate::base::zone::of(state, scope).await?;
    let rows = state.store.audit_log(scope, &q.filter(CSV_ROWS)).await?;
    // The download itself is a line of the log (after the lines it holds).
    state
        .store
        .audit(&isomm_store::accounts::AuditEntry {
            workspace: scope,
            ..caller.audit(client, "export.audit", "audit_log")
        })
        .await?;
    // Written on a job thread: up to 100,000 rows are not work for the async workers.
    let out = state.renders.run(move || audit_csv(&rows, &zone)).await??;
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"isomm-audit-log.csv\""),
            ),
        ],
        out,
    )
        .into_response())
}

/// The log as CSV for Excel (a BOM, every cell quoted, CRLF): times in UTC and in the workspace's
/// zone, each with its offset (`2026-12-06T14:05:00+00:00`, `2026-12-06T23:05:00+09:00`), actions
/// as codes, every cell neutralised against formulas like every CSV isomm writes.
fn audit_csv(rows: &[AuditRow], zone: &Zone) -> Result<Vec<u8>> {
    // The header (names only, unquoted); every cell below quoted. The zone's time is last, so
    // the columns a script read before stay where they were.
    let mut out =
        "\u{feff}time_utc,actor,client,action,subject,old_value,new_value,time_local,actor_name\r\n"
        .as_bytes()
        .to_vec();
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    let failed = |e: csv::Error| AppError::Output(std::io::Error::other(e));
    for row in rows {
        let line = AuditLine::new(row, isomm_core::Lang::En, zone);
        let cells = [
            &line.at_utc,
            &line.actor,
            &line.client,
            &line.action,
            &line.subject,
            &line.old_value,
            &line.new_value,
            &line.at_local,
            // As kept (a position by its code): the CSV is the same in every language.
            row.entry.actor_name.as_deref().unwrap_or_default(),
        ];
        writer
            .write_record(cells.iter().map(|c| csv_cell_out(c).into_owned()))
            .map_err(failed)?;
    }
    writer.flush().map_err(AppError::Output)?;
    drop(writer);
    Ok(out)
}

/// The actor's name as the line keeps it, with a respondent's position (kept as its code, so the
/// CSV is the same in every language) in the reader's words: `鈴木 (staff)` reads `鈴木 (担当者)`.
fn actor_in_words(e: &isomm_store::accounts::AuditEntry, lang: isomm_core::Lang) -> String {
    let name = e.actor_name.clone().unwrap_or_default();
    if !e.actor.starts_with("link:") {
        return name;
    }
    name.strip_suffix(')')
        .and_then(|n| n.rsplit_once(" ("))
        .and_then(|(who, code)| {
            let position = isomm_core::answers::Position::parse(code)?;
            Some(format!("{who} ({})", position.name(lang)))
        })
        .unwrap_or(name)
}

/// UTC, for the CSV's first column.
fn utc_zone() -> &'static Zone {
    static UTC: std::sync::OnceLock<Zone> = std::sync::OnceLock::new();
    UTC.get_or_init(|| Zone::parse("UTC").unwrap_or_default())
}

impl AuditPage {
    /// The action filter holds one of the choices (a code or prefix typed in the address may not).
    fn knows_action(&self) -> bool {
        self.actions.iter().any(|(code, _)| *code == self.action)
    }
}
