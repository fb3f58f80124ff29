//! The plan's tracked items (issue 25): the plan page (`GET /assessments/{id}/plan`: the plan's
//! groups and lines as the results show them, each with its item; filters by status and owner;
//! overdue items marked in the workspace's day), making items from lines or by hand
//! (`POST …/plan/items`) and changing one (`POST …/plan/items/{key}`, a plain form; a stale one
//! refused), and the `isomm-plan/1` CSV (`GET …/plan.csv`), each item with its level now (the
//! assessment's result as its pages show it: a closed round's as it kept it) and, once the round
//! started from this one has results, whether each done item reached its own target (C5).

use axum::extract::State;
use axum::response::Response;

use crate::base::AppState;
use crate::base::ctx::Ctx;
use crate::base::download::{FileName, download};
use crate::base::error::{AppError, Result};
use crate::base::forms::{WantsJson, read_upload};
use crate::base::prelude::*;
use crate::base::rounds::record;
use crate::views::load;
use askama::Template;
use axum::response::IntoResponse;
use isomm_core::items::{Item, ItemFields, ItemKey, ItemProblem, ItemStatus, RawItem};
use isomm_store::items::{ItemChange, ItemsAdded, ItemsChanged, NewItem};
use view::*;

mod view;

/// The roles of the round started from `id`, once it has results (a sheet counted); `None` before.
async fn later_roles(
    state: &AppState,
    id: i64,
) -> Result<Option<Vec<isomm_core::compare::RoundRole>>> {
    let Some(round) = state.store.round_state(id).await? else {
        return Err(AppError::NotFound);
    };
    let rounds = state.store.series_rounds(round.series).await?;
    let Some(next) = rounds.iter().find(|r| r.started_from == Some(id)) else {
        return Ok(None);
    };
    let later = record(state, next.id).await?;
    Ok((later.info.respondents > 0).then_some(later.round.roles))
}

/// An assessment's items, as every page and file shows them.
async fn items_of(state: &AppState, id: i64) -> Result<Vec<Item>> {
    Ok(state
        .store
        .plan_items(id)
        .await?
        .into_iter()
        .map(|p| p.item)
        .collect())
}

/// What a file of the items holds: the items, the round as its pages count it (the levels now)
/// and the roles of the round after it, once it has results (`verified`).
struct Exported {
    items: Vec<Item>,
    now: isomm_report::read::RoundRecord,
    later: Option<Vec<isomm_core::compare::RoundRole>>,
}

async fn exported(state: &AppState, id: i64) -> Result<Exported> {
    Ok(Exported {
        items: items_of(state, id).await?,
        now: record(state, id).await?,
        later: later_roles(state, id).await?,
    })
}

pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    let Exported { items, now, later } = exported(&state, id).await?;
    let mut out = Vec::new();
    isomm_report::items::write_csv(&mut out, &items, &now.round.roles, later.as_deref())
        .map_err(AppError::Output)?;
    let name = FileName::new(
        &[&now.info.organization, ctx.w.plan_file],
        format!("isomm-plan-{id}"),
        "csv",
    );
    Ok(download(out.into(), "text/csv; charset=utf-8", &name))
}

/// The items as a workbook to edit in Excel: the CSV's columns, status a drop-down, due a date.
pub async fn xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    let Exported { items, now, later } = exported(&state, id).await?;
    let lang = ctx.lang;
    let organization = now.info.organization.clone();
    let out = state
        .heavy
        .run(move || {
            let mut out = Vec::new();
            isomm_report::xlsx::plan::write_plan_xlsx(
                &mut out,
                &items,
                &now.round.roles,
                later.as_deref(),
                lang,
            )
            .map(|()| out)
        })
        .await?
        .map_err(AppError::Output)?;
    let name = FileName::new(
        &[&organization, ctx.w.plan_file],
        format!("isomm-plan-{id}"),
        "xlsx",
    );
    Ok(download(out.into(), crate::base::download::XLSX, &name))
}

/// One line of the plan, as the page and the items made from it need it.
struct Line {
    group: usize,
    rank: usize,
    key: ItemKey,
    role: String,
    name: String,
    goal: String,
    action: &'static str,
    level: f64,
}

/// The plan's lines and its groups' titles, from the result the assessment's pages show (a closed
/// round's as it kept it), scored off the async workers.
async fn plan_lines(
    state: &AppState,
    id: i64,
    lang: isomm_core::Lang,
) -> Result<(Vec<String>, Vec<Line>)> {
    let stored = load(state, id).await?;
    let kept = crate::base::rounds::kept(state, id).await?;
    let catalog = state.catalog.clone();
    state
        .renders
        .run(move || {
            let counting =
                crate::base::rounds::counting(kept.as_deref(), isomm_store::Counting::Submitted);
            let counted = stored.counting(&catalog, counting)?;
            let e = crate::base::rounds::scored(kept.as_deref(), &catalog, &counted)?;
            let plan =
                isomm_report::plan::PlanView::new(&catalog, &counted, &e, stored.fields.plan, lang);
            let mut titles = Vec::new();
            let mut lines = Vec::new();
            for (g, group) in plan.groups.iter().enumerate() {
                titles.push(group.title.clone());
                for l in &group.lines {
                    let point = &e.improvements[l.point];
                    lines.push(Line {
                        group: g,
                        rank: l.rank,
                        key: ItemKey::Role {
                            role: l.id.clone(),
                            side: point.side,
                        },
                        role: l.id.clone(),
                        name: l.name.clone(),
                        goal: l.goal.clone(),
                        action: l.action.as_str(),
                        level: point.level,
                    });
                }
            }
            Ok::<_, AppError>((titles, lines))
        })
        .await?
}

#[derive(serde::Deserialize, Default)]
pub struct PlanQuery {
    status: Option<String>,
    owner: Option<String>,
    /// How many items an uploaded workbook changed (after the upload).
    uploaded: Option<usize>,
}

/// The page, with `problem` said at the top and `errors` on the item of `key` as typed.
async fn plan_page(
    state: &AppState,
    ctx: Ctx,
    id: i64,
    query: &PlanQuery,
    refused: Option<(String, ItemView)>,
    problem: Option<String>,
) -> Result<PlanPage> {
    let stored = load(state, id).await?;
    let zone = crate::base::zone::of(state, stored.fields.workspace).await?;
    let today = zone.today(isomm_store::now());
    let round = state
        .store
        .round_state(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let closed = round.closed_at.is_some();
    // A closed round's page leads to the round started from it, and says of each done item whether
    // it reached its target there, once that round has results (C5).
    let next_round = if closed {
        state
            .store
            .series_rounds(round.series)
            .await?
            .iter()
            .find(|r| r.started_from == Some(id))
            .map(|r| r.id)
    } else {
        None
    };
    let later = match next_round {
        Some(_) => later_roles(state, id).await?,
        None => None,
    };
    // What the round before had done, checked against this round's results once it has some, and
    // what it decided against (with why): neither continues here.
    let mut done_before = Vec::new();
    if let Some(earlier) = round.started_from {
        let ended: Vec<Item> = items_of(state, earlier)
            .await?
            .into_iter()
            .filter(|i| !i.fields.status.is_open())
            .collect();
        if !ended.is_empty() {
            let now = record(state, id).await?;
            for item in &ended {
                let word = match item.fields.status {
                    ItemStatus::Done if now.info.respondents == 0 => ctx.w.plan_verified_waiting,
                    _ => verified_word(ctx.w, item, &now.round.roles),
                };
                done_before.push((ItemView::new(ctx.lang, item, &today), word));
            }
        }
    }
    let (titles, lines) = plan_lines(state, id, ctx.lang).await?;
    let items = items_of(state, id).await?;
    let (status, owner) = (
        query.status.clone().unwrap_or_default(),
        query.owner.clone().unwrap_or_default(),
    );
    let mut refused = refused;
    // An item as stored, or as typed when its change was refused (with its problems).
    let mut view = |item: &Item| {
        let mut v = match refused.take() {
            Some((key, typed)) if key == item.key.to_string() => typed,
            other => {
                refused = other;
                let mut v = ItemView::new(ctx.lang, item, &today);
                if let Some(later) = &later {
                    v.verified = verified_word(ctx.w, item, later);
                }
                v
            }
        };
        v.hidden =
            (!status.is_empty() && v.status != status) || (!owner.is_empty() && v.owner != owner);
        v
    };
    let mut groups: Vec<GroupView> = titles
        .into_iter()
        .map(|title| GroupView {
            title,
            lines: Vec::new(),
        })
        .collect();
    for l in &lines {
        let item = items.iter().find(|i| i.key == l.key);
        groups[l.group].lines.push(LineView {
            rank: l.rank,
            key: l.key.to_string(),
            role: l.role.clone(),
            name: l.name.clone(),
            goal: l.goal.clone(),
            level_now: isomm_report::numbers::shown(l.level),
            item: item.map(&mut view),
        });
    }
    let others: Vec<ItemView> = items
        .iter()
        .filter(|i| !lines.iter().any(|l| l.key == i.key))
        .map(&mut view)
        .collect();
    let mut owners: Vec<String> = items
        .iter()
        .filter_map(|i| i.fields.owner.clone())
        .collect();
    owners.sort();
    owners.dedup();
    // Whom an item may be given to: the workspace's members by name, and the names given so far.
    let mut owner_choices = owners.clone();
    if ctx.assessor()
        && !closed
        && let Some(workspace) = stored.fields.workspace
    {
        owner_choices.extend(
            state
                .store
                .members(workspace)
                .await?
                .into_iter()
                .map(|(u, _)| {
                    if u.name.trim().is_empty() {
                        u.email.to_string()
                    } else {
                        u.name
                    }
                }),
        );
        owner_choices.sort();
        owner_choices.dedup();
    }
    let overdue = items
        .iter()
        .filter(|i| {
            i.fields.status.is_open() && i.fields.due.as_deref().is_some_and(|d| d < today.as_str())
        })
        .count();
    Ok(PlanPage {
        id,
        organization: stored.fields.organization.clone(),
        groups,
        others,
        statuses: ItemStatus::ALL
            .into_iter()
            .map(|s| StatusChoice {
                value: s.as_str(),
                word: s.name(ctx.lang),
            })
            .collect(),
        filter_status: query.status.clone().unwrap_or_default(),
        filter_owner: query.owner.clone().unwrap_or_default(),
        owners,
        owner_choices,
        closed,
        next_round,
        problem,
        overdue,
        done_before,
        uploaded: query.uploaded.map(|n| match n {
            0 => ctx.w.plan_uploaded_none.to_string(),
            n => crate::base::words::say(ctx.lang, "plan-uploaded", &[("count", &n.to_string())]),
        }),
        upload_errors: Vec::new(),
        ctx,
    })
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    AssessmentId(id): AssessmentId,
    Query(query): Query<PlanQuery>,
) -> Result<axum::response::Html<String>> {
    crate::base::http::page(plan_page(&state, ctx, id, &query, None, None).await?)
}

/// Makes items (assessors): the lines ticked (`line`, their keys), every line not tracked yet
/// (`all`), or one added by hand (`title`). Each starts `todo` with the assessment's target level
/// and, from a line, the side's level now.
pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<axum::response::Response> {
    let form = FormData::new(form);
    let stored = load(&state, id).await?;
    let target = stored.fields.target_level;
    let mut items = Vec::new();
    if form.get("custom").is_some() {
        let title = form.text("title");
        let raw = RawItem {
            title: &title,
            status: "todo",
            target_level: &target.to_string(),
            ..RawItem::default()
        };
        match ItemFields::parse(&raw) {
            Ok(fields) => items.push(NewItem {
                key: None,
                rank: None,
                action: "custom".into(),
                title: fields.title,
                target_level: target,
                level_at_start: None,
            }),
            Err(problems) => {
                let problem = problem_text(&ctx, &problems[0].1);
                let page =
                    plan_page(&state, ctx, id, &PlanQuery::default(), None, Some(problem)).await?;
                return unprocessable(page);
            }
        }
    } else {
        let (_, lines) = plan_lines(&state, id, ctx.lang).await?;
        let held: Vec<ItemKey> = items_of(&state, id)
            .await?
            .into_iter()
            .map(|i| i.key)
            .collect();
        let all = form.get("all").is_some();
        let chosen = form.all("line");
        for l in lines.iter().filter(|l| !held.contains(&l.key)) {
            if all || chosen.contains(&l.key.to_string().as_str()) {
                items.push(NewItem {
                    key: Some(l.key.clone()),
                    rank: Some(l.rank as i64),
                    action: l.action.to_string(),
                    title: crate::base::words::say(
                        ctx.lang,
                        "plan-item-named",
                        &[("role", &l.role), ("name", &l.name), ("goal", &l.goal)],
                    )
                    .chars()
                    .take(isomm_core::limits::MAX_TEXT_CHARS)
                    .collect(),
                    target_level: target,
                    level_at_start: Some(l.level),
                });
            }
        }
    }
    let line = caller.audit(&client, "plan.item.add", format!("assessment:{id}"));
    match state.store.add_plan_items(id, &items, &line).await? {
        ItemsAdded::Added(_) => Ok(see_other(format!("/assessments/{id}/plan"))),
        ItemsAdded::NoAssessment => Err(AppError::NotFound),
        ItemsAdded::Taken(_) | ItemsAdded::Full => {
            let problem = ctx.w.plan_not_added.to_string();
            unprocessable(
                plan_page(&state, ctx, id, &PlanQuery::default(), None, Some(problem)).await?,
            )
        }
    }
}

/// A problem of an item's field in the reader's words.
fn problem_text(ctx: &Ctx, problem: &ItemProblem) -> String {
    let w = ctx.w;
    match problem {
        ItemProblem::TitleEmpty => w.plan_err_title.to_string(),
        ItemProblem::TooLong { max } => {
            crate::base::words::say(ctx.lang, "plan-err-too-long", &[("max", &max.to_string())])
        }
        ItemProblem::BadDate => w.plan_err_date.to_string(),
        ItemProblem::BadStatus => w.plan_err_status.to_string(),
        ItemProblem::ReasonRequired => w.plan_err_reason.to_string(),
        ItemProblem::BadTargetLevel => w.plan_err_target.to_string(),
        ItemProblem::BadLink { link } => {
            crate::base::words::say(ctx.lang, "plan-err-link", &[("link", link)])
        }
    }
}

/// Whether a done item reached its own target in `later`'s results, in words ("" for an item that
/// is not verified: not done, or added by hand).
fn verified_word(
    w: &crate::base::words::Words,
    item: &Item,
    later: &[isomm_core::compare::RoundRole],
) -> &'static str {
    match isomm_core::items::verify(
        &item.key,
        item.fields.status,
        item.fields.target_level,
        later,
    ) {
        Some(isomm_core::items::Verified::Achieved) => w.plan_verified_achieved,
        Some(isomm_core::items::Verified::NotAchieved) => w.plan_verified_not_achieved,
        None => "",
    }
}

/// An item's form as it was typed (`text` in the order title, owner, due, status, reason,
/// target level, evidence, note), to be shown again with `updated` as the time it was seen.
fn typed_view(key: &ItemKey, text: &[String], updated: i64) -> ItemView {
    ItemView {
        key: key.to_string(),
        slug: key.to_string(),
        title: text[0].clone(),
        owner: text[1].clone(),
        due: text[2].clone(),
        status: ItemStatus::parse(&text[3]).map_or("todo", |s| s.as_str()),
        status_word: "",
        reason: text[4].clone(),
        target_level: text[5].parse().unwrap_or(1),
        evidence: text[6].clone(),
        links: Vec::new(),
        note: text[7].clone(),
        overdue: false,
        updated,
        verified: "",
        errors: Default::default(),
        hidden: false,
    }
}

#[derive(serde::Deserialize)]
pub struct ItemInPath {
    key: String,
}

/// Changes one item (assessors; a plain form): refused with its problems, or as stale when it
/// changed since the page was opened (`seen`); nothing is written then. The page's script sends
/// the same form asking for JSON (`Accept: application/json`) and gets the item's new `updated`
/// time, or each field's problem (422), or that it is stale (409).
pub async fn change(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(ItemInPath { key }): Path<ItemInPath>,
    WantsJson(json): WantsJson,
    Posted(form): Posted,
) -> Result<axum::response::Response> {
    // The assessment its route's access rule checked (what `AssessmentId` gives).
    let id = caller.assessment.ok_or(AppError::NotFound)?;
    let form = FormData::new(form);
    let key = ItemKey::parse(&key).ok_or(AppError::NotFound)?;
    let text: Vec<String> = [
        "title",
        "owner",
        "due",
        "status",
        "reason",
        "target_level",
        "evidence",
        "note",
    ]
    .iter()
    .map(|f| form.text(f))
    .collect();
    let raw = RawItem {
        title: &text[0],
        owner: &text[1],
        due: &text[2],
        status: &text[3],
        reason: &text[4],
        target_level: &text[5],
        evidence: &text[6],
        note: &text[7],
    };
    let seen = form.get("seen").and_then(|s| s.parse::<i64>().ok());
    let fields = match ItemFields::parse(&raw) {
        Ok(fields) => fields,
        Err(problems) if json => {
            let mut errors = serde_json::Map::new();
            for (field, problem) in &problems {
                errors
                    .entry(field.to_string())
                    .or_insert_with(|| problem_text(&ctx, problem).into());
            }
            return Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(serde_json::json!({ "errors": errors })),
            )
                .into_response());
        }
        Err(problems) => {
            // The item as typed, each problem under its field.
            let mut typed = typed_view(&key, &text, seen.unwrap_or_default());
            for (field, problem) in &problems {
                typed
                    .errors
                    .entry(*field)
                    .or_insert_with(|| problem_text(&ctx, problem));
            }
            let problem = problems.first().map(|(_, p)| problem_text(&ctx, p));
            let page = plan_page(
                &state,
                ctx,
                id,
                &PlanQuery::default(),
                Some((key.to_string(), typed)),
                problem,
            )
            .await?;
            return unprocessable(page);
        }
    };
    let line = caller.audit(&client, "plan.item.change", format!("assessment:{id}"));
    let change = ItemChange { key, fields, seen };
    match state
        .store
        .change_plan_items(id, std::slice::from_ref(&change), &line)
        .await?
    {
        ItemsChanged::Changed(_) if json => {
            let item = items_of(&state, id)
                .await?
                .into_iter()
                .find(|i| i.key == change.key)
                .ok_or(AppError::NotFound)?;
            let stored = load(&state, id).await?;
            let zone = crate::base::zone::of(&state, stored.fields.workspace).await?;
            let view = ItemView::new(ctx.lang, &item, &zone.today(isomm_store::now()));
            Ok(axum::Json(serde_json::json!({
                "updated": view.updated,
                "status": view.status,
                "overdue": view.overdue,
            }))
            .into_response())
        }
        ItemsChanged::Changed(_) => Ok(see_other(format!(
            "/assessments/{id}/plan#item-{}",
            change.key
        ))),
        ItemsChanged::NoAssessment | ItemsChanged::Unknown(_) => Err(AppError::NotFound),
        ItemsChanged::Stale(_) if json => Ok((
            axum::http::StatusCode::CONFLICT,
            axum::Json(serde_json::json!({ "stale": ctx.w.plan_stale_reload })),
        )
            .into_response()),
        ItemsChanged::Stale(_) => {
            // What was typed stays in the form, sent again with the time the item has now: saving
            // it again replaces the other change, knowingly.
            let now = items_of(&state, id)
                .await?
                .into_iter()
                .find(|i| i.key == change.key)
                .map_or(0, |i| i.updated_at);
            let typed = typed_view(&change.key, &text, now);
            let problem = ctx.w.plan_stale.to_string();
            let page = plan_page(
                &state,
                ctx,
                id,
                &PlanQuery::default(),
                Some((change.key.to_string(), typed)),
                Some(problem),
            )
            .await?;
            Ok((
                axum::http::StatusCode::CONFLICT,
                axum::response::Html(page.render()?),
            )
                .into_response())
        }
    }
}

/// A workbook of the items edited in Excel (assessors): each row's owner, due date, status, reason
/// and note become the item's, all or none ([`isomm_core::items::upload`] says which rows are
/// refused, with their cells); every change is audited with its old and new value.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    headers: axum::http::HeaderMap,
    Upload(multipart): Upload,
) -> Result<axum::response::Response> {
    let (_, file) = read_upload(&headers, multipart).await?;
    let w = ctx.w;
    let problems = match file {
        Some((name, bytes)) if !bytes.is_empty() => {
            if !name.to_ascii_lowercase().ends_with(".xlsx") {
                vec![format!("{name}: {}", w.plan_err_file)]
            } else {
                let items = items_of(&state, id).await?;
                let held = items.clone();
                let read = state
                    .heavy
                    .run(move || isomm_core::items::upload::read_edits(&bytes, &held))
                    .await?;
                match read {
                    Err(e) => e.lines(ctx.lang, Some(&name)),
                    Ok(edits) => {
                        let changes: Vec<ItemChange> = edits
                            .iter()
                            .map(|e| ItemChange {
                                key: e.key.clone(),
                                fields: e.fields.clone(),
                                seen: Some(e.seen),
                            })
                            .collect();
                        let line =
                            caller.audit(&client, "plan.item.upload", format!("assessment:{id}"));
                        let refused =
                            match state.store.change_plan_items(id, &changes, &line).await? {
                                ItemsChanged::Changed(n) => {
                                    return Ok(see_other(format!(
                                        "/assessments/{id}/plan?uploaded={n}"
                                    )));
                                }
                                ItemsChanged::NoAssessment => return Err(AppError::NotFound),
                                // Changed or deleted in isomm since the file was read just now.
                                ItemsChanged::Unknown(i) | ItemsChanged::Stale(i) => i,
                            };
                        let edit = &edits[refused];
                        let now = items_of(&state, id)
                            .await?
                            .into_iter()
                            .find(|i| i.key == edit.key)
                            .map_or(0, |i| i.updated_at);
                        let error = isomm_core::problem::InputError {
                            place: edit.updated_cell.clone(),
                            path: String::new(),
                            problem: Box::new(isomm_core::problem::Problem::ItemStale {
                                key: edit.key.to_string(),
                                file: isomm_core::items::updated_text(edit.seen),
                                now: isomm_core::items::updated_text(now),
                            }),
                        };
                        isomm_core::problem::InputErrors::from(error).lines(ctx.lang, Some(&name))
                    }
                }
            }
        }
        _ => vec![w.err_no_file.to_string()],
    };
    let mut page = plan_page(&state, ctx, id, &PlanQuery::default(), None, None).await?;
    page.upload_errors = problems;
    unprocessable(page)
}
