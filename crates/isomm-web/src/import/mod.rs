//! Importing an answers file (CSV, TOML, JSON or XLSX) as a new assessment, or as the next round
//! of an assessment (`POST /assessments/{id}/next-round/import`, which closes it); a bad file is
//! shown with its place.

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::Result;
use crate::base::forms;
use crate::base::forms::Upload;
use crate::base::forms::read_upload;
use crate::base::prelude::*;
use axum::extract::State;
use axum::response::Html;
use axum::response::Response;
use isomm_core::Assessment;
use isomm_core::answers;
use isomm_core::answers::AnswersFormat;
use isomm_core::answers::Overrides;
use view::*;

mod view;

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>> {
    page(ImportPage::new(&state.catalog, ctx))
}

/// Creates an assessment from an uploaded answers file; a bad file is shown with its place.
pub async fn import(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: axum::http::HeaderMap,
    Upload(multipart): Upload,
) -> Result<Response> {
    let (form, file) = read_upload(&headers, multipart).await?;
    let catalog = state.catalog.clone();
    let mut page = ImportPage::new(&catalog, ctx);
    page.organization = form.text("organization");
    page.title = form.text("title");
    page.date = form.text("date");
    page.current_pattern = form.text("current_pattern");
    page.target_pattern = form.text("target_pattern");
    page.target_level = form.text("target_level");
    let w = page.ctx.w;
    let lang = page.ctx.lang;
    // The assessment fields of the form apply to CSV only: the others carry their own.
    let csv = if page.current_pattern.is_empty() || page.target_pattern.is_empty() {
        Err(w.err_pattern)
    } else {
        let given = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        Ok(Overrides {
            organization: given(&page.organization),
            title: given(&page.title),
            date: given(&page.date),
            current_pattern: given(&page.current_pattern),
            target_pattern: given(&page.target_pattern),
            target_level: page.target_level.parse().ok(),
            areas: Vec::new(),
        })
    };
    let parsed = read_file(&state, lang, w, file, csv).await?;
    match parsed {
        Ok(assessment) => {
            let workspace = caller.workspace.map(|(w, _)| w);
            let id = state.store.import(workspace, &catalog, &assessment).await?;
            state.summaries.refresh(id);
            let fields = isomm_store::AssessmentFields::of(&catalog, &assessment, workspace);
            let line = isomm_store::accounts::AuditEntry {
                new_value: Some(format!(
                    "{} respondents:{}",
                    crate::base::audit::describe_fields(&catalog, &fields),
                    assessment.respondents.len()
                )),
                ..caller.audit(&client, "assessment.import", format!("assessment:{id}"))
            };
            state.store.audit(&line).await?;
            Ok(see_other(format!("/assessments/{id}")))
        }
        Err(lines) => {
            page.error = lines;
            unprocessable(page)
        }
    }
}

/// An uploaded answers file read into an assessment, off the async workers, or every problem
/// with its place. `csv`: the assessment fields a CSV file takes (it has none of its own), or why
/// it cannot be read without them.
async fn read_file(
    state: &AppState,
    lang: isomm_core::Lang,
    w: &'static crate::base::words::Words,
    file: Option<(String, Vec<u8>)>,
    csv: std::result::Result<Overrides, &'static str>,
) -> Result<std::result::Result<Assessment, Vec<String>>> {
    let catalog = state.catalog.clone();
    let parsed: std::result::Result<Assessment, Vec<String>> = match file {
        Some((name, bytes)) if !name.is_empty() || !bytes.is_empty() => {
            match (AnswersFormat::from_extension(&name), csv) {
                (None, _) => Err(vec![format!("{name}: {}", w.err_file_type)]),
                (Some(AnswersFormat::Csv), Err(why)) => Err(vec![format!("{name}: {why}")]),
                (Some(format), _)
                    if format != AnswersFormat::Xlsx && std::str::from_utf8(&bytes).is_err() =>
                {
                    Err(vec![format!("{name}: {}", w.err_file_utf8)])
                }
                (Some(format), csv) => {
                    let overrides = match (format, csv) {
                        (AnswersFormat::Csv, Ok(o)) => o,
                        _ => Overrides::default(),
                    };
                    let limits = state.limits;
                    state
                        .heavy
                        .run(move || {
                            answers::parse_bytes_within(
                                &bytes, format, &catalog, &overrides, &limits,
                            )
                        })
                        .await?
                        .map_err(|e| e.lines(lang, Some(&name)))
                }
            }
        }
        _ => Err(vec![w.err_no_file.to_string()]),
    };
    // What the new-assessment form refuses, an import refuses too, with the form's messages (an
    // assessment without an organisation could not even be opened from the list).
    Ok(parsed.and_then(|assessment| {
        let fields = isomm_store::AssessmentFields::of(&state.catalog, &assessment, None);
        match forms::AssessmentInput::from_fields(&state.catalog, &fields).check(&state.catalog, w)
        {
            Ok(_) => Ok(assessment),
            Err(errors) => Err(errors
                .0
                .iter()
                .map(|(field, message)| format!("{}: {message}", field_label(w, field)))
                .collect()),
        }
    }))
}

/// An answers file as the next round of assessment `id` (assessors; the form's own box confirms
/// that `id` is closed, see [`crate::base::confirm`]): `id` is closed with its result, and the
/// file's assessment becomes the next round of its series, in its workspace. A CSV file takes
/// `id`'s organisation, patterns, target level and areas, and the form's title. A bad file is
/// shown on `id`'s page with its place; nothing is written.
pub async fn next_round(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    headers: axum::http::HeaderMap,
    Upload(multipart): Upload,
) -> Result<Response> {
    let (form, file) = read_upload(&headers, multipart).await?;
    let stored = crate::views::load(&state, id).await?;
    let f = &stored.fields;
    let title = Some(form.text("title")).filter(|t| !t.is_empty());
    let csv = Ok(Overrides {
        organization: Some(f.organization.clone()),
        title: title.or_else(|| Some(f.title.clone())),
        date: None,
        current_pattern: Some(f.current_pattern.clone()),
        target_pattern: Some(f.target_pattern.clone()),
        target_level: Some(i64::from(f.target_level)),
        areas: f
            .areas
            .iter()
            .map(|(r, a)| (r.clone(), a.as_str().to_string()))
            .collect(),
    });
    let assessment = match read_file(&state, ctx.lang, ctx.w, file, csv).await? {
        Ok(assessment) => assessment,
        Err(lines) => {
            let mut page = crate::views::assessment_page(&state, ctx, &stored).await?;
            page.round.import_error = lines;
            return unprocessable(page);
        }
    };
    let close = crate::base::rounds::closing(&state, &stored).await?;
    let new = match state
        .store
        .import_next_round(id, &state.catalog, &assessment, &close)
        .await?
    {
        isomm_store::NextRound::Started { id, .. } => id,
        isomm_store::NextRound::NoAssessment => return Err(crate::base::error::AppError::NotFound),
        isomm_store::NextRound::AlreadyClosed => {
            return Err(crate::base::error::AppError::RoundClosed);
        }
    };
    state.summaries.refresh(id);
    state.summaries.refresh(new);
    let fields = isomm_store::AssessmentFields::of(&state.catalog, &assessment, f.workspace);
    let lines = crate::base::rounds::start_lines(
        &caller,
        &client,
        id,
        new,
        &close,
        "file",
        format!(
            "{} respondents:{}",
            crate::base::audit::describe_fields(&state.catalog, &fields),
            assessment.respondents.len()
        ),
    );
    state.store.audit_many(&lines).await?;
    Ok(see_other(format!("/assessments/{new}")))
}

/// The label of an assessment form's field, for a message about it outside the form.
fn field_label(w: &'static crate::base::words::Words, field: &str) -> &'static str {
    match field {
        "organization" => w.organization,
        "title" => w.title,
        "date" => w.date,
        "current_pattern" => w.current_pattern,
        "target_pattern" => w.target_pattern,
        "target_level" => w.target_level,
        _ => w.area,
    }
}
