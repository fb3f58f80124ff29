//! Form input: url-encoded fields as a list, and the checks that turn them into store values, with a
//! message per field for the form to show next to it.

use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::words::Words;
use axum::extract::Multipart;
use axum::http::StatusCode;
use isomm_core::Area;
use isomm_core::Catalog;
use isomm_core::PlanOptions;
use isomm_core::TargetLevel;
use isomm_core::answers::Answer;
use isomm_core::answers::Level;
use isomm_core::answers::Position;
use isomm_core::answers::valid_date;
use isomm_store::AssessmentFields;
use std::collections::BTreeMap;

/// The longest organisation, title or respondent name accepted, in characters.
pub const MAX_TEXT: usize = isomm_core::limits::MAX_TEXT_CHARS;

/// The fields of a submitted form, in order, with an index by name (the first of each name): a
/// form of many fields is looked up in constant time per field, not by scanning it.
pub struct FormData {
    fields: Vec<(String, String)>,
    index: std::collections::HashMap<String, usize>,
}

impl FormData {
    pub fn new(fields: Vec<(String, String)>) -> FormData {
        let mut index = std::collections::HashMap::with_capacity(fields.len());
        for (i, (k, _)) in fields.iter().enumerate() {
            index.entry(k.clone()).or_insert(i);
        }
        FormData { fields, index }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.index.get(name).map(|i| self.fields[*i].1.as_str())
    }

    /// Every value of a field given more than once (ticked boxes of one name), in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The field's value, trimmed, without NUL characters (no one types them; SQLite and many
    /// programs stop reading a text at one); empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").trim().replace('\0', "")
    }

    /// The `email` field as [`FormData::text`], cut one character past the longest address (a
    /// longer one is no address anyway): what was typed goes into throttling keys, the audit log
    /// and the page shown again, never unbounded.
    pub fn email(&self) -> String {
        self.text("email")
            .chars()
            .take(isomm_core::limits::MAX_EMAIL_CHARS + 1)
            .collect()
    }
}

/// Messages by field name.
#[derive(Default, Debug)]
pub struct Errors(pub BTreeMap<String, &'static str>);

impl Errors {
    pub fn add(&mut self, field: impl Into<String>, message: &'static str) {
        self.0.entry(field.into()).or_insert(message);
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The assessment form as typed, to show again with its errors.
pub struct AssessmentInput {
    pub organization: String,
    pub title: String,
    pub date: String,
    /// The last day sheets are due (`YYYY-MM-DD`), empty for none.
    pub deadline: String,
    pub current_pattern: String,
    pub target_pattern: String,
    pub target_level: String,
    /// How much of the improvement list the reports show (as typed).
    pub plan_size: String,
    pub plan_min_gap: String,
    /// Role id → chosen area (as typed).
    pub areas: BTreeMap<String, String>,
}

impl AssessmentInput {
    pub fn from_fields(catalog: &Catalog, f: &AssessmentFields) -> AssessmentInput {
        AssessmentInput {
            organization: f.organization.clone(),
            title: f.title.clone(),
            date: f.date.clone().unwrap_or_default(),
            deadline: f.deadline.clone().unwrap_or_default(),
            current_pattern: f.current_pattern.clone(),
            target_pattern: f.target_pattern.clone(),
            target_level: f.target_level.to_string(),
            plan_size: f.plan.size().to_string(),
            plan_min_gap: isomm_report::view::shown(f.plan.min_gap()),
            areas: catalog
                .roles()
                .iter()
                .map(|r| {
                    (
                        r.id.clone(),
                        f.areas
                            .get(&r.id)
                            .copied()
                            .unwrap_or(r.default_area)
                            .as_str()
                            .to_string(),
                    )
                })
                .collect(),
        }
    }

    /// A blank form: the model's default pattern as current and target, target level 4, default
    /// areas.
    pub fn blank(catalog: &Catalog) -> AssessmentInput {
        let pattern = catalog.default_pattern().id.clone();
        AssessmentInput::from_fields(
            catalog,
            &AssessmentFields {
                organization: String::new(),
                title: String::new(),
                date: None,
                current_pattern: pattern.clone(),
                target_pattern: pattern,
                target_level: 4,
                plan: PlanOptions::default(),
                areas: BTreeMap::new(),
                workspace: None,
                deadline: None,
            },
        )
    }

    pub fn from_form(catalog: &Catalog, form: &FormData) -> AssessmentInput {
        AssessmentInput {
            organization: form.text("organization"),
            title: form.text("title"),
            date: form.text("date"),
            deadline: form.text("deadline"),
            current_pattern: form.text("current_pattern"),
            target_pattern: form.text("target_pattern"),
            target_level: form.text("target_level"),
            // A form without these fields (a script's, an older page's) keeps the defaults; an
            // emptied field is an error like any other.
            plan_size: match form.get("plan_size") {
                Some(_) => form.text("plan_size"),
                None => PlanOptions::DEFAULT_SIZE.to_string(),
            },
            plan_min_gap: match form.get("plan_min_gap") {
                Some(_) => form.text("plan_min_gap"),
                None => PlanOptions::DEFAULT_MIN_GAP.to_string(),
            },
            areas: catalog
                .roles()
                .iter()
                .map(|r| {
                    let chosen = form
                        .get(&format!("area.{}", r.id))
                        .map(str::trim)
                        .unwrap_or(r.default_area.as_str());
                    (r.id.clone(), chosen.to_string())
                })
                .collect(),
        }
    }

    /// Checks the input; the store value, or the messages per field.
    pub fn check(&self, catalog: &Catalog, w: &'static Words) -> Result<AssessmentFields, Errors> {
        let mut errors = Errors::default();
        if self.organization.is_empty() {
            errors.add("organization", w.err_organization);
        }
        for (field, value) in [("organization", &self.organization), ("title", &self.title)] {
            if value.chars().count() > MAX_TEXT {
                errors.add(field, w.err_too_long);
            } else if isomm_core::limits::unsafe_in_name(value).is_some() {
                errors.add(field, w.err_name_characters);
            }
        }
        if !self.date.is_empty() && !valid_date(&self.date) {
            errors.add("date", w.err_date);
        }
        let deadline = isomm_core::zone::Deadline::parse(&self.deadline);
        if !self.deadline.is_empty() && deadline.is_none() {
            errors.add("deadline", w.err_deadline);
        }
        for (field, value) in [
            ("current_pattern", &self.current_pattern),
            ("target_pattern", &self.target_pattern),
        ] {
            if catalog.pattern_index(value).is_none() {
                errors.add(field, w.err_pattern);
            }
        }
        let target_level = self
            .target_level
            .parse::<i64>()
            .ok()
            .and_then(TargetLevel::new);
        if target_level.is_none() {
            errors.add("target_level", w.err_target_level);
        }
        let size = self.plan_size.parse::<usize>().ok();
        if size.is_none_or(|s| PlanOptions::new(s, PlanOptions::DEFAULT_MIN_GAP).is_none()) {
            errors.add("plan_size", w.err_plan_size);
        }
        // A decimal comma is what a Japanese or European keyboard may give.
        let min_gap = self.plan_min_gap.replace(',', ".").parse::<f64>().ok();
        if min_gap.is_none_or(|g| PlanOptions::new(PlanOptions::DEFAULT_SIZE, g).is_none()) {
            errors.add("plan_min_gap", w.err_plan_min_gap);
        }
        let plan = size.zip(min_gap).and_then(|(s, g)| PlanOptions::new(s, g));
        let mut areas = BTreeMap::new();
        for role in catalog.roles() {
            match self.areas.get(&role.id).and_then(|a| Area::parse(a)) {
                Some(a) if a != role.default_area => {
                    areas.insert(role.id.clone(), a);
                }
                Some(_) => {}
                None => errors.add(format!("area.{}", role.id), w.err_area),
            }
        }
        match (target_level, plan) {
            (Some(level), Some(plan)) if errors.is_empty() => Ok(AssessmentFields {
                organization: self.organization.clone(),
                title: self.title.clone(),
                date: Some(self.date.clone()).filter(|d| !d.is_empty()),
                current_pattern: self.current_pattern.clone(),
                target_pattern: self.target_pattern.clone(),
                target_level: level.get(),
                plan,
                areas,
                // Set by the handler that creates the assessment; an edit never changes it.
                workspace: None,
                deadline: deadline.map(|d| d.as_string()),
            }),
            _ => Err(errors),
        }
    }
}

/// A level choice as sent by the sheet: "" for not answered, "0".."5" for a level (full-width
/// digits too: [`Level::parse_typed`]).
pub(crate) fn parse_level(value: Option<&str>) -> Result<Option<Level>, ()> {
    value.map_or(Ok(None), |v| Level::parse_typed(v).map_err(|_| ()))
}

/// The longest note accepted, in characters.
pub const MAX_NOTE: usize = isomm_core::limits::MAX_NOTE_CHARS;

/// One role's answer from the fields `<prefix>in`, `<prefix>out` and `<prefix>note`; the message
/// to show at the role when a value cannot be saved.
pub fn parse_answer(
    form: &FormData,
    prefix: &str,
    w: &'static Words,
) -> Result<Answer, &'static str> {
    let note = form.text(&format!("{prefix}note"));
    if note.chars().count() > MAX_NOTE {
        return Err(w.err_note_too_long);
    }
    let level =
        |side: &str| parse_level(form.get(&format!("{prefix}{side}"))).map_err(|()| w.err_level);
    Ok(Answer {
        insource: level("in")?,
        outsource: level("out")?,
        note: Some(note).filter(|n| !n.is_empty()),
    })
}

/// The add-respondent form.
pub fn parse_respondent(form: &FormData, w: &'static Words) -> Result<(String, Position), Errors> {
    let mut errors = Errors::default();
    let name = form.text("name");
    if name.is_empty() {
        errors.add("name", w.err_name);
    } else if name.chars().count() > MAX_TEXT {
        errors.add("name", w.err_too_long);
    } else if isomm_core::limits::unsafe_in_name(&name).is_some() {
        errors.add("name", w.err_name_characters);
    }
    let position = Position::parse(&form.text("position"));
    if position.is_none() {
        errors.add("position", w.err_position);
    }
    match position {
        Some(p) if errors.is_empty() => Ok((name, p)),
        _ => Err(errors),
    }
}

/// The pairs of a posted form (`application/x-www-form-urlencoded`). A body that is not one (JSON,
/// text) is a bad request (400, isomm's page), never the framework's own text; one sent without the
/// `x-csrf-token` header was already refused by the CSRF check (403).
pub struct Posted(pub Vec<(String, String)>);

impl<S: Send + Sync> axum::extract::FromRequest<S> for Posted {
    type Rejection = AppError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Posted, AppError> {
        axum::Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map(|axum::Form(pairs)| Posted(pairs))
            .map_err(|_| AppError::BadRequestBody)
    }
}

/// Whether a form was sent by a page's script that reads the answer as JSON (`Accept:
/// application/json`) rather than by the browser, which follows a redirect or reads a page.
pub struct WantsJson(pub bool);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for WantsJson {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<WantsJson, Self::Rejection> {
        Ok(WantsJson(
            parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("application/json")),
        ))
    }
}

/// A value from the request's path (an id, a token, a language): one that does not parse is a page
/// that does not exist, 404 in the reader's language, never the router's text.
pub struct Path<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send, S: Send + Sync> axum::extract::FromRequestParts<S>
    for Path<T>
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Path<T>, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| AppError::NotFound)
    }
}

/// The query of a request (`?…`); one that does not parse is a bad request in isomm's words, never
/// the parser's.
pub struct Query<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequestParts<S>
    for Query<T>
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Query<T>, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(q)| Query(q))
            .map_err(|_| AppError::BadRequest)
    }
}

/// An upload form (`multipart/form-data`); a body that is not one gets isomm's words, never the
/// parser's.
pub struct Upload(pub axum::extract::Multipart);

impl<S: Send + Sync> axum::extract::FromRequest<S> for Upload {
    type Rejection = AppError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Upload, AppError> {
        axum::extract::Multipart::from_request(request, state)
            .await
            .map(Upload)
            .map_err(|_| AppError::BadRequestBody)
    }
}

/// A broken upload: too large (413), or malformed (400, in isomm's words, never the parser's).
pub fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequestBody
    }
}

/// The fields and the file of an upload form, refusing what is over the size limit.
pub async fn read_upload(
    headers: &axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<(FormData, Option<(String, Vec<u8>)>)> {
    let length = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if length.is_some_and(|n| n > crate::base::BODY_LIMIT) {
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
            if fields.len() >= crate::base::bounds::UPLOAD_FIELDS {
                return Err(AppError::TooLarge);
            }
            fields.push((name, field.text().await.map_err(multipart_error)?));
        }
    }
    Ok((FormData::new(fields), file))
}
