//! Rounds: the next round of an assessment, started from it (`POST /assessments/{id}/next-round`),
//! a closed round opened again by an owner (`POST /assessments/{id}/reopen-round`), and two rounds
//! of a workspace compared (`GET /assessments/{later}/compare/{earlier}` and its downloads): a
//! closed round as it kept its result, an open one as its results page counts it now, each page
//! and file rendered once per both rounds' revisions and kept in the results' cache (304 when the
//! browser has it). A series' page lists its rounds with the trend chart (`GET /series/{id}`, and
//! its CSV).
//! The round it starts from is closed in the same transaction, keeping the result it closed with;
//! the next round gets its fields and its people, each with a new private link, shown once with
//! the message to send ([`crate::views::links`]).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use isomm_core::limits::MAX_TEXT_CHARS;
use isomm_store::{Counting, NextRound};

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::cache::{Bytes, Key, Kind, Rendered};
use crate::base::ctx::Ctx;
use crate::base::download::{FileName, download};
use crate::base::error::{AppError, Result};
use crate::base::forms::{FormData, Posted};
use crate::base::links::make_link;
use crate::base::prelude::*;
use crate::base::rounds::record;
use crate::views::links::{NewLink, links_page};
use crate::views::{assessment_page, load};
use askama::Template;
use axum::response::Html;
use isomm_core::compare::{Comparison, Threshold};
use isomm_report::comparison::compared;
use isomm_report::comparison::{ComparisonBody, ComparisonDocument, ComparisonView};
use isomm_report::numbers::shown;
use isomm_report::read::RoundRecord;
use isomm_report::trend::{Trend, TrendChart, TrendDocument};

/// What the form asks of the next round, checked: its title and date, and whether the target
/// pattern of this round becomes the next one's current pattern.
struct NextInput {
    title: String,
    date: Option<String>,
    carry_target: bool,
}

impl NextInput {
    fn from_form(form: &FormData, ctx: &Ctx) -> std::result::Result<NextInput, String> {
        let title = form.text("title");
        if title.is_empty() || title.chars().count() > MAX_TEXT_CHARS {
            return Err(crate::base::words::say(
                ctx.lang,
                "round-title-invalid",
                &[("max", &MAX_TEXT_CHARS.to_string())],
            ));
        }
        let date = Some(form.text("date")).filter(|d| !d.is_empty());
        if date
            .as_deref()
            .is_some_and(|d| !isomm_core::answers::valid_date(d))
        {
            return Err(ctx.w.round_date_invalid.to_string());
        }
        Ok(NextInput {
            title,
            date,
            carry_target: form.get("carry_target") == Some("yes"),
        })
    }
}

pub async fn next_round(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    // `previous`: each person's own counted answers become drafts (前回値) to confirm; `blank`:
    // nothing carried. The form always sends one.
    let drafts = match form.get("start") {
        Some("previous") => true,
        Some("blank") => false,
        _ => return Err(AppError::BadRequest),
    };
    let stored = load(&state, id).await?;
    let input = match NextInput::from_form(&form, &ctx) {
        Ok(input) => input,
        Err(message) => {
            // The assessment's page again, the form as typed with what to change.
            let mut page = assessment_page(&state, ctx, &stored).await?;
            page.round.next_title = form.text("title");
            page.round.error = Some(message);
            return unprocessable(page);
        }
    };
    let mut next = stored.fields.clone();
    next.title = input.title;
    next.date = input.date;
    next.deadline = None;
    if input.carry_target {
        next.current_pattern = next.target_pattern.clone();
    }
    let close = crate::base::rounds::closing(&state, &stored).await?;
    let (new, respondents) = match state
        .store
        .start_next_round(id, &next, &close, drafts)
        .await?
    {
        NextRound::Started { id, respondents } => (id, respondents),
        NextRound::NoAssessment => return Err(AppError::NotFound),
        NextRound::AlreadyClosed => return Err(AppError::RoundClosed),
    };
    state.summaries.refresh(id);
    state.summaries.refresh(new);
    let lines = crate::base::rounds::start_lines(
        &caller,
        &client,
        id,
        new,
        &close,
        if drafts { "previous" } else { "blank" },
        crate::base::audit::describe_fields(&state.catalog, &next),
    );
    state.store.audit_many(&lines).await?;
    // Every person of the round it starts from, with a new private link, shown once.
    let round = state
        .store
        .assessment(new)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut links = Vec::with_capacity(respondents.len());
    for r in round
        .respondents
        .iter()
        .filter(|r| respondents.contains(&r.id))
    {
        let token = make_link(&state, new, r.id)
            .await?
            .ok_or(AppError::NotFound)?;
        // Only a person whose sheet the earlier round counted has drafts.
        let has_drafts = drafts && !state.store.drafts(new, r.id).await?.is_empty();
        links.push(NewLink {
            respondent: r.id,
            name: r.name.clone(),
            position: r.position,
            token,
            drafts: has_drafts,
        });
    }
    if links.is_empty() {
        return Ok(see_other(format!("/assessments/{new}")));
    }
    let heading = ctx.w.round_links_heading.to_string();
    links_page(&state, ctx, &caller, new, heading, links).await
}

/// Opens a closed round again (owners; confirmed): the result it kept is discarded and its pages
/// are scored afresh. An open round is left as it is.
pub async fn reopen(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    if state.store.reopen_round(id).await? {
        state.summaries.refresh(id);
        let line = caller.audit(&client, "round.reopen", format!("assessment:{id}"));
        state.store.audit(&line).await?;
    }
    Ok(see_other(format!("/assessments/{id}")))
}

/// `?threshold=` as typed, when it is one C3 takes.
#[derive(serde::Deserialize, Default)]
pub struct CompareQuery {
    #[serde(default)]
    threshold: Option<String>,
}

/// The query's threshold when C3 takes it, else the default and the problem to say under the
/// field.
fn threshold_of(query: &CompareQuery, ctx: &Ctx) -> (Threshold, Option<String>) {
    let typed = query.threshold.as_deref().map(str::trim).unwrap_or("");
    match Threshold::parse(typed) {
        Some(t) => (t, None),
        None if typed.is_empty() => (Threshold::default(), None),
        None => (
            Threshold::default(),
            Some(ctx.w.compare_threshold_invalid.to_string()),
        ),
    }
}

/// The cache key of a comparison of the path's two rounds (`{id}` later, `{earlier}`), with both
/// revisions as the access check read them: a new answer in either, closing or reopening one,
/// names another entry and another entity tag.
fn compare_key(
    caller: &Caller,
    later: i64,
    lang: isomm_core::Lang,
    file: &'static str,
    threshold: Threshold,
) -> Result<Key> {
    Ok(Key {
        assessment: later,
        revision: caller.revision.ok_or(AppError::NotFound)?,
        lang,
        kind: Kind::Comparison(file, threshold.tenths()),
        // Each round as its results page counts it (a closed one as it kept its result).
        counting: Counting::Submitted,
        audience: caller.audience(),
        previous: Some(caller.compared.ok_or(AppError::NotFound)?),
    })
}

/// The comparison `key` names, from the cache when it was rendered before, else the two rounds
/// read (a closed one as it kept its result), compared at `threshold` and rendered by `render` on
/// `jobs`, off the async workers, and kept. The revisions of the key were read before the rounds,
/// so an entry is never older than its key.
async fn rendered(
    state: &AppState,
    key: Key,
    threshold: Threshold,
    jobs: &crate::base::jobs::Jobs,
    render: impl FnOnce(
        &isomm_core::Catalog,
        &RoundRecord,
        &RoundRecord,
        &Comparison,
        isomm_core::Lang,
    ) -> Result<Rendered>
    + Send
    + 'static,
) -> Result<Bytes> {
    if let Some(hit) = state.cache.get(&key) {
        return Ok(hit);
    }
    let (earlier, _) = key.previous.ok_or(AppError::NotFound)?;
    let (e, l) = (
        record(state, earlier).await?,
        record(state, key.assessment).await?,
    );
    let c = compared(&e, &l, threshold).map_err(|_| AppError::Incomparable)?;
    let (catalog, lang) = (state.catalog.clone(), key.lang);
    let made = jobs
        .run(move || render(&catalog, &e, &l, &c, lang))
        .await??;
    Ok(state.cache.put(key, made))
}

/// The body of the comparison's page (`isomm_report`'s own template and view model), titled
/// with the organisation.
fn render_page(
    catalog: &isomm_core::Catalog,
    e: &RoundRecord,
    l: &RoundRecord,
    c: &Comparison,
    lang: isomm_core::Lang,
) -> Result<Rendered> {
    let view = ComparisonView::new(catalog, e, l, c, lang);
    Ok(Rendered {
        bytes: ComparisonBody::new(&view).render()?.into_bytes().into(),
        title: view.organization,
    })
}

#[derive(askama::Template)]
#[template(path = "compare.html")]
pub struct ComparePage {
    ctx: Ctx,
    later: i64,
    earlier: i64,
    heading: String,
    organization: String,
    later_title: String,
    /// The comparison's body (`isomm_report`'s own template and view model).
    body: String,
    threshold: String,
    threshold_error: Option<String>,
    /// `?threshold=…` for the downloads, when one was given.
    query: String,
    /// The other rounds of the series before this one, which it may be compared with: id and
    /// title.
    others: Vec<(i64, String)>,
    /// The two rounds are one, or the "earlier" comes after the later in the series: said above
    /// the comparison (an address typed by hand; the pages link only the right way).
    order_warning: Option<&'static str>,
}

pub async fn compare_page(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    headers: HeaderMap,
    AssessmentId(later): AssessmentId,
    Query(query): Query<CompareQuery>,
) -> Result<Response> {
    let (threshold, problem) = threshold_of(&query, &ctx);
    let (earlier, _) = caller.compared.ok_or(AppError::NotFound)?;
    let key = compare_key(&caller, later, ctx.lang, "page", threshold)?;
    let series = state
        .store
        .round_state(later)
        .await?
        .ok_or(AppError::NotFound)?
        .series;
    let rounds = state.store.series_rounds(series).await?;
    // The series' order (by date, then id): only rounds before this one are offered.
    let at = |id: i64| rounds.iter().position(|r| r.id == id);
    let order_warning = match (at(earlier), at(later)) {
        _ if earlier == later => Some(ctx.w.compare_same_round),
        (Some(e), Some(l)) if e > l => Some(ctx.w.compare_reversed),
        _ => None,
    };
    let before = at(later).unwrap_or(rounds.len());
    let later_title = rounds
        .iter()
        .find(|r| r.id == later)
        .map(|r| r.title.clone())
        .unwrap_or_default();
    let others: Vec<(i64, String)> = rounds
        .into_iter()
        .take(before)
        .filter(|r| r.id != earlier)
        .map(|r| {
            (
                r.id,
                if r.title.is_empty() {
                    r.date.unwrap_or_default()
                } else {
                    r.title
                },
            )
        })
        .collect();
    let shown_threshold = shown(threshold.value());
    let links = if query.threshold.is_some() && problem.is_none() {
        format!("?threshold={shown_threshold}")
    } else {
        String::new()
    };
    // Around the cached body, the page carries this browser's token, the other rounds and the
    // threshold as typed: its tag does too.
    let tag = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (
            ctx.csrf(),
            &later_title,
            &others,
            &problem,
            &links,
            order_warning,
        )
            .hash(&mut hasher);
        let own = key.etag(state.cache.model);
        format!("{}-{:x}\"", own.trim_end_matches('"'), hasher.finish())
    };
    if not_modified(&headers, &tag) {
        return Ok(with_validators(
            StatusCode::NOT_MODIFIED.into_response(),
            &tag,
        ));
    }
    let hit = rendered(&state, key, threshold, &state.renders, render_page).await?;
    let view = ComparePage {
        heading: isomm_report::comparison::view::compare_ui(ctx.lang)
            .heading
            .to_string(),
        organization: hit.title.clone(),
        later_title,
        body: String::from_utf8_lossy(&hit.bytes).into_owned(),
        query: links,
        threshold: shown_threshold,
        threshold_error: problem,
        later,
        earlier,
        others,
        order_warning,
        ctx,
    };
    Ok(with_validators(Html(view.render()?).into_response(), &tag))
}

/// A comparison as a file: the same document `isomm compare` writes for the same two results
/// (JSON, CSV), or the comparison laid out (HTML, PDF, XLSX); titled with the later round's
/// organisation and title, which the file is named after.
fn render_file(
    catalog: &isomm_core::Catalog,
    e: &RoundRecord,
    l: &RoundRecord,
    c: &Comparison,
    lang: isomm_core::Lang,
    extension: &str,
) -> Result<Rendered> {
    let mut out = Vec::new();
    let view = || ComparisonView::new(catalog, e, l, c, lang);
    let doc = ComparisonDocument::new(e, l, c);
    match extension {
        "json" => isomm_report::comparison::write_json(&mut out, &doc),
        "csv" => isomm_report::comparison::write_csv(&mut out, &doc),
        "html" => isomm_report::comparison::write_html(&mut out, &view()),
        "pdf" => isomm_report::pdf::write_comparison_pdf(&mut out, &view()),
        _ => isomm_report::xlsx::comparison::write_comparison_xlsx(&mut out, &view(), lang),
    }
    .map_err(AppError::Output)?;
    Ok(Rendered {
        bytes: out.into(),
        title: format!("{} {}", l.info.organization, l.info.title),
    })
}

/// A download of the comparison (`comparison.json|csv|html|pdf|xlsx`): the same document
/// `isomm compare` writes for the same two results; 304 when the browser has it, else from the
/// cache or rendered once.
pub async fn compare_download(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    headers: HeaderMap,
    AssessmentId(later): AssessmentId,
    Path(file): Path<ComparisonFile>,
    Query(query): Query<CompareQuery>,
) -> Result<Response> {
    let (extension, content_type) = match file.file.as_str() {
        "comparison.json" => ("json", "application/json"),
        "comparison.csv" => ("csv", "text/csv; charset=utf-8"),
        "comparison.html" => ("html", "text/html; charset=utf-8"),
        "comparison.pdf" => ("pdf", "application/pdf"),
        "comparison.xlsx" => (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return Err(AppError::NotFound),
    };
    let (threshold, _) = threshold_of(&query, &ctx);
    // The documents are the same in every language.
    let lang = match extension {
        "json" | "csv" => isomm_core::Lang::Ja,
        _ => ctx.lang,
    };
    let key = compare_key(&caller, later, lang, extension, threshold)?;
    let tag = key.etag(state.cache.model);
    if not_modified(&headers, &tag) {
        return Ok(with_validators(
            StatusCode::NOT_MODIFIED.into_response(),
            &tag,
        ));
    }
    let jobs = if matches!(extension, "pdf" | "xlsx") {
        &state.heavy
    } else {
        &state.renders
    };
    let render = move |catalog: &isomm_core::Catalog,
                       e: &RoundRecord,
                       l: &RoundRecord,
                       c: &Comparison,
                       lang| render_file(catalog, e, l, c, lang, extension);
    let hit = rendered(&state, key, threshold, jobs, render).await?;
    let name = FileName::new(
        &[&hit.title, ctx.w.compare_file],
        format!("isomm-comparison-{later}"),
        extension,
    );
    Ok(with_validators(
        download(hit.bytes.clone(), content_type, &name),
        &tag,
    ))
}

/// The file of a comparison's download, from the path.
#[derive(serde::Deserialize)]
pub struct ComparisonFile {
    file: String,
}

/// The series in the path (`/series/{id}`).
#[derive(serde::Deserialize)]
pub struct SeriesInPath {
    id: i64,
}

/// One round on the series' page.
pub struct SeriesRow {
    pub id: i64,
    pub date: String,
    pub title: String,
    pub respondents: usize,
    pub overall: String,
    /// Against the row before, signed and shown (empty on the first row).
    pub change: String,
    pub closed: bool,
}

#[derive(askama::Template)]
#[template(path = "series.html")]
pub struct SeriesPage {
    ctx: Ctx,
    id: i64,
    organization: String,
    rows: Vec<SeriesRow>,
    /// The trend chart (from two rounds on), as SVG.
    chart: String,
}

/// The rounds of a series and their records, in the series' order.
async fn series_records(
    state: &AppState,
    series: i64,
) -> Result<Vec<(isomm_store::SeriesRound, RoundRecord)>> {
    let mut out = Vec::new();
    for round in state.store.series_rounds(series).await? {
        let record = record(state, round.id).await?;
        out.push((round, record));
    }
    Ok(out)
}

/// The trend document of the rounds, when they are at least two and of one model.
fn trend_of(rounds: &[(isomm_store::SeriesRound, RoundRecord)]) -> Option<Trend> {
    Trend::new(
        rounds
            .iter()
            .map(|(r, record)| (r.id.to_string(), record.clone()))
            .collect(),
    )
    .ok()
}

pub async fn series_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(SeriesInPath { id }): Path<SeriesInPath>,
) -> Result<Html<String>> {
    let rounds = series_records(&state, id).await?;
    let mut rows = Vec::with_capacity(rounds.len());
    let mut before: Option<f64> = None;
    for (round, record) in &rounds {
        let overall = record.round.overall;
        rows.push(SeriesRow {
            id: round.id,
            date: round.date.clone().unwrap_or_default(),
            title: round.title.clone(),
            respondents: record.info.respondents,
            overall: isomm_report::numbers::one_decimal(overall),
            change: match (before, overall) {
                (Some(b), Some(o)) => isomm_report::comparison::view::signed(Some(o - b)),
                _ => String::new(),
            },
            closed: round.closed_at.is_some(),
        });
        if overall.is_some() {
            before = overall;
        }
    }
    let chart = match trend_of(&rounds) {
        Some(trend) => {
            let doc = TrendDocument::new(&trend);
            TrendChart::new(&doc, &state.catalog, ctx.lang).render()?
        }
        None => String::new(),
    };
    let organization = rounds
        .last()
        .map(|(_, r)| r.info.organization.clone())
        .unwrap_or_default();
    page(SeriesPage {
        ctx,
        id,
        organization,
        rows,
        chart,
    })
}

/// The series as the trend's CSV (`isomm-trend/1`, one row per round).
pub async fn series_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(SeriesInPath { id }): Path<SeriesInPath>,
) -> Result<Response> {
    let rounds = series_records(&state, id).await?;
    let organization = rounds
        .last()
        .map(|(_, r)| r.info.organization.clone())
        .unwrap_or_default();
    let trend = match (trend_of(&rounds), rounds.first()) {
        (Some(trend), _) => trend,
        // One round so far: its row alone.
        (None, Some((r, record))) if rounds.len() == 1 => {
            Trend::single((r.id.to_string(), record.clone()))
        }
        _ => return Err(AppError::Incomparable),
    };
    let mut out = Vec::new();
    isomm_report::trend::write_csv(&mut out, &TrendDocument::new(&trend))
        .map_err(AppError::Output)?;
    let name = FileName::new(
        &[&organization, ctx.w.rounds_file],
        format!("isomm-series-{id}"),
        "csv",
    );
    Ok(download(out.into(), "text/csv; charset=utf-8", &name))
}
