//! A respondent's check sheet, reached by an assessor or through the private link: the page, the
//! whole-form save, the per-role autosave, submitting and reopening, and the offline workbook
//! (download and upload).

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::download::{FileName, XLSX, download};
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Errors;
use crate::base::forms::FormData;
use crate::base::forms::Posted;
use crate::base::forms::Query;
use crate::base::forms::Upload;
use crate::base::forms::parse_answer;
use crate::base::forms::read_upload;
use crate::base::links;
use crate::base::links::SheetPlace;
use crate::base::links::entry;
use crate::base::prelude::*;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_core::Answer;
use isomm_core::Assessment;
use isomm_core::answers;
use isomm_core::answers::AnswersFormat;
use isomm_core::answers::Overrides;
use isomm_report::sheet::SheetDrafts;
use isomm_report::sheet::SheetOptions;
use isomm_report::sheet::SheetReturn;
use isomm_report::sheet::UploadPage;
use isomm_report::sheet::write_xlsx_template;
use isomm_store::Draft;
use isomm_store::DraftState;
use isomm_store::Edit;
use isomm_store::Saved;
use isomm_store::StoredAssessment;
use isomm_store::Submission;
use serde::Deserialize;
use view::*;

mod view;

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

/// A respondent's drafts (前回値): none unless their round was started from the last one.
async fn drafts(state: &AppState, place: &SheetPlace) -> Result<Vec<Draft>> {
    Ok(state
        .store
        .drafts(place.assessment, place.respondent)
        .await?)
}

/// The drafts still pending against `answers` (role index → answer), in the sheet's order.
fn pending(catalog: &isomm_core::Catalog, drafts: &[Draft], answers: &[Answer]) -> Vec<String> {
    let mut left: Vec<(usize, String)> = drafts
        .iter()
        .filter_map(|d| {
            let i = catalog.role_index(&d.role)?;
            (d.state(answers.get(i)) == DraftState::Pending).then(|| (i, d.role.clone()))
        })
        .collect();
    left.sort();
    left.into_iter().map(|(_, role)| role).collect()
}

/// What a draft's button asks (`keep` or `clear` and the role, from the whole form; `draft` from
/// the page's script): the role's answer becomes the draft, or none and the draft is cleared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DraftAction {
    Keep,
    Clear,
}

/// Applies a draft's action to `answer` (the role's answer as posted): the draft's answer when
/// kept; none, with the draft marked cleared (in `drafts` too), when cleared. A role without a
/// draft (a page older than the sheet) keeps the answer as posted, which is the card as shown.
async fn apply_draft(
    state: &AppState,
    place: &SheetPlace,
    drafts: &mut [Draft],
    role: &str,
    action: DraftAction,
    answer: Answer,
) -> Result<Answer> {
    let Some(draft) = drafts.iter_mut().find(|d| d.role == role) else {
        return Ok(answer);
    };
    Ok(match action {
        DraftAction::Keep => draft.answer.clone(),
        DraftAction::Clear => {
            state
                .store
                .clear_draft(place.assessment, place.respondent, role)
                .await?;
            draft.cleared = true;
            Answer::default()
        }
    })
}

pub async fn sheet(
    State(state): State<AppState>,
    ctx: Ctx,
    place: SheetPlace,
    Query(q): Query<SheetQuery>,
) -> Result<Html<String>> {
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    // An assessor's route does not read the sheet's state: the stored respondent says it.
    let closed = place.closed
        || state
            .store
            .round_state(place.assessment)
            .await?
            .is_some_and(|r| r.closed_at.is_some());
    let place = SheetPlace {
        submitted: place.submitted || stored.respondents[index].submitted,
        closed,
        ..place
    };
    let answers = &assessment.respondents[index].answers;
    let drafts = drafts(&state, &place).await?;
    let mut sheet = SheetPage::new(
        &state.catalog,
        ctx,
        &stored,
        index,
        answers,
        &Errors::default(),
        &place,
    )
    .with_drafts(&state.catalog, &drafts, answers);
    sheet.saved = q.saved.is_some();
    sheet.just_submitted = q.submitted.is_some() && place.submitted;
    let zone = crate::base::zone::of(&state, stored.fields.workspace).await?;
    // An assessor sees when and by whom a submitted sheet was submitted, and reopens it to change it.
    if place.submitted && !place.by_link {
        let states = state.store.sheet_states(place.assessment).await?;
        if let Some(s) = states.iter().find(|s| s.id == place.respondent) {
            let time = s.submitted_at.map(|t| zone.time(t)).unwrap_or_default();
            // Empty: the respondent, through their link; none: not known (an imported file, or a
            // sheet submitted before isomm kept it).
            let by = s.submitted_by.as_deref().map(|by| match by {
                "" => sheet.ctx.w.submitted_by_respondent.to_string(),
                name => name.to_string(),
            });
            sheet.submitted_note = Some(match by {
                Some(by) => crate::base::words::say(
                    sheet.ctx.lang,
                    "sheet-submitted-by",
                    &[("time", &time), ("by", &by)],
                ),
                None => crate::base::words::say(
                    sheet.ctx.lang,
                    "sheet-submitted-at",
                    &[("time", &time)],
                ),
            });
        }
    }
    if let Some(deadline) = stored
        .fields
        .deadline
        .as_deref()
        .and_then(isomm_core::zone::Deadline::parse)
    {
        sheet.deadline = Some(crate::base::words::deadline_text(
            sheet.ctx.lang,
            &deadline,
            &zone,
            isomm_store::now(),
        ));
    }
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
    if place.submitted {
        return Err(place.refusal());
    }
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    let mut drafts = drafts(&state, &place).await?;
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
        return unprocessable(
            SheetPage::new(&state.catalog, ctx, &stored, index, &typed, &errors, &place)
                .with_drafts(&state.catalog, &drafts, &typed),
        );
    }
    // A draft's button, pressed without the page's script: the whole form with that role kept
    // or cleared; the page then goes on to the next draft left.
    let pressed = [("keep", DraftAction::Keep), ("clear", DraftAction::Clear)]
        .into_iter()
        .find_map(|(field, action)| form.get(field).map(|role| (role.to_string(), action)));
    if let Some((role, action)) = &pressed {
        let i = state.catalog.role_index(role).ok_or(AppError::NotFound)?;
        let posted = answers[i].1.clone();
        let answer = apply_draft(&state, &place, &mut drafts, role, *action, posted).await?;
        typed[i] = answer.clone();
        answers[i] = (role.clone(), answer);
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
                // Nobody changes a submitted sheet: it is reopened first.
                open_only: true,
            },
        )
        .await?
    {
        Saved::Answered(_) => {}
        Saved::NotFound => return Err(AppError::NotFound),
        Saved::Submitted => return Err(place.refusal()),
        Saved::TextFull => {
            let mut page = SheetPage::new(
                &state.catalog,
                ctx,
                &stored,
                index,
                &typed,
                &Errors::default(),
                &place,
            )
            .with_drafts(&state.catalog, &drafts, &typed);
            page.upload_error = vec![page.ctx.w.err_text_full.to_string()];
            return unprocessable(page);
        }
    }
    state.summaries.refresh(stored.id);
    let next = match pressed {
        Some(_) => pending(&state.catalog, &drafts, &typed)
            .first()
            .map(|role| format!("#role-{role}"))
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(see_other(format!("{}?saved=1{next}", place.base)))
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
    if place.submitted {
        let body = serde_json::json!({ "ok": false, "error": place.refusal_text(ctx.w) });
        return Ok((StatusCode::CONFLICT, Json(body)).into_response());
    }
    let (id, rid) = (place.assessment, place.respondent);
    let role = params.get("role").cloned().unwrap_or_default();
    if state.catalog.role_index(&role).is_none() {
        return Err(AppError::NotFound);
    }
    let mut answer = match parse_answer(&form, "", ctx.w) {
        Ok(answer) => answer,
        Err(message) => {
            let body = serde_json::json!({ "ok": false, "error": message });
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
        }
    };
    // A card with a draft says so (`draft`): its answer tells what is left to confirm. Its
    // buttons ask for the draft kept or cleared.
    let mut drafts = match form.get("draft") {
        Some(_) => Some(drafts(&state, &place).await?),
        None => None,
    };
    let action = match form.get("draft") {
        Some("keep") => Some(DraftAction::Keep),
        Some("clear") => Some(DraftAction::Clear),
        _ => None,
    };
    if let (Some(action), Some(drafts)) = (action, &mut drafts) {
        answer = apply_draft(&state, &place, drafts, &role, action, answer).await?;
    }
    let audit = links::entry(&caller, &client, &place, "answer.save");
    match state
        .store
        .save_answers(
            id,
            rid,
            &[(role.clone(), answer.clone())],
            Edit {
                audit: Some(&audit),
                // Nobody changes a submitted sheet: it is reopened first.
                open_only: true,
            },
        )
        .await?
    {
        Saved::Submitted => {
            let body = serde_json::json!({ "ok": false, "error": place.refusal_text(ctx.w) });
            Ok((StatusCode::CONFLICT, Json(body)).into_response())
        }
        Saved::Answered(answered) => {
            state.summaries.refresh(id);
            let Some(drafts) = drafts else {
                return Ok(
                    Json(serde_json::json!({ "ok": true, "answered": answered })).into_response(),
                );
            };
            // What the card shows now, and what is left.
            let now = state
                .store
                .with_respondent(id, rid)
                .await?
                .ok_or(AppError::NotFound)?
                .to_assessment(&state.catalog)?;
            let answers = &now.respondents[0].answers;
            let left = pending(&state.catalog, &drafts, answers);
            // The card's draft as the sheet shows it now.
            let card = state.catalog.role_index(&role).and_then(|i| {
                let d = drafts.iter().find(|d| d.role == role)?;
                Some(draft_state_words(d.state(answers.get(i)), ctx.w))
            });
            let level = |l: Option<isomm_core::answers::Level>| {
                l.map_or(String::new(), |l| l.get().to_string())
            };
            Ok(Json(serde_json::json!({
                "ok": true,
                "answered": answered,
                "drafts_left": left.len(),
                "next_draft": left.first(),
                "draft": card.map(|(key, _)| key),
                "draft_word": card.map(|(_, word)| word),
                "answer": {
                    "in": level(answer.insource),
                    "out": level(answer.outsource),
                    "note": answer.note.clone().unwrap_or_default(),
                },
            }))
            .into_response())
        }
        Saved::NotFound => Err(AppError::NotFound),
        Saved::TextFull => {
            let body = serde_json::json!({ "ok": false, "error": ctx.w.err_text_full });
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct SheetDownload {
    blank: Option<String>,
}

/// A respondent's check sheet as a workbook to fill offline: pre-filled with their answers, or
/// blank (`?blank=1`); either way with the assessment's fields and the respondent's name.
pub async fn workbook(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Query(q): Query<SheetDownload>,
) -> Result<Response> {
    let (stored, assessment, index) = load_respondent(&state, &place).await?;
    let line = links::entry(&caller, &client, &place, "export.sheet");
    state.store.audit(&line).await?;
    let r = &assessment.respondents[index];
    // Drafts go in columns of their own (a blank sheet too: the person answers beside them).
    let drafts = drafts(&state, &place).await?;
    let sheet_drafts = (!drafts.is_empty()).then(|| SheetDrafts {
        headers: [
            ctx.w.workbook_draft_insource.to_string(),
            ctx.w.workbook_draft_outsource.to_string(),
            ctx.w.workbook_draft_note.to_string(),
        ],
        answers: state
            .catalog
            .roles()
            .iter()
            .map(|role| {
                drafts
                    .iter()
                    .find(|d| d.role == role.id)
                    .map(|d| d.answer.clone())
            })
            .collect(),
    });
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
        drafts: sheet_drafts,
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
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    headers: axum::http::HeaderMap,
    Upload(multipart): Upload,
) -> Result<Response> {
    let (_, file) = read_upload(&headers, multipart).await?;
    if place.submitted {
        return Err(place.refusal());
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
                        let message = crate::base::words::say(
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
                        // Nobody changes a submitted sheet: it is reopened first.
                        open_only: true,
                    },
                )
                .await?
            {
                Saved::Submitted => return Err(place.refusal()),
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

/// Whether the sheet is submitted now: a link's route knows it; an assessor's reads it.
async fn submitted(state: &AppState, place: &SheetPlace) -> Result<bool> {
    if place.by_link {
        return Ok(place.submitted);
    }
    Ok(state
        .store
        .with_respondent(place.assessment, place.respondent)
        .await?
        .and_then(|a| a.respondents.into_iter().next())
        .ok_or(AppError::NotFound)?
        .submitted)
}

/// An assessor opens a submitted sheet again, so that its respondent can change it.
pub async fn reopen(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
) -> Result<Response> {
    // Reopening an open sheet changes nothing and writes no line.
    if submitted(&state, &place).await? {
        if state
            .store
            .set_submitted(place.assessment, place.respondent, None, None)
            .await?
            == Submission::NotFound
        {
            return Err(AppError::NotFound);
        }
        state.summaries.refresh(place.assessment);
        state
            .store
            .audit(&entry(&caller, &client, &place, "sheet.reopen"))
            .await?;
    }
    Ok(crate::base::http::see_other(format!(
        "/assessments/{}",
        place.assessment
    )))
}

/// The respondent submits their sheet (or an assessor does for them, say for a sheet answered on
/// paper): from then on it counts in the results, and through the link it can be changed again
/// only when an assessor reopens it.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
) -> Result<Response> {
    // A sheet submitted already keeps who submitted it and when (a second tab, a stale page).
    if !submitted(&state, &place).await? {
        let marked = state
            .store
            .set_submitted(
                place.assessment,
                place.respondent,
                Some(isomm_store::now()),
                // An assessor marking it submitted (a sheet answered on paper, say) is named; the
                // respondent, through their link, is "" (see the sheet's page).
                if place.by_link {
                    Some("")
                } else {
                    caller.session.as_ref().map(|s| s.user.name.as_str())
                },
            )
            .await?;
        match marked {
            Submission::Done => {}
            Submission::NotFound => return Err(AppError::NotFound),
            // Drafts left: the sheet again (409), saying how many and where the next one is.
            Submission::DraftsLeft(left) => {
                let (stored, assessment, index) = load_respondent(&state, &place).await?;
                let drafts = drafts(&state, &place).await?;
                let answers = &assessment.respondents[index].answers;
                let mut page_view = SheetPage::new(
                    &state.catalog,
                    ctx,
                    &stored,
                    index,
                    answers,
                    &Errors::default(),
                    &place,
                )
                .with_drafts(&state.catalog, &drafts, answers);
                page_view.drafts_refused = Some(crate::base::words::say(
                    page_view.ctx.lang,
                    "sheet-drafts-refused",
                    &[("count", &left.to_string())],
                ));
                return Ok((StatusCode::CONFLICT, page(page_view)?).into_response());
            }
        }
        state.summaries.refresh(place.assessment);
        let line = entry(&caller, &client, &place, "sheet.submit");
        state.store.audit(&line).await?;
    }
    Ok(crate::base::http::see_other(if place.by_link {
        format!("{}?submitted=1", place.base)
    } else {
        format!("/assessments/{}", place.assessment)
    }))
}
