//! Importing an answers file (CSV, TOML, JSON or XLSX) as a new assessment; a bad file is shown
//! with its place.

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
    let parsed: std::result::Result<Assessment, Vec<String>> = match file {
        Some((name, bytes)) if !name.is_empty() || !bytes.is_empty() => {
            match AnswersFormat::from_extension(&name) {
                None => Err(vec![format!("{name}: {}", w.err_file_type)]),
                Some(AnswersFormat::Csv)
                    if page.current_pattern.is_empty() || page.target_pattern.is_empty() =>
                {
                    Err(vec![format!("{name}: {}", w.err_pattern)])
                }
                Some(format)
                    if format != AnswersFormat::Xlsx && std::str::from_utf8(&bytes).is_err() =>
                {
                    Err(vec![format!("{name}: {}", w.err_file_utf8)])
                }
                Some(format) => {
                    // The assessment fields of the form apply to CSV only: the others carry their own.
                    let overrides = if format == AnswersFormat::Csv {
                        let given = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
                        Overrides {
                            organization: given(&page.organization),
                            title: given(&page.title),
                            date: given(&page.date),
                            current_pattern: given(&page.current_pattern),
                            target_pattern: given(&page.target_pattern),
                            target_level: page.target_level.parse().ok(),
                            areas: Vec::new(),
                        }
                    } else {
                        Overrides::default()
                    };
                    let (catalog, limits) = (catalog.clone(), state.limits);
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
    let parsed = parsed.and_then(|assessment| {
        let fields = isomm_store::AssessmentFields::of(&catalog, &assessment, None);
        match forms::AssessmentInput::from_fields(&catalog, &fields).check(&catalog, w) {
            Ok(_) => Ok(assessment),
            Err(errors) => Err(errors
                .0
                .iter()
                .map(|(field, message)| format!("{}: {message}", field_label(w, field)))
                .collect()),
        }
    });
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
