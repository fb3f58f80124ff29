//! One rendering path for every result: 304 when the browser has it, the cache when it was
//! rendered before, else a job off the async workers, always redacted for the reader first, and a
//! closed round's from the result it kept ([`crate::base::rounds::kept`]), never scored again.

use crate::base::AppState;
use crate::base::cache::Bytes;
use crate::base::cache::Key;
use crate::base::cache::Kind;
use crate::base::cache::Rendered;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::prelude::*;
use crate::base::rounds::Kept;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_core::Assessment;
use isomm_core::Audience;
use isomm_core::Catalog;
use isomm_core::Lang;
use isomm_core::rules::Evaluation;
use isomm_store::Counting;
use isomm_store::Revision;
use isomm_store::StoredAssessment;
use serde::Deserialize;
use std::borrow::Cow;

/// What a request for a result names: the assessment, its revision when the access check read it,
/// the language, the kind of result and the sheets it counts.
pub(crate) struct Wanted {
    pub id: i64,
    pub revision: Option<Revision>,
    pub lang: Lang,
    pub kind: Kind,
    pub counting: Counting,
    /// Who reads it ([`Caller::audience`]): the assessment reaches the renderer redacted for them.
    pub audience: Audience,
    /// The round to show "since the last round" against, and its revision (part of the key).
    pub previous: Option<(i64, Revision)>,
}

/// How a result is rendered: its language, the sheets it counts, who reads it, the earlier
/// round it is compared with (as comparisons read it, [`crate::base::rounds::record`]), and, for
/// a closed round, the result it kept.
#[derive(Clone)]
pub(crate) struct Reading {
    pub lang: Lang,
    pub counting: Counting,
    pub audience: Audience,
    pub previous: Option<std::sync::Arc<isomm_report::read::RoundRecord>>,
    /// A closed round's kept result: every renderer lays out its numbers ([`Reading::evaluation`])
    /// and its `result.json` is that document.
    pub kept: Option<std::sync::Arc<Kept>>,
    /// The assessment's tracked plan items: the reports show each line's owner, due date and
    /// status (every change of an item moves the revision, so the key).
    pub items: std::sync::Arc<Vec<isomm_core::items::Item>>,
}

impl Reading {
    /// The evaluation to lay out for `assessment` (the respondents counted): a closed round's as
    /// it kept it, else made now.
    pub fn evaluation<'a>(
        &'a self,
        catalog: &Catalog,
        assessment: &Assessment,
    ) -> Result<Cow<'a, Evaluation>> {
        crate::base::rounds::scored(self.kept.as_deref(), catalog, assessment)
    }
}

/// Renders a result from the stored assessment and the assessment of the respondents it counts
/// (already redacted for the reader).
pub(crate) type Render = fn(&Catalog, &StoredAssessment, &Assessment, Reading) -> Result<Rendered>;

/// A result of the current revision: 304 when the browser has it (`If-None-Match`), from the cache
/// when it was rendered before, else rendered on a job pool and cached. `etag` turns the key into
/// the response's entity tag.
pub(crate) async fn cached(
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
        previous,
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
        previous,
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
    // Read after the assessment: a round closed meanwhile is rendered as closed under the key of
    // the revision before (never asked for again), never the other way round.
    let kept = if kind.scores() {
        crate::base::rounds::kept(state, id).await?
    } else {
        None
    };
    // A closed round's numbers are of the sheets it counted when it was closed.
    let counting = if kind.scores() {
        crate::base::rounds::counting(kept.as_deref(), counting)
    } else {
        counting
    };
    let pool = match kind {
        Kind::Report("pdf" | "xlsx") => &state.heavy,
        _ => &state.renders,
    };
    let catalog = state.catalog.clone();
    let previous = match previous {
        Some((earlier, _)) => Some(std::sync::Arc::new(
            crate::base::rounds::record(state, earlier).await?,
        )),
        None => None,
    };
    let items = std::sync::Arc::new(
        state
            .store
            .plan_items(id)
            .await?
            .into_iter()
            .map(|p| p.item)
            .collect::<Vec<_>>(),
    );
    let rendered = pool
        .run(move || {
            // The one place a result's reader is applied: every renderer gets what they may read.
            let assessment = audience.redact(stored.counting(&catalog, counting)?);
            let reading = Reading {
                lang,
                counting,
                audience,
                previous,
                kept,
                items,
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
    pub fn counting(&self) -> Counting {
        match self.sheets.as_deref() {
            Some("all") => Counting::All,
            _ => Counting::Submitted,
        }
    }
}
