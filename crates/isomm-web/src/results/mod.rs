//! Results of an assessment: the results page and every download (JSON, CSV, HTML, PDF, XLSX, the
//! answers CSV), each rendered once per revision, language, counting and reader ([`render`]; a
//! closed round's from the result it kept), and the combined results respondents may see
//! ([`shared`]).

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::cache::Key;
use crate::base::cache::Kind;
use crate::base::cache::Rendered;
use crate::base::ctx::Ctx;
use crate::base::download::{FileName, XLSX, download};
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Query;
use crate::base::prelude::*;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::header::CONTENT_TYPE;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_core::Assessment;
use isomm_core::Catalog;
use isomm_core::Lang;
use isomm_report::Format;
use isomm_report::ReportOptions;
use isomm_report::sheet::write_answers_csv;
use isomm_report::write_json;
use isomm_report::write_scored;
use isomm_store::Counting;
use isomm_store::StoredAssessment;
use render::*;
use view::*;

mod render;
pub mod shared;
mod view;

fn render_results(
    catalog: &Catalog,
    stored: &StoredAssessment,
    assessment: &Assessment,
    reading: Reading,
) -> Result<Rendered> {
    let body = ResultsBody::build(catalog, stored, assessment, reading)?.render()?;
    Ok(Rendered {
        bytes: body.into_bytes().into(),
        title: stored.fields.organization.clone(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    // The page carries this browser's token: its tag does too.
    let mark: String = ctx.csrf().chars().rev().take(8).collect();
    let model = state.cache.model;
    let etag = move |key: &Key| format!("{}-{mark}\"", key.etag(model).trim_end_matches('"'));
    // The round it was started from: "since the last round", and a link to their comparison.
    let (since, series) = crate::base::rounds::placed(&state, id).await?;
    let wanted = Wanted {
        id,
        revision: caller.revision,
        lang: ctx.lang,
        kind: Kind::ResultsPage,
        counting: sheets.counting(),
        audience: caller.audience(),
        previous: since,
    };
    let (tag, hit) = match cached(&state, &headers, wanted, render_results, etag).await? {
        Ok(found) => found,
        Err(not_modified) => return Ok(not_modified),
    };
    let previous = since.map(|(earlier, _)| earlier);
    let html = ResultsPage {
        ctx,
        id,
        previous,
        series,
        organization: hit.title.clone(),
        body: String::from_utf8_lossy(&hit.bytes).into_owned(),
    }
    .render()?;
    Ok(with_validators(Html(html).into_response(), &tag))
}

fn render_json(
    catalog: &Catalog,
    stored: &StoredAssessment,
    assessment: &Assessment,
    reading: Reading,
) -> Result<Rendered> {
    let out = match &reading.kept {
        // A closed round's is the document it kept, as its reader may read it.
        Some(kept) => isomm_report::read::document_for(&kept.document, reading.audience)
            .map_err(|problem| {
                AppError::Job(format!(
                    "the stored result of {} cannot be read: {problem:?}",
                    stored.id
                ))
            })?
            .into_owned()
            .into_bytes(),
        None => {
            let mut out = Vec::new();
            write_json(
                &mut out,
                catalog,
                assessment,
                &*reading.evaluation(catalog, assessment)?,
                stored.fields.plan,
            )
            .map_err(AppError::Output)?;
            out
        }
    };
    // Named like the other downloads (`FileName`).
    Ok(Rendered {
        bytes: out.into(),
        title: format!("{} {}", stored.fields.organization, stored.fields.title),
    })
}

pub async fn json(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    // The result document is the same in every language.
    let wanted = Wanted {
        id,
        revision: caller.revision,
        lang: Lang::Ja,
        kind: Kind::Report(Format::Json.as_str()),
        counting: sheets.counting(),
        audience: caller.audience(),
        // The result document is the same whatever came before (the comparison has its own).
        previous: None,
    };
    let (tag, hit) = match cached(&state, &headers, wanted, render_json as Render, |k| {
        k.etag(state.cache.model)
    })
    .await?
    {
        Ok(found) => found,
        Err(not_modified) => return Ok(not_modified),
    };
    // It names every respondent with their levels: an export like every other download.
    audit_export(
        &state,
        &caller,
        &client,
        "export.json",
        id,
        sheets.counting(),
    )
    .await?;
    // Named like the other downloads, shown inline rather than saved (programs read it too).
    let name = FileName::new(
        &[&hit.title, ctx.w.file_result],
        format!("isomm-result-{id}"),
        "json",
    );
    let response = (
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (CONTENT_DISPOSITION, name.inline()),
        ],
        hit.bytes.clone(),
    )
        .into_response();
    Ok(with_validators(response, &tag))
}

/// The audit line of a download that carries answers (an answer of 304 sends nothing and is not
/// one): which assessment, which sheets it counted.
async fn audit_export(
    state: &AppState,
    caller: &Caller,
    client: &ClientAddr,
    action: &str,
    id: i64,
    counting: Counting,
) -> Result<()> {
    state
        .journal
        .write(isomm_store::accounts::AuditEntry {
            new_value: Some(match counting {
                Counting::All => "sheets:all".into(),
                Counting::Submitted => "sheets:submitted".into(),
            }),
            ..caller.audit(client, action, format!("assessment:{id}"))
        })
        .await
}

/// What a report download asks for.
struct Download {
    format: Format,
    lang: Lang,
    counting: Counting,
}

/// A report of the assessment in one of the formats people send, as a download (an export: in the
/// audit log).
async fn report_file(
    state: &AppState,
    headers: &HeaderMap,
    id: i64,
    caller: &Caller,
    client: &ClientAddr,
    download_of: Download,
) -> Result<Response> {
    let Download {
        format,
        lang,
        counting,
    } = download_of;
    let revision = caller.revision;
    let render = move |catalog: &Catalog, s: &StoredAssessment, a: &Assessment, r: Reading| {
        let mut out = Vec::new();
        let options = ReportOptions {
            lang: r.lang,
            plan: s.fields.plan,
            audience: r.audience,
        };
        // A closed round's numbers as it kept them, else made now.
        let evaluation = r.evaluation(catalog, a)?;
        // With the round it was started from: "since the last round" (when the two compare).
        let comparable = r.previous.as_deref().filter(|p| {
            let now = isomm_report::read::RoundRecord::of(catalog, a, &evaluation, s.fields.plan);
            isomm_core::compare::fits(catalog, &p.round).is_ok()
                && isomm_core::compare::compare(&p.round, &now.round, Default::default()).is_ok()
        });
        let since = comparable.map(|previous| (previous, Default::default()));
        write_scored(
            &mut out,
            format,
            catalog,
            a,
            &evaluation,
            options,
            since,
            &r.items,
        )
        .map_err(AppError::Output)?;
        // The organisation and title, which the downloaded file is named after (`FileName`).
        Ok(Rendered {
            bytes: out.into(),
            title: format!("{} {}", s.fields.organization, s.fields.title),
        })
    };
    let previous = if format == Format::Json {
        None
    } else {
        crate::base::rounds::previous(state, id).await?
    };
    let wanted = Wanted {
        id,
        revision,
        lang,
        kind: Kind::Report(format.as_str()),
        counting,
        audience: caller.audience(),
        previous,
    };
    let (tag, hit) = match cached(state, headers, wanted, render, |k| {
        k.etag(state.cache.model)
    })
    .await?
    {
        Ok(found) => found,
        Err(not_modified) => return Ok(not_modified),
    };
    // A file that leaves isomm is an export: audited (an answer of 304 sends nothing).
    let action = format!("export.{}", format.as_str());
    audit_export(state, caller, client, &action, id, counting).await?;
    let w = crate::base::words::words(lang);
    let (content_type, name, what) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "roles", w.file_roles),
        Format::Html => ("text/html; charset=utf-8", "report", w.file_report),
        Format::Pdf => ("application/pdf", "report", w.file_report),
        Format::Xlsx => (XLSX, "report", w.file_report),
        Format::Svg => ("image/svg+xml", "radar", w.file_radar),
        Format::Json => ("application/json", "result", w.file_result),
    };
    let response = download(
        hit.bytes.clone(),
        content_type,
        &FileName::new(
            &[&hit.title, what],
            format!("isomm-{name}-{id}"),
            format.as_str(),
        ),
    );
    Ok(with_validators(response, &tag))
}

pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Csv,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, id, &caller, &client, download).await
}

pub async fn html(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Html,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, id, &caller, &client, download).await
}

pub async fn pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Pdf,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, id, &caller, &client, download).await
}

pub async fn xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Xlsx,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, id, &caller, &client, download).await
}

fn render_answers_csv(
    catalog: &Catalog,
    stored: &StoredAssessment,
    assessment: &Assessment,
    reading: Reading,
) -> Result<Rendered> {
    // The route lets assessors only; this holds even if a route's rule were wrong.
    if !reading.audience.reads_answers() {
        return Err(AppError::Forbidden);
    }
    let mut out = Vec::new();
    write_answers_csv(&mut out, catalog, assessment).map_err(AppError::Output)?;
    // The organisation and title, which the downloaded file is named after (`FileName`).
    Ok(Rendered {
        bytes: out.into(),
        title: format!("{} {}", stored.fields.organization, stored.fields.title),
    })
}

/// Every respondent's answers as the CSV form of an answers file (with a BOM for Excel).
pub async fn answers_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    // Every sheet's answers, submitted or not.
    let wanted = Wanted {
        id,
        revision: caller.revision,
        lang: Lang::Ja,
        kind: Kind::AnswersCsv,
        counting: Counting::All,
        audience: caller.audience(),
        previous: None,
    };
    let (tag, hit) = match cached(
        &state,
        &headers,
        wanted,
        render_answers_csv as Render,
        |k| k.etag(state.cache.model),
    )
    .await?
    {
        Ok(found) => found,
        Err(not_modified) => return Ok(not_modified),
    };
    state
        .journal
        .write(caller.audit(&client, "export.answers", format!("assessment:{id}")))
        .await?;
    let response = download(
        hit.bytes.clone(),
        "text/csv; charset=utf-8",
        &FileName::new(
            &[&hit.title, ctx.w.file_answers],
            format!("isomm-answers-{id}"),
            "csv",
        ),
    );
    Ok(with_validators(response, &tag))
}
