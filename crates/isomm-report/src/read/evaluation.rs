//! A result document (`isomm-result/1`) read back whole: the [`Evaluation`] it was written from,
//! rebuilt against the catalog it is shown with (ids to the catalog's indexes), so that a closed
//! round's pages and downloads lay out the numbers it kept, whatever the rules or the model say
//! now. Every value is checked to be one an evaluation can hold; a document that does not fit is
//! refused with the field named, never a panic.

use std::collections::HashMap;

use isomm_core::answers::{Position, Side};
use isomm_core::limits::{Limits, MAX_TEXT_CHARS};
use isomm_core::rules::{
    Evaluation, FunctionResult, Improvement, Mismatch, PerceptionGap, PositionResult, RoleResult,
};
use isomm_core::{Area, Assessment, Catalog};
use serde::Deserialize;

use super::ReadProblem;
use crate::json::RESULT_FORMAT;

/// A result document read back whole: the evaluation it was written from, and the respondents it
/// counted (name and position, in its order), which a renderer pairs with the evaluation's
/// `answered`.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptResult {
    pub evaluation: Evaluation,
    pub respondents: Vec<(String, Position)>,
}

impl KeptResult {
    /// Whether `assessment` has the respondents this result counted, in its order: only then may
    /// its answers be shown beside these numbers.
    pub fn counts(&self, assessment: &Assessment) -> bool {
        self.respondents.len() == assessment.respondents.len()
            && self
                .respondents
                .iter()
                .zip(&assessment.respondents)
                .all(|((name, position), r)| *name == r.name && *position == r.position)
    }
}

#[derive(Deserialize)]
struct Whole {
    format: String,
    overall: Option<f64>,
    functions: Vec<FunctionIn>,
    roles: Vec<RoleIn>,
    strengths: Vec<String>,
    weaknesses: Vec<String>,
    strong_roles: Vec<String>,
    weak_roles: Vec<String>,
    mismatches: Vec<MismatchIn>,
    improvements: Vec<ImprovementIn>,
    perception_gaps: Vec<GapIn>,
    positions: Vec<PositionIn>,
    respondents: Vec<RespondentIn>,
}

#[derive(Deserialize)]
struct FunctionIn {
    id: String,
    maturity: Option<f64>,
    insource: Option<f64>,
    outsource: Option<f64>,
    roles_counted: usize,
    roles_not_applicable: usize,
}

#[derive(Deserialize)]
struct RoleIn {
    id: String,
    function: String,
    area: String,
    level: Option<f64>,
    insource: Option<f64>,
    outsource: Option<f64>,
    unanswered: usize,
    answering: usize,
    spread: Option<u8>,
    expected_current: String,
    expected_target: String,
}

#[derive(Deserialize)]
struct MismatchIn {
    role: String,
    expected: String,
    actual: String,
}

#[derive(Deserialize)]
struct ImprovementIn {
    role: String,
    side: String,
    level: f64,
    gap: f64,
    transition: bool,
    priority: f64,
}

#[derive(Deserialize)]
struct GapIn {
    role: String,
    min: u8,
    max: u8,
    spread: u8,
}

#[derive(Deserialize)]
struct PositionIn {
    position: String,
    respondents: usize,
    functions: Vec<PositionFunctionIn>,
}

#[derive(Deserialize)]
struct PositionFunctionIn {
    id: String,
    maturity: Option<f64>,
}

#[derive(Deserialize)]
struct RespondentIn {
    name: String,
    position: String,
    answered: usize,
}

/// The checks of one document against one catalog: every refusal names its field.
struct Fit<'a> {
    catalog: &'a Catalog,
    role_index: HashMap<&'a str, usize>,
    function_index: HashMap<&'a str, usize>,
}

fn bad<T>(field: String) -> Result<T, ReadProblem> {
    Err(ReadProblem::Value { field })
}

/// A level or mean a result can hold: null, or a number from 0 to 5.
fn level(v: Option<f64>, field: impl FnOnce() -> String) -> Result<Option<f64>, ReadProblem> {
    match v {
        Some(x) if !(0.0..=5.0).contains(&x) => bad(field()),
        _ => Ok(v),
    }
}

/// A number within `range` (never NaN or infinite).
fn within(
    x: f64,
    range: std::ops::RangeInclusive<f64>,
    field: impl FnOnce() -> String,
) -> Result<f64, ReadProblem> {
    if range.contains(&x) {
        Ok(x)
    } else {
        bad(field())
    }
}

fn side(text: &str, field: impl FnOnce() -> String) -> Result<Side, ReadProblem> {
    match text {
        "insource" => Ok(Side::Insource),
        "outsource" => Ok(Side::Outsource),
        _ => bad(field()),
    }
}

impl<'a> Fit<'a> {
    fn new(catalog: &'a Catalog) -> Fit<'a> {
        Fit {
            catalog,
            role_index: catalog
                .roles()
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            function_index: catalog
                .functions()
                .iter()
                .enumerate()
                .map(|(i, f)| (f.id.as_str(), i))
                .collect(),
        }
    }

    fn role(&self, id: &str, field: impl FnOnce() -> String) -> Result<usize, ReadProblem> {
        self.role_index
            .get(id)
            .copied()
            .map_or_else(|| bad(field()), Ok)
    }

    fn function(&self, id: &str, field: impl FnOnce() -> String) -> Result<usize, ReadProblem> {
        self.function_index
            .get(id)
            .copied()
            .map_or_else(|| bad(field()), Ok)
    }

    /// One entry per catalog function, in catalog order, from a list that names each once.
    fn per_function<T, U>(
        &self,
        list: Vec<T>,
        field: &str,
        id: impl Fn(&T) -> &str,
        mut take: impl FnMut(usize, usize, T) -> Result<U, ReadProblem>,
    ) -> Result<Vec<U>, ReadProblem> {
        let mut out: Vec<Option<U>> = (0..self.catalog.functions().len()).map(|_| None).collect();
        if list.len() != out.len() {
            return bad(field.to_string());
        }
        for (i, item) in list.into_iter().enumerate() {
            let f = self.function(id(&item), || format!("{field}[{i}].id"))?;
            if out[f].is_some() {
                return bad(format!("{field}[{i}].id"));
            }
            out[f] = Some(take(i, f, item)?);
        }
        out.into_iter()
            .map(|u| u.map_or_else(|| bad(field.to_string()), Ok))
            .collect()
    }

    fn functions(&self, list: Vec<FunctionIn>) -> Result<Vec<FunctionResult>, ReadProblem> {
        self.per_function(
            list,
            "functions",
            |f| f.id.as_str(),
            |i, index, f| {
                let at = |name: &str| format!("functions[{i}].{name}");
                let roles = self.catalog.functions()[index].roles.len();
                if f.roles_counted.checked_add(f.roles_not_applicable) != Some(roles) {
                    return bad(at("roles_counted"));
                }
                Ok(FunctionResult {
                    maturity: level(f.maturity, || at("maturity"))?,
                    insource: level(f.insource, || at("insource"))?,
                    outsource: level(f.outsource, || at("outsource"))?,
                    roles_counted: f.roles_counted,
                    roles_not_applicable: f.roles_not_applicable,
                })
            },
        )
    }

    fn roles(&self, list: Vec<RoleIn>, people: usize) -> Result<Vec<RoleResult>, ReadProblem> {
        let mut out: Vec<Option<RoleResult>> =
            (0..self.catalog.roles().len()).map(|_| None).collect();
        if list.len() != out.len() {
            return bad("roles".to_string());
        }
        for (i, r) in list.into_iter().enumerate() {
            let at = |name: &str| format!("roles[{i}].{name}");
            let index = self.role(&r.id, || at("id"))?;
            if out[index].is_some() {
                return bad(at("id"));
            }
            let function = self.catalog.roles()[index].function;
            if self.catalog.functions()[function].id != r.function {
                return bad(at("function"));
            }
            if r.unanswered.checked_add(r.answering) != Some(people) {
                return bad(at("answering"));
            }
            if r.spread.is_some_and(|s| s > 5 || r.answering < 2) {
                return bad(at("spread"));
            }
            out[index] = Some(RoleResult {
                area: Area::parse(&r.area).map_or_else(|| bad(at("area")), Ok)?,
                level: level(r.level, || at("level"))?,
                insource: level(r.insource, || at("insource"))?,
                outsource: level(r.outsource, || at("outsource"))?,
                unanswered: r.unanswered,
                answering: r.answering,
                spread: r.spread,
                expected_current: side(&r.expected_current, || at("expected_current"))?,
                expected_target: side(&r.expected_target, || at("expected_target"))?,
            });
        }
        out.into_iter()
            .map(|r| r.map_or_else(|| bad("roles".to_string()), Ok))
            .collect()
    }

    fn role_list(&self, ids: &[String], field: &str) -> Result<Vec<usize>, ReadProblem> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| self.role(id, || format!("{field}[{i}]")))
            .collect()
    }

    fn function_list(&self, ids: &[String], field: &str) -> Result<Vec<usize>, ReadProblem> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| self.function(id, || format!("{field}[{i}]")))
            .collect()
    }
}

/// Reads a result document (UTF-8 JSON, its size bounded by the caller) back into the
/// [`Evaluation`] it was written from, for `catalog`: every function and role of the catalog
/// exactly once (in any order; each role in its function), every id of the lists one of the
/// catalog's, every number one a result can hold, its respondents within `limits`. What is read
/// lays out as it was written: the same numbers, whatever [`isomm_core::evaluate`] says now.
pub fn read_evaluation(
    text: &str,
    catalog: &Catalog,
    limits: &Limits,
) -> Result<KeptResult, ReadProblem> {
    let whole: Whole = serde_json::from_str(text).map_err(|e| {
        // Another kind of JSON is named as such, as `read_result` does.
        match super::format_of(text) {
            Some(found) if found != RESULT_FORMAT => ReadProblem::Format { found: Some(found) },
            _ => ReadProblem::Shape {
                line: e.line(),
                column: e.column(),
            },
        }
    })?;
    if whole.format != RESULT_FORMAT {
        return Err(ReadProblem::Format {
            found: Some(whole.format.chars().take(40).collect()),
        });
    }
    let people = whole.respondents.len();
    if people > limits.max_respondents {
        return Err(ReadProblem::Respondents {
            found: people,
            max: limits.max_respondents,
        });
    }
    let fit = Fit::new(catalog);
    let role_count = catalog.roles().len();
    let mut respondents = Vec::with_capacity(people);
    let mut answered = Vec::with_capacity(people);
    for (i, r) in whole.respondents.into_iter().enumerate() {
        let at = |name: &str| format!("respondents[{i}].{name}");
        if r.name.chars().count() > MAX_TEXT_CHARS {
            return bad(at("name"));
        }
        let position = Position::parse(&r.position).map_or_else(|| bad(at("position")), Ok)?;
        if r.answered > role_count {
            return bad(at("answered"));
        }
        respondents.push((r.name, position));
        answered.push(r.answered);
    }
    let overall = level(whole.overall, || "overall".to_string())?;
    let functions = fit.functions(whole.functions)?;
    let roles = fit.roles(whole.roles, people)?;
    let mismatches = whole
        .mismatches
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let at = |name: &str| format!("mismatches[{i}].{name}");
            Ok(Mismatch {
                role: fit.role(&m.role, || at("role"))?,
                expected: side(&m.expected, || at("expected"))?,
                actual: side(&m.actual, || at("actual"))?,
            })
        })
        .collect::<Result<_, ReadProblem>>()?;
    let improvements = whole
        .improvements
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = |name: &str| format!("improvements[{i}].{name}");
            Ok(Improvement {
                role: fit.role(&p.role, || at("role"))?,
                side: side(&p.side, || at("side"))?,
                level: within(p.level, 0.0..=5.0, || at("level"))?,
                // A target (1–5) less a level (0–5); a transition adds 1 to the priority.
                gap: within(p.gap, -5.0..=5.0, || at("gap"))?,
                transition: p.transition,
                priority: within(p.priority, -5.0..=6.0, || at("priority"))?,
            })
        })
        .collect::<Result<_, ReadProblem>>()?;
    let perception_gaps = whole
        .perception_gaps
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let at = |name: &str| format!("perception_gaps[{i}].{name}");
            if g.max > 5 || g.min > g.max || g.spread != g.max - g.min {
                return bad(at("spread"));
            }
            Ok(PerceptionGap {
                role: fit.role(&g.role, || at("role"))?,
                min: g.min,
                max: g.max,
                spread: g.spread,
            })
        })
        .collect::<Result<_, ReadProblem>>()?;
    let mut positions: Vec<PositionResult> = Vec::with_capacity(whole.positions.len());
    for (i, p) in whole.positions.into_iter().enumerate() {
        let at = |name: &str| format!("positions[{i}].{name}");
        let position = Position::parse(&p.position).map_or_else(|| bad(at("position")), Ok)?;
        if positions.iter().any(|q| q.position == position) {
            return bad(at("position"));
        }
        if p.respondents == 0 || p.respondents > people {
            return bad(at("respondents"));
        }
        let field = format!("positions[{i}].functions");
        let functions = fit.per_function(
            p.functions,
            &field,
            |f| f.id.as_str(),
            |j, _, f| level(f.maturity, || format!("{field}[{j}].maturity")),
        )?;
        positions.push(PositionResult {
            position,
            respondents: p.respondents,
            functions,
        });
    }
    Ok(KeptResult {
        evaluation: Evaluation {
            overall,
            functions,
            roles,
            strengths: fit.function_list(&whole.strengths, "strengths")?,
            weaknesses: fit.function_list(&whole.weaknesses, "weaknesses")?,
            strong_roles: fit.role_list(&whole.strong_roles, "strong_roles")?,
            weak_roles: fit.role_list(&whole.weak_roles, "weak_roles")?,
            mismatches,
            improvements,
            perception_gaps,
            positions,
            answered,
        },
        respondents,
    })
}

/// The result document `text` as `audience` may read it: itself for a reader of everything;
/// for a reader of results, the same document with every role's notes taken out, as
/// [`crate::write_json`] writes it from [`isomm_core::Audience::redact`]'s assessment.
pub fn document_for(
    text: &str,
    audience: isomm_core::Audience,
) -> Result<std::borrow::Cow<'_, str>, ReadProblem> {
    if audience.reads_notes() {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    let shape = |e: serde_json::Error| ReadProblem::Shape {
        line: e.line(),
        column: e.column(),
    };
    let mut doc: serde_json::Value = serde_json::from_str(text).map_err(shape)?;
    let Some(roles) = doc.get_mut("roles").and_then(|r| r.as_array_mut()) else {
        return bad("roles".to_string());
    };
    for role in roles {
        if let Some(notes) = role.get_mut("notes") {
            *notes = serde_json::Value::Array(Vec::new());
        }
    }
    let mut out = serde_json::to_string_pretty(&doc).map_err(shape)?;
    out.push('\n');
    Ok(std::borrow::Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::tests::every_example;
    use isomm_core::{Audience, PlanOptions, evaluate};

    fn written(catalog: &Catalog, a: &Assessment) -> String {
        let mut json = Vec::new();
        crate::write_json(
            &mut json,
            catalog,
            a,
            &evaluate(catalog, a),
            PlanOptions::default(),
        )
        .unwrap();
        String::from_utf8(json).unwrap()
    }

    /// Every example's result document reads back as exactly the evaluation it was written from,
    /// and written again from what was read, it is the same text.
    #[test]
    fn every_examples_result_document_reads_back_as_its_evaluation() {
        let catalog = Catalog::builtin();
        let examples = every_example(catalog);
        assert!(examples.len() >= 8, "{} examples", examples.len());
        for (name, a) in examples {
            let text = written(catalog, &a);
            let kept = read_evaluation(&text, catalog, &Limits::default()).unwrap();
            assert_eq!(kept.evaluation, evaluate(catalog, &a), "{name}");
            assert!(kept.counts(&a), "{name}");
            let mut again = Vec::new();
            crate::write_json(
                &mut again,
                catalog,
                &a,
                &kept.evaluation,
                PlanOptions::default(),
            )
            .unwrap();
            assert_eq!(String::from_utf8(again).unwrap(), text, "{name}");
        }
    }

    /// What a reader of results gets of a kept document is what the writer gives them: the same
    /// document without notes.
    #[test]
    fn a_kept_document_for_a_reader_of_results_has_no_notes() {
        let catalog = Catalog::builtin();
        let mut noted = 0;
        for (name, a) in every_example(catalog) {
            let text = written(catalog, &a);
            assert_eq!(document_for(&text, Audience::Everything).unwrap(), text);
            let redacted = written(catalog, &Audience::Results.redact(a.clone()));
            let read = document_for(&text, Audience::Results).unwrap();
            assert_eq!(read, redacted, "{name}");
            if text != redacted {
                noted += 1;
            }
        }
        assert!(noted > 0, "some example carries notes");
    }

    /// A document of another catalog, or changed anywhere to a value an evaluation cannot hold,
    /// is refused with its field; never a panic.
    #[test]
    fn a_kept_document_that_does_not_fit_is_refused_with_its_field() {
        let catalog = Catalog::builtin();
        let (_, a) = every_example(catalog).into_iter().next().unwrap();
        let doc: serde_json::Value = serde_json::from_str(&written(catalog, &a)).unwrap();
        let refused = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut changed = doc.clone();
            change(&mut changed);
            match read_evaluation(&changed.to_string(), catalog, &Limits::default()) {
                Err(ReadProblem::Value { field }) => field,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            refused(&|d| d["roles"][3]["id"] = "Z-9".into()),
            "roles[3].id"
        );
        assert_eq!(
            refused(&|d| d["roles"][3]["id"] = d["roles"][4]["id"].clone()),
            "roles[4].id"
        );
        assert_eq!(
            refused(&|d| d["roles"][3]["function"] = "I".into()),
            "roles[3].function"
        );
        assert_eq!(
            refused(&|d| {
                d["roles"].as_array_mut().unwrap().pop();
            }),
            "roles"
        );
        assert_eq!(
            refused(&|d| d["functions"][1]["maturity"] = 5.5.into()),
            "functions[1].maturity"
        );
        assert_eq!(
            refused(&|d| d["functions"][1]["roles_counted"] = 99.into()),
            "functions[1].roles_counted"
        );
        assert_eq!(
            refused(&|d| d["roles"][0]["area"] = "V".into()),
            "roles[0].area"
        );
        assert_eq!(
            refused(&|d| d["roles"][0]["answering"] = 1000.into()),
            "roles[0].answering"
        );
        assert_eq!(
            refused(&|d| d["improvements"][0]["gap"] = 1e300.into()),
            "improvements[0].gap"
        );
        assert_eq!(
            refused(&|d| d["weak_roles"] = serde_json::json!(["nope"])),
            "weak_roles[0]"
        );
        assert_eq!(
            refused(&|d| d["positions"][0]["position"] = "ceo".into()),
            "positions[0].position"
        );
        assert_eq!(
            refused(&|d| d["respondents"][0]["answered"] = 1000.into()),
            "respondents[0].answered"
        );
        // Not a result document at all, or one missing what an evaluation needs.
        assert!(matches!(
            read_evaluation(
                "{\"format\": \"isomm-answers/1\"}",
                catalog,
                &Limits::default()
            ),
            Err(ReadProblem::Format { .. })
        ));
        let mut without = doc.clone();
        without["roles"][0]
            .as_object_mut()
            .unwrap()
            .remove("answering");
        assert!(matches!(
            read_evaluation(&without.to_string(), catalog, &Limits::default()),
            Err(ReadProblem::Shape { .. })
        ));
        // Values of every type at every field of the first role and function: read or refused.
        for path in ["roles", "functions", "improvements", "positions"] {
            for value in [
                serde_json::json!(null),
                serde_json::json!(-1),
                serde_json::json!("x"),
                serde_json::json!([]),
            ] {
                let keys: Vec<String> = doc[path][0]
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default();
                for key in keys {
                    let mut changed = doc.clone();
                    changed[path][0][&key] = value.clone();
                    let _ = read_evaluation(&changed.to_string(), catalog, &Limits::default());
                }
            }
        }
    }
}
