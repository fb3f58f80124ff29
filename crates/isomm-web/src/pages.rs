//! The handlers: one function per route, each parsing its input, calling the store and the core,
//! and rendering a template (or redirecting after a POST).

use askama::Template;
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION, SET_COOKIE,
    VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Assessment, Audience, Catalog, Lang, evaluate};
use isomm_report::sheet::{
    SheetOptions, SheetReturn, UploadPage, write_answers_csv, write_xlsx_template,
};
use isomm_report::{Format, ReportOptions, write_json, write_report};
use isomm_store::{Added, Counting, Edit, Saved, StoredAssessment};
use serde::Deserialize;

use crate::AppState;
use crate::ClientAddr;
use crate::access::Caller;
use crate::cache::{Bytes, Key, Kind, Rendered};
use crate::ctx::{Ctx, LANG_COOKIE, safe_next};
use crate::error::{AppError, Result};
use crate::forms::{
    self, AssessmentInput, Errors, FormData, Posted, Query, Upload, parse_answer, parse_respondent,
};
use crate::links::{self, SheetPlace};
use crate::views::*;
use isomm_store::Revision;

fn page(t: impl Template) -> Result<Html<String>> {
    Ok(Html(t.render()?))
}

/// A page shown again with its errors: 422.
fn unprocessable(t: impl Template) -> Result<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(t.render()?)).into_response())
}

pub(crate) fn see_other(to: String) -> Response {
    Redirect::to(&to).into_response()
}

/// An id from the path; anything that is not one is an unknown page.
fn id(raw: &str) -> Result<i64> {
    raw.parse::<i64>().map_err(|_| AppError::NotFound)
}

async fn load(state: &AppState, id: i64) -> Result<(StoredAssessment, Assessment)> {
    let stored = state
        .store
        .assessment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let assessment = stored.to_assessment(&state.catalog)?;
    Ok((stored, assessment))
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Assessments per page of the list.
const HOME_PAGE: u32 = 50;

#[derive(Deserialize)]
pub struct HomeQuery {
    before: Option<i64>,
}

pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<HomeQuery>,
) -> Result<Html<String>> {
    let lang = ctx.lang;
    let total = state.catalog.roles().len() as i64;
    // The current workspace's assessments, when the caller is a member of it at this request
    // (the access rule checked); none otherwise (an admin who belongs to none, a removed member).
    let workspace = caller.workspace.map(|(w, _)| w);
    let page_rows = match workspace {
        Some(w) => {
            state
                .store
                .list_assessments(Some(w), q.before, HOME_PAGE)
                .await?
        }
        None => isomm_store::AssessmentPage::default(),
    };
    let mut rows = Vec::with_capacity(page_rows.rows.len());
    for s in page_rows.rows {
        if !s.overall_current {
            state.summaries.refresh(s.id);
        }
        let possible = s.respondents * total;
        rows.push(HomeRow {
            id: s.id,
            organization: s.organization,
            title: s.title,
            date: s.date.unwrap_or_default(),
            current: pattern_name(&state.catalog, &s.current_pattern, lang),
            target: pattern_name(&state.catalog, &s.target_pattern, lang),
            respondents: s.respondents,
            completion: if possible > 0 {
                format!("{}%", s.answered * 100 / possible)
            } else {
                "—".into()
            },
            overall: isomm_report::view::one_decimal(s.overall),
            updating: !s.overall_current && s.respondents > 0,
        });
    }
    let workspaces = match &caller.session {
        Some(session) => state
            .store
            .memberships(session.user.id)
            .await?
            .into_iter()
            .map(|(w, _)| (w.id, w.name, Some(w.id) == workspace))
            .collect(),
        None => Vec::new(),
    };
    page(HomePage {
        ctx,
        rows,
        older: page_rows.next_before,
        paged: q.before.is_some(),
        workspaces,
    })
}

pub async fn catalog(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>> {
    page(CatalogPage::new(&state.catalog, ctx))
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn set_lang(Path(code): Path<String>, Query(q): Query<Next>) -> Result<Response> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let location = HeaderValue::from_str(&safe_next(q.next.as_deref()))
        .unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(LOCATION, location);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, v);
    }
    Ok(response)
}

pub async fn new_assessment(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>> {
    let input = AssessmentInput::blank(&state.catalog);
    page(AssessmentFormPage::new(
        &state.catalog,
        ctx,
        None,
        input,
        Errors::default(),
    ))
}

pub async fn create_assessment(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    ctx.check_csrf(form.get("csrf"))?;
    let input = AssessmentInput::from_form(&state.catalog, &form);
    match input.check(&state.catalog, ctx.w) {
        Ok(mut fields) => {
            fields.workspace = caller.workspace.map(|(w, _)| w);
            let id = state
                .store
                .create_assessment(state.catalog.model(), &fields)
                .await?;
            state.summaries.refresh(id);
            let line = isomm_store::accounts::AuditEntry {
                new_value: Some(crate::audit::describe_fields(&state.catalog, &fields)),
                ..caller.audit(&client, "assessment.create", format!("assessment:{id}"))
            };
            state.store.audit(&line).await?;
            Ok(see_other(format!("/assessments/{id}")))
        }
        Err(errors) => unprocessable(AssessmentFormPage::new(
            &state.catalog,
            ctx,
            None,
            input,
            errors,
        )),
    }
}

pub async fn show_assessment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> Result<Html<String>> {
    let (stored, _) = load(&state, id(&raw)?).await?;
    page(assessment_page(&state, ctx, &stored).await?)
}

/// The assessment's page: its overall maturity from the submitted sheets (as results show by
/// default), each sheet's state, and whether respondents see the combined results.
async fn assessment_page(
    state: &AppState,
    ctx: Ctx,
    stored: &StoredAssessment,
) -> Result<AssessmentPage> {
    let counted = stored.counting(&state.catalog, Counting::Submitted)?;
    let overall = evaluate(&state.catalog, &counted).overall;
    let states = state.store.sheet_states(stored.id).await?;
    let shared = state.store.share_results(stored.id).await?.unwrap_or(false);
    Ok(AssessmentPage::new(&state.catalog, ctx, stored, overall)
        .with_sheets(&states)
        .with_sharing(shared))
}

pub async fn edit_assessment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> Result<Html<String>> {
    let (stored, _) = load(&state, id(&raw)?).await?;
    let input = AssessmentInput::from_fields(&state.catalog, &stored.fields);
    page(AssessmentFormPage::new(
        &state.catalog,
        ctx,
        Some(stored.id),
        input,
        Errors::default(),
    ))
}

pub async fn update_assessment(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(raw): Path<String>,
    Posted(form): Posted,
) -> Result<Response> {
    let id = id(&raw)?;
    let form = FormData::new(form);
    ctx.check_csrf(form.get("csrf"))?;
    let input = AssessmentInput::from_form(&state.catalog, &form);
    match input.check(&state.catalog, ctx.w) {
        Ok(mut fields) => {
            let old = state
                .store
                .assessment(id)
                .await?
                .ok_or(AppError::NotFound)?
                .fields;
            fields.workspace = old.workspace;
            if !state.store.update_assessment(id, &fields).await? {
                return Err(AppError::NotFound);
            }
            state.summaries.refresh(id);
            let line = isomm_store::accounts::AuditEntry {
                old_value: Some(crate::audit::describe_fields(&state.catalog, &old)),
                new_value: Some(crate::audit::describe_fields(&state.catalog, &fields)),
                ..caller.audit(&client, "assessment.edit", format!("assessment:{id}"))
            };
            state.store.audit(&line).await?;
            Ok(see_other(format!("/assessments/{id}")))
        }
        Err(errors) => {
            state
                .store
                .assessment(id)
                .await?
                .ok_or(AppError::NotFound)?;
            unprocessable(AssessmentFormPage::new(
                &state.catalog,
                ctx,
                Some(id),
                input,
                errors,
            ))
        }
    }
}

pub async fn delete_assessment(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(raw): Path<String>,
    Posted(form): Posted,
) -> Result<Response> {
    let id = id(&raw)?;
    ctx.check_csrf(FormData::new(form).get("csrf"))?;
    let old = state
        .store
        .assessment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state.store.delete_assessment(id).await? {
        return Err(AppError::NotFound);
    }
    let line = isomm_store::accounts::AuditEntry {
        old_value: Some(format!(
            "{} respondents:{}",
            crate::audit::describe_fields(&state.catalog, &old.fields),
            old.respondents.len()
        )),
        ..caller.audit(&client, "assessment.delete", format!("assessment:{id}"))
    };
    state.store.audit(&line).await?;
    Ok(see_other("/".into()))
}

pub async fn add_respondent(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: crate::ClientAddr,
    Path(raw): Path<String>,
    Posted(form): Posted,
) -> Result<Response> {
    let id = id(&raw)?;
    let form = FormData::new(form);
    ctx.check_csrf(form.get("csrf"))?;
    let errors = match parse_respondent(&form, ctx.w) {
        Ok((name, position)) => match state
            .store
            .add_respondent(id, &name, position, &state.limits)
            .await?
        {
            Added::Respondent(rid) => {
                state.summaries.refresh(id);
                let line = isomm_store::accounts::AuditEntry {
                    new_value: Some(format!("{name} ({})", position.as_str())),
                    ..caller.audit(
                        &client,
                        "respondent.add",
                        format!("assessment:{id} respondent:{rid}"),
                    )
                };
                state.store.audit(&line).await?;
                // The respondent's private link, shown this once.
                let token = crate::links::make_link(&state, id, rid)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let place = crate::links::SheetPlace {
                    assessment: id,
                    respondent: rid,
                    base: String::new(),
                    by_link: false,
                    submitted: false,
                    shared: false,
                };
                state
                    .store
                    .audit(&crate::links::entry(&caller, &client, &place, "link.issue"))
                    .await?;
                return crate::links::show_link(&state, ctx, id, rid, &token).await;
            }
            Added::NoAssessment => return Err(AppError::NotFound),
            Added::NameTaken => {
                let mut e = Errors::default();
                e.add("name", ctx.w.err_name_taken);
                e
            }
            Added::Full => {
                let mut e = Errors::default();
                e.add("name", ctx.w.err_full);
                e
            }
        },
        Err(e) => e,
    };
    let (stored, _) = load(&state, id).await?;
    let mut page = assessment_page(&state, ctx, &stored).await?;
    page.new_name = form.text("name");
    page.new_position = form.text("position");
    page.errors = errors;
    unprocessable(page)
}

pub async fn remove_respondent(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path((raw, rid)): Path<(String, String)>,
    Posted(form): Posted,
) -> Result<Response> {
    let (id, rid) = (id(&raw)?, id(&rid)?);
    ctx.check_csrf(FormData::new(form).get("csrf"))?;
    let old = state
        .store
        .with_respondent(id, rid)
        .await?
        .and_then(|a| a.respondents.into_iter().next())
        .ok_or(AppError::NotFound)?;
    if !state.store.remove_respondent(id, rid).await? {
        return Err(AppError::NotFound);
    }
    state.summaries.refresh(id);
    let line = isomm_store::accounts::AuditEntry {
        old_value: Some(format!(
            "{} ({}) answered:{}",
            old.name,
            old.position.as_str(),
            old.answers.values().filter(|a| a.is_answered()).count()
        )),
        ..caller.audit(
            &client,
            "respondent.remove",
            format!("assessment:{id} respondent:{rid}"),
        )
    };
    state.store.audit(&line).await?;
    Ok(see_other(format!("/assessments/{id}")))
}

#[derive(Deserialize)]
pub struct SheetQuery {
    saved: Option<String>,
    submitted: Option<String>,
}

/// The stored assessment with respondent `rid` alone (at index 0), for that respondent's pages.
async fn load_respondent(
    state: &AppState,
    place: &SheetPlace,
) -> Result<(StoredAssessment, Assessment, usize)> {
    let stored = state
        .store
        .with_respondent(place.assessment, place.respondent)
        .await?
        .ok_or(AppError::NotFound)?;
    let assessment = stored.to_assessment(&state.catalog)?;
    Ok((stored, assessment, 0))
}

pub async fn sheet(
    State(state): State<AppState>,
    ctx: Ctx,
    place: SheetPlace,
    Query(q): Query<SheetQuery>,
) -> Result<Html<String>> {
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    let answers = &assessment.respondents[index].answers;
    let mut sheet = SheetPage::new(
        &state.catalog,
        ctx,
        &stored,
        index,
        answers,
        &Errors::default(),
        &place,
    );
    sheet.saved = q.saved.is_some();
    sheet.just_submitted = q.submitted.is_some() && place.submitted;
    page(sheet)
}

/// The whole sheet as one form post (the page without JavaScript): every role in one transaction.
pub async fn save_sheet(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    ctx.check_csrf(form.get("csrf"))?;
    if place.by_link && place.submitted {
        return Err(AppError::Submitted);
    }
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    let mut errors = Errors::default();
    let mut typed = assessment.respondents[index].answers.clone();
    let mut answers = Vec::new();
    for (i, role) in state.catalog.roles().iter().enumerate() {
        match parse_answer(&form, &format!("{}.", role.id), ctx.w) {
            Ok(a) => {
                typed[i] = a.clone();
                answers.push((role.id.clone(), a));
            }
            Err(message) => errors.add(role.id.clone(), message),
        }
    }
    if !errors.is_empty() {
        return unprocessable(SheetPage::new(
            &state.catalog,
            ctx,
            &stored,
            index,
            &typed,
            &errors,
            &place,
        ));
    }
    let respondent = stored.respondents[index].id;
    match state
        .store
        .save_answers(
            stored.id,
            respondent,
            &answers,
            Edit {
                audit: Some(&links::entry(&caller, &client, &place, "answer.save")),
                open_only: place.by_link,
            },
        )
        .await?
    {
        Saved::Answered(_) => {}
        Saved::NotFound => return Err(AppError::NotFound),
        Saved::Submitted => return Err(AppError::Submitted),
        Saved::TextFull => {
            let mut page = SheetPage::new(
                &state.catalog,
                ctx,
                &stored,
                index,
                &typed,
                &Errors::default(),
                &place,
            );
            page.upload_error = vec![page.ctx.w.err_text_full.to_string()];
            return unprocessable(page);
        }
    }
    state.summaries.refresh(stored.id);
    Ok(see_other(format!("{}?saved=1", place.base)))
}

/// One role's answer, saved by the page's script as soon as it changes. Answers JSON.
pub async fn save_answer(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Path(params): Path<std::collections::HashMap<String, String>>,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    ctx.check_csrf(form.get("csrf"))?;
    if place.by_link && place.submitted {
        let body = serde_json::json!({ "ok": false, "error": ctx.w.err_submitted });
        return Ok((StatusCode::CONFLICT, Json(body)).into_response());
    }
    let (id, rid) = (place.assessment, place.respondent);
    let role = params.get("role").cloned().unwrap_or_default();
    if state.catalog.role_index(&role).is_none() {
        return Err(AppError::NotFound);
    }
    let answer = match parse_answer(&form, "", ctx.w) {
        Ok(answer) => answer,
        Err(message) => {
            let body = serde_json::json!({ "ok": false, "error": message });
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
        }
    };
    let audit = links::entry(&caller, &client, &place, "answer.save");
    match state
        .store
        .save_answers(
            id,
            rid,
            &[(role, answer)],
            Edit {
                audit: Some(&audit),
                open_only: place.by_link,
            },
        )
        .await?
    {
        Saved::Submitted => {
            let body = serde_json::json!({ "ok": false, "error": ctx.w.err_submitted });
            Ok((StatusCode::CONFLICT, Json(body)).into_response())
        }
        Saved::Answered(answered) => {
            state.summaries.refresh(id);
            Ok(Json(serde_json::json!({ "ok": true, "answered": answered })).into_response())
        }
        Saved::NotFound => Err(AppError::NotFound),
        Saved::TextFull => {
            let body = serde_json::json!({ "ok": false, "error": ctx.w.err_text_full });
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
        }
    }
}

/// Does the request's `If-None-Match` name this entity tag?
pub(crate) fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
}

/// What a request for a result names: the assessment, its revision when the access check read it,
/// the language, the kind of result and the sheets it counts.
struct Wanted {
    id: i64,
    revision: Option<Revision>,
    lang: Lang,
    kind: Kind,
    counting: Counting,
    /// Who reads it ([`Caller::audience`]): the assessment reaches the renderer redacted for them.
    audience: Audience,
}

/// How a result is rendered: its language, the sheets it counts and who reads it.
#[derive(Clone, Copy)]
pub(crate) struct Reading {
    pub lang: Lang,
    pub counting: Counting,
    pub audience: Audience,
}

/// Renders a result from the stored assessment and the assessment of the respondents it counts
/// (already redacted for the reader).
type Render = fn(&Catalog, &StoredAssessment, &Assessment, Reading) -> Result<Rendered>;

/// A result of the current revision: 304 when the browser has it (`If-None-Match`), from the cache
/// when it was rendered before, else rendered on a job pool and cached. `etag` turns the key into
/// the response's entity tag.
async fn cached(
    state: &AppState,
    headers: &HeaderMap,
    wanted: Wanted,
    render: impl FnOnce(&Catalog, &StoredAssessment, &Assessment, Reading) -> Result<Rendered>
    + Send
    + 'static,
    etag: impl Fn(&Key) -> String,
) -> Result<std::result::Result<(String, Bytes), Response>> {
    let Wanted {
        id,
        revision,
        lang,
        kind,
        counting,
        audience,
    } = wanted;
    let revision = match revision {
        Some(r) => r,
        None => state.store.revision(id).await?.ok_or(AppError::NotFound)?,
    };
    let key = Key {
        assessment: id,
        revision,
        lang,
        kind,
        counting,
        audience,
    };
    if not_modified(headers, &etag(&key)) {
        return Ok(Err(with_validators(
            StatusCode::NOT_MODIFIED.into_response(),
            &etag(&key),
        )));
    }
    if let Some(hit) = state.cache.get(&key) {
        return Ok(Ok((etag(&key), hit)));
    }
    let stored = state
        .store
        .assessment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = Key {
        revision: stored.revision,
        ..key
    };
    let pool = match kind {
        Kind::Report("pdf" | "xlsx") => &state.heavy,
        _ => &state.renders,
    };
    let catalog = state.catalog.clone();
    let rendered = pool
        .run(move || {
            // The one place a result's reader is applied: every renderer gets what they may read.
            let assessment = audience.redact(stored.counting(&catalog, counting)?);
            let reading = Reading {
                lang,
                counting,
                audience,
            };
            render(&catalog, &stored, &assessment, reading)
        })
        .await??;
    Ok(Ok((etag(&key), state.cache.put(key, rendered))))
}

/// `?sheets=all` on a result: count sheets in progress too (else submitted sheets only).
#[derive(Deserialize, Default)]
pub struct SheetsQuery {
    sheets: Option<String>,
}

impl SheetsQuery {
    fn counting(&self) -> Counting {
        match self.sheets.as_deref() {
            Some("all") => Counting::All,
            _ => Counting::Submitted,
        }
    }
}

/// The headers that let a browser keep a result and ask again cheaply, and shared caches keep
/// nothing.
pub(crate) fn with_validators(mut response: Response, etag: &str) -> Response {
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(etag) {
        headers.insert(ETAG, v);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    headers.insert(VARY, HeaderValue::from_static("Cookie, Accept-Language"));
    response
}

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

pub async fn results(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let id = id(&raw)?;
    // The page carries this browser's token: its tag does too.
    let mark: String = ctx.csrf().chars().rev().take(8).collect();
    let model = state.cache.model;
    let etag = move |key: &Key| format!("{}-{mark}\"", key.etag(model).trim_end_matches('"'));
    let wanted = Wanted {
        id,
        revision: caller.revision,
        lang: ctx.lang,
        kind: Kind::ResultsPage,
        counting: sheets.counting(),
        audience: caller.audience(),
    };
    let (tag, hit) = match cached(&state, &headers, wanted, render_results, etag).await? {
        Ok(found) => found,
        Err(not_modified) => return Ok(not_modified),
    };
    let html = ResultsPage {
        ctx,
        id,
        organization: hit.title.clone(),
        body: String::from_utf8_lossy(&hit.bytes).into_owned(),
    }
    .render()?;
    Ok(with_validators(Html(html).into_response(), &tag))
}

/// The name a downloaded file gets: the one people read (their organisation's name and what the
/// file is, in their language) and a plain ASCII name for the clients that do not read RFC 6266's
/// `filename*`.
struct FileName {
    readable: String,
    ascii: String,
}

/// The longest readable file name, in characters (before the extension).
const FILE_NAME_CHARS: usize = 100;

impl FileName {
    /// `parts` (empty ones left out) joined by spaces, made safe for every file system: the
    /// characters Windows, macOS or Linux refuse or give a meaning (`/ \ : * ? " < > |`, control
    /// characters) become spaces, runs of spaces one, no dot or space at either end.
    fn new(parts: &[&str], ascii_stem: String, extension: &str) -> FileName {
        let joined = parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let safe: String = joined
            .chars()
            .map(|c| {
                if isomm_core::limits::unsafe_char(c) || "/\\:*?\"<>|".contains(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let stem: String = safe
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(FILE_NAME_CHARS)
            .collect();
        let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
        let ascii = format!("{ascii_stem}.{extension}");
        FileName {
            readable: if stem.is_empty() {
                ascii.clone()
            } else {
                format!("{stem}.{extension}")
            },
            ascii,
        }
    }

    /// `attachment; filename="ASCII"; filename*=UTF-8''READABLE` (RFC 6266, RFC 8187).
    fn disposition(&self) -> HeaderValue {
        let encoded: String = self
            .readable
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        HeaderValue::from_str(&format!(
            "attachment; filename=\"{}\"; filename*=UTF-8''{encoded}",
            self.ascii
        ))
        .unwrap_or(HeaderValue::from_static("attachment"))
    }
}

/// A download of the result: its bytes, type and file name.
fn download(bytes: axum::body::Bytes, content_type: &'static str, name: &FileName) -> Response {
    let disposition = name.disposition();
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

fn render_json(
    catalog: &Catalog,
    _: &StoredAssessment,
    assessment: &Assessment,
    _: Reading,
) -> Result<Rendered> {
    let mut out = Vec::new();
    write_json(
        &mut out,
        catalog,
        assessment,
        &evaluate(catalog, assessment),
    )
    .map_err(AppError::Output)?;
    Ok(Rendered::bytes(out))
}

pub async fn result_json(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let id = id(&raw)?;
    // The result document is the same in every language.
    let wanted = Wanted {
        id,
        revision: caller.revision,
        lang: Lang::Ja,
        kind: Kind::Report(Format::Json.as_str()),
        counting: sheets.counting(),
        audience: caller.audience(),
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
    let response = ([(CONTENT_TYPE, "application/json")], hit.bytes.clone())
        .into_response()
        .with_name(&format!("isomm-result-{id}.json"));
    Ok(with_validators(response, &tag))
}

trait WithName {
    fn with_name(self, name: &str) -> Response;
}

impl WithName for Response {
    /// Suggests a file name without forcing a download (the JSON is also read by programs).
    fn with_name(mut self, name: &str) -> Response {
        if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
            self.headers_mut().insert(CONTENT_DISPOSITION, v);
        }
        self
    }
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
    raw: &str,
    caller: &Caller,
    client: &ClientAddr,
    download_of: Download,
) -> Result<Response> {
    let Download {
        format,
        lang,
        counting,
    } = download_of;
    let id = id(raw)?;
    let revision = caller.revision;
    let render = move |catalog: &Catalog, s: &StoredAssessment, a: &Assessment, r: Reading| {
        let mut out = Vec::new();
        let options = ReportOptions {
            lang: r.lang,
            plan: s.fields.plan,
            audience: r.audience,
        };
        write_report(&mut out, format, catalog, a, options).map_err(AppError::Output)?;
        // The organisation and title, which the downloaded file is named after (`FileName`).
        Ok(Rendered {
            bytes: out.into(),
            title: format!("{} {}", s.fields.organization, s.fields.title),
        })
    };
    let wanted = Wanted {
        id,
        revision,
        lang,
        kind: Kind::Report(format.as_str()),
        counting,
        audience: caller.audience(),
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
    let w = crate::words::words(lang);
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

pub async fn result_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Csv,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, &raw, &caller, &client, download).await
}

pub async fn report_html(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Html,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, &raw, &caller, &client, download).await
}

pub async fn report_pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Pdf,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, &raw, &caller, &client, download).await
}

pub async fn report_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(sheets): Query<SheetsQuery>,
) -> Result<Response> {
    let download = Download {
        format: Format::Xlsx,
        lang: ctx.lang,
        counting: sheets.counting(),
    };
    report_file(&state, &headers, &raw, &caller, &client, download).await
}

pub async fn import_form(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>> {
    page(ImportPage::new(&state.catalog, ctx))
}

/// A broken upload: too large (413), or malformed (400, in isomm's words, never the parser's).
fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequestBody
    }
}

/// The fields and the file of an upload form, refusing what is over the size limit.
async fn read_upload(
    headers: &axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<(FormData, Option<(String, Vec<u8>)>)> {
    let length = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if length.is_some_and(|n| n > crate::BODY_LIMIT) {
        return Err(AppError::TooLarge);
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(multipart_error)?;
            file = Some((file_name, bytes.to_vec()));
        } else {
            if fields.len() >= crate::bounds::UPLOAD_FIELDS {
                return Err(AppError::TooLarge);
            }
            fields.push((name, field.text().await.map_err(multipart_error)?));
        }
    }
    Ok((FormData::new(fields), file))
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
    ctx.check_csrf(form.get("csrf"))?;
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
                    crate::audit::describe_fields(&catalog, &fields),
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
fn field_label(w: &'static crate::words::Words, field: &str) -> &'static str {
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

#[derive(Deserialize)]
pub struct SheetDownload {
    blank: Option<String>,
}

/// A respondent's check sheet as a workbook to fill offline: pre-filled with their answers, or
/// blank (`?blank=1`); either way with the assessment's fields and the respondent's name.
pub async fn respondent_workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Query(q): Query<SheetDownload>,
) -> Result<Response> {
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    let mut line = links::entry(&caller, &client, &place, "export.sheet");
    if place.by_link {
        line.workspace = stored.fields.workspace;
    }
    state.store.audit(&line).await?;
    let r = &assessment.respondents[index];
    let options = SheetOptions {
        organization: Some(stored.fields.organization.clone()),
        title: Some(stored.fields.title.clone()),
        date: stored.fields.date.clone(),
        current_pattern: Some(stored.fields.current_pattern.clone()),
        target_pattern: Some(stored.fields.target_pattern.clone()),
        target_level: Some(stored.fields.target_level),
        respondent: Some(r.name.clone()),
        position: Some(r.position.as_str().to_string()),
        areas: Vec::new(),
        answers: if q.blank.is_some() {
            None
        } else {
            Some(r.answers.clone())
        },
        // Uploaded back on this page; a respondent's private link stays out of the file.
        back: SheetReturn::Page(UploadPage {
            address: (!place.by_link).then(|| format!("{}{}", state.origin, place.base)),
            section: ctx.w.offline_heading.to_string(),
            field: ctx.w.upload_sheet.to_string(),
            button: ctx.w.upload_button.to_string(),
        }),
    };
    let (catalog, lang) = (state.catalog.clone(), ctx.lang);
    let out = state
        .heavy
        .run(move || {
            let mut out = Vec::new();
            write_xlsx_template(&mut out, &catalog, lang, &options).map(|()| out)
        })
        .await?
        .map_err(AppError::Output)?;
    let (kind, what) = if q.blank.is_some() {
        ("blank", ctx.w.file_sheet_blank)
    } else {
        ("filled", ctx.w.file_sheet)
    };
    let name = FileName::new(
        &[
            &stored.fields.organization,
            &stored.respondents[index].name,
            what,
        ],
        format!(
            "isomm-sheet-{}-{}-{kind}",
            stored.id, stored.respondents[index].id
        ),
        "xlsx",
    );
    Ok(download(out.into(), XLSX, &name))
}

/// A filled-in sheet uploaded as a respondent's answers: every role is replaced by the sheet's.
pub async fn upload_sheet(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    headers: axum::http::HeaderMap,
    Upload(multipart): Upload,
) -> Result<Response> {
    let (form, file) = read_upload(&headers, multipart).await?;
    ctx.check_csrf(form.get("csrf"))?;
    if place.by_link && place.submitted {
        return Err(AppError::Submitted);
    }
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    let respondent = &stored.respondents[index];
    let w = ctx.w;
    let parsed = match file {
        Some((name, bytes)) if !bytes.is_empty() => {
            if AnswersFormat::from_extension(&name) != Some(AnswersFormat::Xlsx) {
                Err(vec![format!("{name}: {}", w.err_sheet_type)])
            } else {
                let (catalog, limits) = (state.catalog.clone(), state.limits);
                let sheet = state
                    .heavy
                    .run(move || {
                        answers::parse_bytes_within(
                            &bytes,
                            AnswersFormat::Xlsx,
                            &catalog,
                            &Overrides::default(),
                            &limits,
                        )
                    })
                    .await?;
                match sheet {
                    Err(e) => Err(e.lines(ctx.lang, Some(&name))),
                    Ok(sheet) if sheet.respondents[0].name != respondent.name => {
                        let message = crate::words::say(
                            ctx.lang,
                            "err-sheet-other-respondent",
                            &[
                                ("sheet", &sheet.respondents[0].name),
                                ("page", &respondent.name),
                            ],
                        );
                        Err(vec![format!("{name}: {message}")])
                    }
                    Ok(sheet) => Ok(sheet),
                }
            }
        }
        _ => Err(vec![w.err_no_file.to_string()]),
    };
    let message = match parsed {
        Ok(sheet) => {
            let answers: Vec<(String, isomm_core::Answer)> = state
                .catalog
                .roles()
                .iter()
                .zip(&sheet.respondents[0].answers)
                .map(|(role, a)| (role.id.clone(), a.clone()))
                .collect();
            match state
                .store
                .save_answers(
                    stored.id,
                    respondent.id,
                    &answers,
                    Edit {
                        audit: Some(&links::entry(&caller, &client, &place, "answer.upload")),
                        open_only: place.by_link,
                    },
                )
                .await?
            {
                Saved::Submitted => return Err(AppError::Submitted),
                Saved::Answered(_) => {
                    state.summaries.refresh(stored.id);
                    return Ok(see_other(format!("{}?saved=1", place.base)));
                }
                Saved::NotFound => return Err(AppError::NotFound),
                Saved::TextFull => vec![w.err_text_full.to_string()],
            }
        }
        Err(lines) => lines,
    };
    let answers = &assessment.respondents[index].answers;
    let mut page = SheetPage::new(
        &state.catalog,
        ctx,
        &stored,
        index,
        answers,
        &Errors::default(),
        &place,
    );
    page.upload_error = message;
    unprocessable(page)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
    Path(raw): Path<String>,
) -> Result<Response> {
    let id = id(&raw)?;
    // Every sheet's answers, submitted or not.
    let wanted = Wanted {
        id,
        revision: caller.revision,
        lang: Lang::Ja,
        kind: Kind::AnswersCsv,
        counting: Counting::All,
        audience: caller.audience(),
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

#[cfg(test)]
mod tests {
    use super::FileName;

    /// Names people read, safe on every file system; the ASCII name when nothing is left.
    #[test]
    fn file_names_keep_what_people_read_and_drop_what_file_systems_refuse() {
        for (parts, readable) in [
            (
                &["みなと SOC", "2026年度", "結果"][..],
                "みなと SOC 2026年度 結果.pdf",
            ),
            (&["A/B: C*?", "", "  report "], "A B C report.pdf"),
            (&["..hidden.", "x"], "hidden. x.pdf"),
            (&["tab\there\nnewline"], "tab here newline.pdf"),
            // A direction override would make `fdp.exe` read as `exe.pdf`.
            (
                &["report\u{202E}fdp.exe", "x\u{2066}y"],
                "report fdp.exe x y.pdf",
            ),
            (&["<>|\\\""], "isomm-report-7.pdf"),
            (&[], "isomm-report-7.pdf"),
        ] {
            let name = FileName::new(parts, "isomm-report-7".into(), "pdf");
            assert_eq!(name.readable, readable, "{parts:?}");
            assert_eq!(name.ascii, "isomm-report-7.pdf");
        }
        let long = "長".repeat(300);
        let name = FileName::new(&[long.as_str()], "x".into(), "csv");
        assert_eq!(name.readable.chars().count(), super::FILE_NAME_CHARS + 4);
        let header = name.disposition();
        let header = header.to_str().unwrap();
        assert!(header.starts_with("attachment; filename=\"x.csv\"; filename*=UTF-8''%E9%95%B7"));
        assert!(header.is_ascii());
    }
}
