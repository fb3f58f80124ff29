//! The comparison document `isomm-comparison/1` of formats.md, field for field: rules C1–C6
//! (`isomm_core::compare`) with what each round was (organisation, title, date, patterns, target,
//! respondents). Numbers unrounded, absent values `null`.

use isomm_core::compare::{Change, Comparison};
use serde::Serialize;
use std::io;

use crate::read::{RoundInfo, RoundRecord};

pub mod view;
pub use view::ComparisonView;

pub const COMPARISON_FORMAT: &str = "isomm-comparison/1";

/// Rules C1–C6 for two rounds, C5 with the earlier round's tracked items (each point an item
/// tracked is followed up with the item's own target level): what every comparison isomm shows
/// or writes is made of.
pub fn compared(
    earlier: &RoundRecord,
    later: &RoundRecord,
    threshold: isomm_core::compare::Threshold,
) -> Result<Comparison, isomm_core::compare::Incomparable> {
    let mut c = isomm_core::compare::compare(&earlier.round, &later.round, threshold)?;
    isomm_core::items::follow_up(&mut c, &earlier.items);
    Ok(c)
}

#[derive(Serialize, Debug, PartialEq)]
pub struct ComparisonDocument<'a> {
    pub format: &'static str,
    pub model: &'a str,
    pub threshold: f64,
    pub earlier: &'a RoundInfo,
    pub later: &'a RoundInfo,
    pub overall: StatusChange,
    pub functions: Vec<FunctionDoc<'a>>,
    pub roles: Vec<RoleDoc<'a>>,
    pub most_improved: &'a [String],
    pub most_declined: &'a [String],
    pub plan_follow_up: Vec<FollowUpDoc<'a>>,
    pub perception: Vec<PerceptionDoc<'a>>,
}

/// A value in both rounds, its delta and its status (the overall).
#[derive(Serialize, Debug, PartialEq)]
pub struct StatusChange {
    pub earlier: Option<f64>,
    pub later: Option<f64>,
    pub delta: Option<f64>,
    pub status: &'static str,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct FunctionDoc<'a> {
    pub id: &'a str,
    pub status: &'static str,
    pub maturity: Change,
    pub insource: Change,
    pub outsource: Change,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct RoleDoc<'a> {
    pub id: &'a str,
    /// Its function's id: a column of the CSV, not a field of the JSON.
    #[serde(skip)]
    pub function: &'a str,
    pub status: &'static str,
    pub level: Change,
    pub insource: Change,
    pub outsource: Change,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct FollowUpDoc<'a> {
    pub role: &'a str,
    pub side: &'static str,
    pub earlier_level: f64,
    pub later_level: Option<f64>,
    pub target_level: u8,
    pub reached: bool,
    pub in_plan: bool,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PerceptionDoc<'a> {
    pub role: &'a str,
    pub earlier_spread: Option<u8>,
    pub later_spread: Option<u8>,
}

impl<'a> ComparisonDocument<'a> {
    pub fn new(
        earlier: &'a RoundRecord,
        later: &'a RoundRecord,
        c: &'a Comparison,
    ) -> ComparisonDocument<'a> {
        ComparisonDocument {
            format: COMPARISON_FORMAT,
            model: &later.round.model,
            threshold: c.threshold.value(),
            earlier: &earlier.info,
            later: &later.info,
            overall: StatusChange {
                earlier: c.overall.earlier,
                later: c.overall.later,
                delta: c.overall.delta,
                status: c.overall_status.as_str(),
            },
            functions: c
                .functions
                .iter()
                .map(|f| FunctionDoc {
                    id: &f.id,
                    status: f.status.as_str(),
                    maturity: f.maturity,
                    insource: f.insource,
                    outsource: f.outsource,
                })
                .collect(),
            roles: c
                .roles
                .iter()
                .zip(&later.round.roles)
                .map(|(r, of)| RoleDoc {
                    id: &r.id,
                    function: &of.function,
                    status: r.status.as_str(),
                    level: r.level,
                    insource: r.insource,
                    outsource: r.outsource,
                })
                .collect(),
            most_improved: &c.most_improved,
            most_declined: &c.most_declined,
            plan_follow_up: c
                .plan_follow_up
                .iter()
                .map(|f| FollowUpDoc {
                    role: &f.role,
                    side: f.side.as_str(),
                    earlier_level: f.earlier_level,
                    later_level: f.later_level,
                    target_level: f.target_level,
                    reached: f.reached,
                    in_plan: f.in_plan,
                })
                .collect(),
            perception: c
                .perception
                .iter()
                .map(|p| PerceptionDoc {
                    role: &p.role,
                    earlier_spread: p.earlier_spread,
                    later_spread: p.later_spread,
                })
                .collect(),
        }
    }
}

/// The page body of a comparison (header to perception spreads), for the HTML file and the web
/// application's page.
#[derive(askama::Template)]
#[template(path = "comparison_body.html")]
pub struct ComparisonBody<'a> {
    pub v: &'a ComparisonView,
    pub radar_svg: String,
    pub radar_narrow_svg: String,
}

impl<'a> ComparisonBody<'a> {
    pub fn new(v: &'a ComparisonView) -> ComparisonBody<'a> {
        ComparisonBody {
            v,
            radar_svg: crate::render_svg(&v.radar),
            radar_narrow_svg: crate::render_svg(&v.radar.narrow()),
        }
    }
}

#[derive(askama::Template)]
#[template(path = "comparison.html")]
struct ComparisonHtml<'a> {
    v: &'a ComparisonView,
    body: String,
}

/// The self-contained HTML comparison.
pub fn write_html<W: io::Write>(out: &mut W, v: &ComparisonView) -> io::Result<()> {
    use askama::Template;
    let body = ComparisonBody::new(v)
        .render()
        .map_err(|e| io::Error::other(format!("the comparison could not be laid out: {e}")))?;
    ComparisonHtml { v, body }.write_into(out)
}

/// The comparison document, pretty-printed, with a final newline.
pub fn write_json<W: io::Write>(out: &mut W, doc: &ComparisonDocument) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// The columns of `isomm compare --format csv` (formats.md).
pub const CSV_COLUMNS: [&str; 12] = [
    "role",
    "function",
    "status",
    "level_earlier",
    "level_later",
    "level_delta",
    "insource_earlier",
    "insource_later",
    "insource_delta",
    "outsource_earlier",
    "outsource_later",
    "outsource_delta",
];

/// The comparison as CSV (UTF-8 with BOM, unrounded, empty cells for null): one row per role,
/// then one per function (`role` empty, its maturity in the `level_*` columns), then the overall
/// (`role` and `function` empty).
pub fn write_csv<W: io::Write>(out: &mut W, doc: &ComparisonDocument) -> io::Result<()> {
    out.write_all(crate::sheet::UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let changes = |c: &[Change]| {
        c.iter()
            .flat_map(|c| [number(c.earlier), number(c.later), number(c.delta)])
            .collect::<Vec<_>>()
    };
    let none = Change {
        earlier: None,
        later: None,
        delta: None,
    };
    // Ids (a model's own) are neutralised as every CSV's text; numbers are written as numbers,
    // a negative delta included (it starts with "-" but is no formula).
    let mut row = |role: &str, function: &str, status: &str, values: Vec<String>| {
        let mut cells = crate::sheet::safe_record([role, function, status]);
        cells.extend(values);
        w.write_record(&cells)
    };
    for r in &doc.roles {
        row(
            r.id,
            r.function,
            r.status,
            changes(&[r.level, r.insource, r.outsource]),
        )?;
    }
    for f in &doc.functions {
        row(
            "",
            f.id,
            f.status,
            changes(&[f.maturity, f.insource, f.outsource]),
        )?;
    }
    let o = &doc.overall;
    let overall = Change {
        earlier: o.earlier,
        later: o.later,
        delta: o.delta,
    };
    row("", "", o.status, changes(&[overall, none, none]))?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    use isomm_core::compare::{Threshold, compare};
    use isomm_core::{Catalog, PlanOptions, evaluate};

    /// The document's fields in formats.md's order, all 9 functions and 54 roles.
    #[test]
    fn the_comparison_document_follows_formats_md_field_for_field() {
        let catalog = Catalog::builtin();
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/hybrid-soc-mssp.toml"
        ))
        .unwrap();
        let a =
            answers::parse(&source, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        let record = RoundRecord::of(catalog, &a, &evaluate(catalog, &a), PlanOptions::default());
        let c = compare(&record.round, &record.round, Threshold::default()).unwrap();
        let doc = serde_json::to_value(ComparisonDocument::new(&record, &record, &c)).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(
            keys(&doc),
            [
                "format",
                "model",
                "threshold",
                "earlier",
                "later",
                "overall",
                "functions",
                "roles",
                "most_improved",
                "most_declined",
                "plan_follow_up",
                "perception"
            ]
        );
        assert_eq!(doc["format"], "isomm-comparison/1");
        assert_eq!(doc["threshold"], 0.5);
        assert_eq!(doc["overall"]["status"], "unchanged");
        assert_eq!(doc["functions"].as_array().unwrap().len(), 9);
        assert_eq!(doc["roles"].as_array().unwrap().len(), 54);
        let role_keys = keys(&doc["roles"][0]);
        assert_eq!(
            role_keys,
            ["id", "status", "level", "insource", "outsource"]
        );
        let earlier_keys = keys(&doc["earlier"]);
        assert_eq!(
            earlier_keys,
            [
                "organization",
                "title",
                "date",
                "current_pattern",
                "target_pattern",
                "target_level",
                "respondents"
            ]
        );
        let follow_keys = keys(&doc["plan_follow_up"][0]);
        assert_eq!(
            follow_keys,
            [
                "role",
                "side",
                "earlier_level",
                "later_level",
                "target_level",
                "reached",
                "in_plan"
            ]
        );
    }
}
