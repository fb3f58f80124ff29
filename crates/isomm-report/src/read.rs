//! A result document (`isomm-result/1`) read back: the fields a comparison of rounds needs
//! (`isomm_core::compare::Round`), so that a downloaded result, a closed round and a fresh one
//! compare alike. Fields a reader does not need are ignored, as formats.md allows (fields are
//! added, never removed); a document without `roles[].answering` (written before rule C6) counts
//! every role as answered and without spread. [`read_evaluation`] reads one back whole, as the
//! evaluation it was written from (`read/evaluation.rs`): what a closed round's pages show.

use isomm_core::answers::Side;
use isomm_core::answers::valid_date;
use isomm_core::compare::{Round, RoundFunction, RoundPoint, RoundRole};
use isomm_core::limits::{Limits, MAX_ROLES, MAX_TEXT_CHARS};
use isomm_core::rules::Evaluation;
use isomm_core::{Assessment, Catalog, PlanOptions};
use serde::{Deserialize, Serialize};

use crate::json::RESULT_FORMAT;

mod evaluation;
pub use evaluation::{KeptResult, document_for, read_evaluation};

/// What a round was, as comparisons and trends name it (read from its result document or its
/// answers): the comparison document's `earlier` and `later`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundInfo {
    pub organization: String,
    pub title: String,
    pub date: Option<String>,
    pub current_pattern: String,
    pub target_pattern: String,
    pub target_level: u8,
    pub respondents: usize,
    /// The respondents' names, to tell who answered in both rounds (not in the documents).
    #[serde(skip)]
    pub names: Vec<String>,
    /// Whether the result carries C6's spreads (a document written before C6 does not).
    #[serde(skip)]
    pub has_spreads: bool,
}

/// A round's result and what the round was: all a comparison or a trend reads of one file.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundRecord {
    pub round: Round,
    pub info: RoundInfo,
    /// The round's tracked plan items, where isomm keeps them (a file carries none): a later
    /// round's comparison follows each up with its own target level and shows its status.
    pub items: Vec<isomm_core::items::Item>,
}

impl RoundRecord {
    /// The record of an evaluated assessment, with the plan `options` its report shows: the
    /// same as its result document read back ([`read_result`]).
    pub fn of(
        catalog: &Catalog,
        assessment: &Assessment,
        e: &Evaluation,
        options: PlanOptions,
    ) -> RoundRecord {
        let pattern = |p: usize| catalog.patterns()[p].id.clone();
        RoundRecord {
            round: Round::of(catalog, assessment, e, options),
            info: RoundInfo {
                organization: assessment.organization.clone(),
                title: assessment.title.clone(),
                date: assessment.date.clone(),
                current_pattern: pattern(assessment.current_pattern),
                target_pattern: pattern(assessment.target_pattern),
                target_level: assessment.target_level.get(),
                respondents: assessment.respondents.len(),
                names: assessment
                    .respondents
                    .iter()
                    .map(|p| p.name.clone())
                    .collect(),
                has_spreads: true,
            },
            items: Vec::new(),
        }
    }
}

/// Why bytes are not a result document; where, when it can say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Not JSON, or not the shape of a result document, at this line and column.
    Shape { line: usize, column: usize },
    /// JSON of another kind (its `format`, if it has one).
    Format { found: Option<String> },
    /// A side that is neither `insource` nor `outsource`, in this role's point.
    Side { role: String, found: String },
    /// A value no result can hold (a level outside 0–5, a target outside 1–5, a text longer than
    /// isomm keeps), at this field (`roles[3].level`); for [`read_evaluation`], also an id the
    /// catalog does not have, or a role or function of the catalog missing (`roles`).
    Value { field: String },
    /// Computed from more respondents than the limit allows.
    Respondents { found: usize, max: usize },
}

/// Every number and text of a read document within what a result can hold, else the first field
/// that is not.
fn check(doc: &Doc) -> Result<(), ReadProblem> {
    let level = |v: Option<f64>| v.is_none_or(|v| (0.0..=5.0).contains(&v));
    let bad = |field: String| Err(ReadProblem::Value { field });
    for (name, text) in [
        ("organization", &doc.organization),
        ("title", &doc.title),
        ("current_pattern", &doc.current_pattern),
        ("target_pattern", &doc.target_pattern),
    ] {
        if text.chars().count() > MAX_TEXT_CHARS {
            return bad(name.to_string());
        }
    }
    if doc
        .respondents
        .iter()
        .any(|p| p.name.chars().count() > MAX_TEXT_CHARS)
    {
        return bad("respondents".to_string());
    }
    if doc.date.as_deref().is_some_and(|d| !valid_date(d)) {
        return bad("date".to_string());
    }
    if !(1..=5).contains(&doc.target_level) {
        return bad("target_level".to_string());
    }
    if !level(doc.overall) {
        return bad("overall".to_string());
    }
    if doc.functions.len() > MAX_ROLES || doc.roles.len() > MAX_ROLES {
        return bad(if doc.roles.len() > MAX_ROLES {
            "roles"
        } else {
            "functions"
        }
        .to_string());
    }
    for (i, f) in doc.functions.iter().enumerate() {
        for (name, v) in [
            ("maturity", f.maturity),
            ("insource", f.insource),
            ("outsource", f.outsource),
        ] {
            if !level(v) {
                return bad(format!("functions[{i}].{name}"));
            }
        }
    }
    for (i, r) in doc.roles.iter().enumerate() {
        for (name, v) in [
            ("level", r.level),
            ("insource", r.insource),
            ("outsource", r.outsource),
        ] {
            if !level(v) {
                return bad(format!("roles[{i}].{name}"));
            }
        }
        if r.spread.is_some_and(|s| s > 5) {
            return bad(format!("roles[{i}].spread"));
        }
        if r.answering.is_some_and(|a| a > doc.respondents.len()) {
            return bad(format!("roles[{i}].answering"));
        }
    }
    for (i, p) in doc.improvements.iter().enumerate() {
        if !level(Some(p.level)) {
            return bad(format!("improvements[{i}].level"));
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct Doc {
    format: Option<String>,
    model: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    current_pattern: String,
    #[serde(default)]
    target_pattern: String,
    target_level: u8,
    overall: Option<f64>,
    functions: Vec<FunctionIn>,
    roles: Vec<RoleIn>,
    #[serde(default)]
    improvements: Vec<PointIn>,
    #[serde(default)]
    plan: Vec<PlanIn>,
    #[serde(default)]
    respondents: Vec<RespondentIn>,
}

#[derive(Deserialize)]
struct RespondentIn {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct FunctionIn {
    id: String,
    maturity: Option<f64>,
    insource: Option<f64>,
    outsource: Option<f64>,
}

#[derive(Deserialize)]
struct RoleIn {
    id: String,
    function: String,
    level: Option<f64>,
    insource: Option<f64>,
    outsource: Option<f64>,
    #[serde(default)]
    unanswered: Option<usize>,
    #[serde(default)]
    answering: Option<usize>,
    #[serde(default)]
    spread: Option<u8>,
}

#[derive(Deserialize)]
struct PointIn {
    role: String,
    side: String,
    level: f64,
}

#[derive(Deserialize)]
struct PlanIn {
    role: String,
    side: String,
    #[serde(default)]
    folded: bool,
}

fn side(role: &str, text: &str) -> Result<Side, ReadProblem> {
    match text {
        "insource" => Ok(Side::Insource),
        "outsource" => Ok(Side::Outsource),
        _ => Err(ReadProblem::Side {
            role: role.to_string(),
            found: text.chars().take(40).collect(),
        }),
    }
}

/// The `format` of a JSON object (`isomm-result/1`, `isomm-answers/1`, …), when it has one.
pub fn format_of(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Kind {
        format: Option<String>,
    }
    serde_json::from_str::<Kind>(text)
        .ok()
        .and_then(|k| k.format)
        .map(|f| f.chars().take(40).collect())
}

/// Whether `text` is JSON whose `format` is the result document's (else it may be answers).
pub fn is_result(text: &str) -> bool {
    format_of(text).as_deref() == Some(RESULT_FORMAT)
}

/// Reads a result document (UTF-8 JSON, its size bounded by the caller) as a round and what it
/// was; every value is checked to be one a result can hold, and its respondents against `limits`.
pub fn read_result(text: &str, limits: &Limits) -> Result<RoundRecord, ReadProblem> {
    // The format first, so that another kind of JSON is named as such.
    let kind: serde_json::Value = serde_json::from_str(text).map_err(|e| ReadProblem::Shape {
        line: e.line(),
        column: e.column(),
    })?;
    let format = kind
        .get("format")
        .and_then(|f| f.as_str())
        .map(str::to_string);
    if format.as_deref() != Some(RESULT_FORMAT) {
        return Err(ReadProblem::Format { found: format });
    }
    let doc: Doc = serde_json::from_str(text).map_err(|e| ReadProblem::Shape {
        line: e.line(),
        column: e.column(),
    })?;
    debug_assert_eq!(doc.format.as_deref(), Some(RESULT_FORMAT));
    let respondents = doc.respondents.len();
    if respondents > limits.max_respondents {
        return Err(ReadProblem::Respondents {
            found: respondents,
            max: limits.max_respondents,
        });
    }
    check(&doc)?;
    let info = RoundInfo {
        organization: doc.organization,
        title: doc.title,
        date: doc.date,
        current_pattern: doc.current_pattern,
        target_pattern: doc.target_pattern,
        target_level: doc.target_level,
        respondents,
        names: doc.respondents.iter().map(|p| p.name.clone()).collect(),
        has_spreads: doc.roles.iter().any(|r| r.answering.is_some()),
    };
    let round = Round {
        model: doc.model,
        target_level: doc.target_level,
        respondents,
        overall: doc.overall,
        functions: doc
            .functions
            .into_iter()
            .map(|f| RoundFunction {
                id: f.id,
                maturity: f.maturity,
                insource: f.insource,
                outsource: f.outsource,
            })
            .collect(),
        roles: doc
            .roles
            .into_iter()
            .map(|r| RoundRole {
                // Before C6, a role was answered when not every respondent left it.
                answering: r
                    .answering
                    .unwrap_or_else(|| respondents.saturating_sub(r.unanswered.unwrap_or(0))),
                id: r.id,
                function: r.function,
                level: r.level,
                insource: r.insource,
                outsource: r.outsource,
                spread: r.spread,
            })
            .collect(),
        improvements: doc
            .improvements
            .into_iter()
            .map(|p| {
                Ok(RoundPoint {
                    side: side(&p.role, &p.side)?,
                    role: p.role,
                    level: p.level,
                })
            })
            .collect::<Result<_, _>>()?,
        plan: isomm_core::compare::plan_set(
            doc.plan
                .into_iter()
                .filter(|p| !p.folded)
                .map(|p| Ok((p.role.clone(), side(&p.role, &p.side)?)))
                .collect::<Result<_, _>>()?,
        ),
    };
    Ok(RoundRecord {
        round,
        info,
        items: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    use isomm_core::evaluate;

    /// Every answers file of `examples/` (its rounds too), by name, read against `catalog`.
    pub(crate) fn every_example(catalog: &Catalog) -> Vec<(String, Assessment)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut files = Vec::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if let Some(format) = path
                    .to_str()
                    .and_then(AnswersFormat::from_extension)
                    .filter(|f| *f != AnswersFormat::Xlsx)
                {
                    files.push((path, format));
                }
            }
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
            .into_iter()
            .map(|(path, format)| {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                let text = std::fs::read_to_string(&path).unwrap();
                // The CSV form carries answers only: what the command line's options give.
                let overrides = match format {
                    AnswersFormat::Csv => Overrides {
                        organization: Some("Example".into()),
                        current_pattern: Some("hybrid".into()),
                        target_pattern: Some("minimum-outsource".into()),
                        ..Overrides::default()
                    },
                    _ => Overrides::default(),
                };
                let a = answers::parse(&text, format, catalog, &overrides)
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
                (name, a)
            })
            .collect()
    }

    /// The result document of an example, read back, is the round its evaluation makes: a
    /// downloaded result and a fresh one compare alike.
    #[test]
    fn a_result_document_reads_back_as_the_round_it_was_written_from() {
        let catalog = Catalog::builtin();
        for example in [
            "hybrid-soc-mssp.toml",
            "inhouse-team-to-full-insource.toml",
            "large-soc-30-respondents.toml",
            "one-person-csirt.toml",
        ] {
            let source = std::fs::read_to_string(format!(
                "{}/../../examples/{example}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let a = answers::parse(&source, AnswersFormat::Toml, catalog, &Overrides::default())
                .unwrap();
            let e = evaluate(catalog, &a);
            let mut json = Vec::new();
            crate::write_json(&mut json, catalog, &a, &e, PlanOptions::default()).unwrap();
            let text = std::str::from_utf8(&json).unwrap();
            assert!(is_result(text));
            assert_eq!(
                read_result(text, &Limits::default()).unwrap(),
                RoundRecord::of(catalog, &a, &e, PlanOptions::default()),
                "{example}"
            );
        }
    }

    #[test]
    fn what_is_not_a_result_document_is_named() {
        assert_eq!(
            read_result("{\"format\": \"isomm-answers/1\"}", &Limits::default()),
            Err(ReadProblem::Format {
                found: Some("isomm-answers/1".into())
            })
        );
        assert_eq!(
            read_result("[1, 2]", &Limits::default()),
            Err(ReadProblem::Format { found: None })
        );
        assert!(matches!(
            read_result(
                "{\"format\": \"isomm-result/1\",\n \"model\": 3}",
                &Limits::default()
            ),
            Err(ReadProblem::Shape { line: 2, .. })
        ));
        assert!(matches!(
            read_result("not json", &Limits::default()),
            Err(ReadProblem::Shape { line: 1, .. })
        ));
    }

    /// A result document changed anywhere (a value of another type, out of range, missing) is
    /// read as a round or refused with the field named; what is read compares without panic.
    #[test]
    fn a_changed_result_document_is_read_or_refused_never_a_panic() {
        let catalog = Catalog::builtin();
        let source = include_str!("../../../examples/hybrid-soc-mssp.toml");
        let a =
            answers::parse(source, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        let e = evaluate(catalog, &a);
        let fresh = RoundRecord::of(catalog, &a, &e, PlanOptions::default());
        let mut json = Vec::new();
        crate::write_json(&mut json, catalog, &a, &e, PlanOptions::default()).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let replacements = [
            serde_json::json!(null),
            serde_json::json!(-1),
            serde_json::json!(6),
            serde_json::json!(1e308),
            serde_json::json!("x"),
            serde_json::json!([]),
            serde_json::json!(300),
        ];
        let mut read = 0;
        let mut refused = 0;
        let paths: Vec<Vec<serde_json::Value>> = vec![
            vec!["overall".into()],
            vec!["target_level".into()],
            vec!["date".into()],
            vec!["functions".into(), 0.into(), "maturity".into()],
            vec!["roles".into(), 3.into(), "level".into()],
            vec!["roles".into(), 3.into(), "spread".into()],
            vec!["roles".into(), 3.into(), "answering".into()],
            vec!["roles".into(), 3.into(), "function".into()],
            vec!["improvements".into(), 0.into(), "level".into()],
            vec!["improvements".into(), 0.into(), "side".into()],
            vec!["plan".into(), 0.into(), "side".into()],
        ];
        for path in &paths {
            for value in &replacements {
                let mut changed = doc.clone();
                let mut at = &mut changed;
                for key in path {
                    at = match key {
                        serde_json::Value::String(k) => &mut at[k.as_str()],
                        serde_json::Value::Number(n) => &mut at[n.as_u64().unwrap() as usize],
                        _ => unreachable!(),
                    };
                }
                *at = value.clone();
                match read_result(&changed.to_string(), &Limits::default()) {
                    Ok(record) => {
                        read += 1;
                        // Compared with the fresh round, or refused by C1: never a panic.
                        let _ = isomm_core::compare::compare(
                            &fresh.round,
                            &record.round,
                            isomm_core::compare::Threshold::default(),
                        );
                    }
                    Err(_) => refused += 1,
                }
            }
        }
        assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
        // Out of range is refused with its field.
        let mut changed = doc.clone();
        changed["roles"][3]["level"] = serde_json::json!(6);
        assert_eq!(
            read_result(&changed.to_string(), &Limits::default()),
            Err(ReadProblem::Value {
                field: "roles[3].level".into()
            })
        );
        // More respondents than the limit.
        assert!(matches!(
            read_result(&doc.to_string(), &Limits { max_respondents: 2 }),
            Err(ReadProblem::Respondents { found: 3, max: 2 })
        ));
    }
}
