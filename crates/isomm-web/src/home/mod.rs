//! The home page (the current workspace's assessments, a page at a time) and the language switch.

use crate::base::AppState;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::ctx::LANG_COOKIE;
use crate::base::ctx::safe_next;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Query;
use crate::base::prelude::*;
use crate::views::*;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::http::header::SET_COOKIE;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_core::Lang;
use serde::Deserialize;

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
    let zone = crate::base::zone::of(&state, workspace).await?;
    let now = isomm_store::now();
    let mut rows = Vec::with_capacity(page_rows.rows.len());
    for s in page_rows.rows {
        if !s.overall_current {
            state.summaries.refresh(s.id);
        }
        // Past its deadline with sheets missing.
        let missing = s.respondents - s.submitted;
        let late = s
            .deadline
            .as_deref()
            .and_then(isomm_core::zone::Deadline::parse)
            .filter(|d| missing > 0 && d.passed(&zone, now))
            .map(|_| {
                crate::base::words::say(lang, "home-late", &[("count", &missing.to_string())])
            });
        rows.push(HomeRow {
            id: s.id,
            organization: s.organization,
            title: s.title,
            date: s.date.unwrap_or_default(),
            current: pattern_name(&state.catalog, &s.current_pattern, lang),
            target: pattern_name(&state.catalog, &s.target_pattern, lang),
            respondents: s.respondents,
            // Counted as the overall is: submitted sheets.
            submitted: s.submitted,
            late,
            overall: isomm_report::view::one_decimal(s.overall),
            updating: !s.overall_current && s.respondents > 0,
        });
    }
    // The workspace's plan items past their due date (its open rounds'), on the first page.
    let overdue = match workspace {
        Some(w) if q.before.is_none() => {
            state
                .store
                .overdue_items(Some(w), &zone.today(now), OVERDUE_SHOWN)
                .await?
        }
        _ => Vec::new(),
    };
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
        overdue,
    })
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn set_lang(Path(code): Path<String>, Query(q): Query<Next>) -> Result<Response> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    // A year: the language is a preference, not a secret (scripts may read it).
    let cookie = cookie::Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .same_site(cookie::SameSite::Lax)
        .build()
        .to_string();
    let mut response = StatusCode::SEE_OTHER.into_response();
    let location = HeaderValue::from_str(&safe_next(q.next.as_deref()))
        .unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(LOCATION, location);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, v);
    }
    Ok(response)
}

pub struct HomeRow {
    pub id: i64,
    pub organization: String,
    pub title: String,
    pub date: String,
    pub current: String,
    pub target: String,
    pub respondents: i64,
    /// Sheets submitted: the ones the overall counts.
    pub submitted: i64,
    /// Past the deadline with sheets missing: how many, in words.
    pub late: Option<String>,
    pub overall: String,
    /// Answers changed since `overall` was computed: it is being computed again.
    pub updating: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: Ctx,
    pub rows: Vec<HomeRow>,
    /// `?before=` of the next (older) page, when there is one.
    pub older: Option<i64>,
    /// This is not the first page.
    pub paged: bool,
    /// The person's workspaces (id, name, the current one), to switch between.
    pub workspaces: Vec<(i64, String, bool)>,
    /// Plan items past their due date.
    pub overdue: Vec<isomm_store::items::OverdueItem>,
}

/// At most this many overdue items are listed on the home page.
const OVERDUE_SHOWN: u32 = 20;
