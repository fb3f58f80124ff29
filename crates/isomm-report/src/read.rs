//! A result document (`isomm-result/1`) read back: the fields a comparison of rounds needs
//! (`isomm_core::compare::Round`), so that a downloaded result, a closed round and a fresh one
//! compare alike. Fields a reader does not need are ignored, as formats.md allows (fields are
//! added, never removed); a document without `roles[].answering` (written before rule C6) counts
//! every role as answered and without spread.

use isomm_core::answers::Side;
use isomm_core::compare::{Round, RoundFunction, RoundPoint, RoundRole};
use serde::Deserialize;

use crate::json::RESULT_FORMAT;

/// Why bytes are not a result document; where, when it can say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Not JSON, or not the shape of a result document, at this line and column.
    Shape { line: usize, column: usize },
    /// JSON of another kind (its `format`, if it has one).
    Format { found: Option<String> },
    /// A side that is neither `insource` nor `outsource`, in this role's point.
    Side { role: String, found: String },
}

#[derive(Deserialize)]
struct Doc {
    format: Option<String>,
    model: String,
    target_level: u8,
    overall: Option<f64>,
    functions: Vec<FunctionIn>,
    roles: Vec<RoleIn>,
    #[serde(default)]
    improvements: Vec<PointIn>,
    #[serde(default)]
    plan: Vec<PlanIn>,
    #[serde(default)]
    respondents: Vec<serde::de::IgnoredAny>,
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

/// Reads a result document (UTF-8 JSON, bounded by the caller) as a round.
pub fn read_round(text: &str) -> Result<Round, ReadProblem> {
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
    Ok(Round {
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    use isomm_core::{Catalog, PlanOptions, evaluate};

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
            let read = read_round(std::str::from_utf8(&json).unwrap()).unwrap();
            assert_eq!(
                read,
                Round::of(catalog, &a, &e, PlanOptions::default()),
                "{example}"
            );
        }
    }

    #[test]
    fn what_is_not_a_result_document_is_named() {
        assert_eq!(
            read_round("{\"format\": \"isomm-answers/1\"}"),
            Err(ReadProblem::Format {
                found: Some("isomm-answers/1".into())
            })
        );
        assert_eq!(
            read_round("[1, 2]"),
            Err(ReadProblem::Format { found: None })
        );
        assert!(matches!(
            read_round("{\"format\": \"isomm-result/1\",\n \"model\": 3}"),
            Err(ReadProblem::Shape { line: 2, .. })
        ));
        assert!(matches!(
            read_round("not json"),
            Err(ReadProblem::Shape { line: 1, .. })
        ));
    }
}
