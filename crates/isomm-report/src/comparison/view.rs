//! The comparison as people read it: the one view model of a comparison's HTML, PDF and workbook,
//! and of a report's "since the last round" section ([`ComparisonView`]). Numbers are formatted as
//! every format shows them; words come from `messages/*/compare.ftl` ([`CompareUi`]).

use isomm_core::compare::{Change, Comparison, Status};
use isomm_core::{Catalog, Lang};
use serde::Serialize;

use crate::chart::function_labels;
use crate::chart::{self, RadarChart, Series};
use crate::numbers::{one_decimal, shown, tenths};
use crate::read::RoundRecord;

isomm_core::words! {
    /// Every word of a comparison in one language, from `compare.ftl` (`radar_heading` from
    /// `radar-heading`).
    #[derive(Serialize)]
    pub struct CompareUi {
        lang,
        heading,
        since_heading,
        earlier,
        later,
        round,
        organization,
        date,
        respondents,
        overall,
        change,
        status,
        threshold,
        function,
        role,
        maturity,
        insource,
        outsource,
        radar_heading,
        radar_note,
        functions_heading,
        roles_heading,
        filter,
        filter_all,
        most_improved,
        most_declined,
        none_improved,
        none_declined,
        follow_up_heading,
        follow_up_note,
        follow_up_other,
        follow_up_none,
        side,
        earlier_level,
        later_level,
        target_level,
        reached,
        not_reached,
        in_plan,
        in_plan_yes,
        in_plan_no,
        tracked_item,
        not_applicable,
        pattern_heading,
        current_pattern,
        target_pattern,
        perception_heading,
        perception_note,
        perception_none,
        spread_earlier,
        spread_later,
        status_improved,
        status_declined,
        status_unchanged,
        status_new,
        status_dropped,
        status_none,
        status_unanswered,
        mark_improved,
        mark_declined,
        mark_unchanged,
        mark_new,
        mark_dropped,
        mark_none,
        mark_unanswered,
        none_dash,
        sheet_summary,
        sheet_roles,
        sheet_follow_up,
        sheet_perception,
        about_heading,
        about,
        generated_by,
        model,
    }
}

use isomm_core::messages::Messages;

fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Compare)
}

fn fill(m: &mut Messages) -> CompareUi {
    // Messages with arguments, formatted by `say`: asked here so the test checks them.
    let _ = m.format("threshold-note", &[("threshold", "0.5")]);
    let _ = m.format("rounds", &[("earlier", "a"), ("later", "b")]);
    for count in ["1", "3"] {
        let _ = m.format("respondents-count", &[("count", count)]);
    }
    let _ = m.format(
        "follow-up-summary",
        &[
            ("count", "3"),
            ("reached", "1"),
            ("target", "4"),
            ("planned", "2"),
            ("planned-reached", "1"),
            ("tracked", "0"),
        ],
    );
    let _ = m.format(
        "follow-up-summary",
        &[
            ("count", "3"),
            ("reached", "1"),
            ("target", "4"),
            ("planned", "2"),
            ("planned-reached", "1"),
            ("tracked", "2"),
        ],
    );
    let _ = m.format("pattern-line", &[("earlier", "a"), ("later", "b")]);
    let _ = m.format("tracked-item-owner", &[("status", "s"), ("owner", "o")]);
    let _ = m.format("people", &[("both", "4"), ("joined", "2"), ("left", "1")]);
    for which in ["earlier", "later", "both"] {
        let _ = m.format("spreads-missing", &[("which", which)]);
    }
    let _ = m.format(
        "overall-sentence",
        &[
            ("earlier", "1.0"),
            ("later", "2.0"),
            ("delta", "+1.0"),
            ("status", "s"),
            ("threshold", "0.5"),
        ],
    );
    CompareUi::read(m)
}

/// The words of a comparison in `lang`.
pub fn compare_ui(lang: Lang) -> &'static CompareUi {
    static WORDS: isomm_core::messages::PerLang<CompareUi> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// A message of `compare.ftl` with its arguments.
pub fn say(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: isomm_core::messages::Live = isomm_core::messages::Live::new();
    MESSAGES.format(lang, source, key, args)
}

/// A delta as people read it: signed, one decimal ("+0.5", "-0.3", "0.0"); a dash when absent.
pub fn signed(delta: Option<f64>) -> String {
    match delta {
        Some(d) if tenths(d) > 0 => format!("+{}", shown(d)),
        Some(d) => shown(d),
        None => "—".to_string(),
    }
}

/// What a round was, as the comparison shows it.
#[derive(Serialize)]
pub struct RoundView {
    pub title: String,
    pub date: String,
    pub respondents: String,
    pub current_pattern: String,
    pub target_pattern: String,
    pub target_level: u8,
    pub overall: String,
    /// The same, as numbers (the workbook's cells).
    #[serde(skip)]
    pub respondent_count: usize,
    #[serde(skip)]
    pub overall_value: Option<f64>,
}

/// One value in both rounds, shown.
#[derive(Serialize, Clone)]
pub struct ChangeCells {
    pub earlier: String,
    pub later: String,
    pub delta: String,
}

impl ChangeCells {
    fn of(c: &Change) -> ChangeCells {
        ChangeCells {
            earlier: one_decimal(c.earlier),
            later: one_decimal(c.later),
            delta: signed(c.delta),
        }
    }
}

/// The overall, a function or a role: its change and status, shown.
#[derive(Serialize, Clone)]
pub struct ChangeRow {
    pub id: String,
    pub name: String,
    /// The function's id (roles), for the filter and the workbook.
    pub function: String,
    /// The status's code (`improved`, …): a class and a filter value, never shown alone.
    pub status: &'static str,
    /// Its mark (▲ ▼ …) and word: the status never rests on colour.
    pub mark: &'static str,
    pub status_word: &'static str,
    /// Whether there is a change to show (both values present): its mark goes with it.
    pub has_delta: bool,
    /// The colour its change is printed in (repeating the mark and word, never alone).
    pub tone: &'static str,
    pub value: ChangeCells,
    pub insource: ChangeCells,
    pub outsource: ChangeCells,
    /// The unrounded values, for the workbook's number cells.
    #[serde(skip)]
    pub numbers: [Change; 3],
}

/// C5 for one earlier improvement point, shown.
#[derive(Serialize)]
pub struct FollowUpRow {
    pub id: String,
    pub name: String,
    pub side: String,
    pub earlier_level: String,
    pub later_level: String,
    pub target_level: u8,
    pub reached: bool,
    pub reached_word: &'static str,
    pub in_plan: bool,
    pub in_plan_word: &'static str,
    /// The earlier round's item that tracked the point: its status and owner ("完了（鈴木）");
    /// empty when none did.
    pub item: String,
    #[serde(skip)]
    pub numbers: (f64, Option<f64>),
}

/// C6 for one role, shown.
#[derive(Serialize)]
pub struct PerceptionRow {
    pub id: String,
    pub name: String,
    pub earlier: String,
    pub later: String,
    #[serde(skip)]
    pub numbers: (Option<u8>, Option<u8>),
}

/// A status filter's choice: its code, its words and how many roles have it.
#[derive(Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub count: usize,
}

/// The whole comparison, ready to lay out.
#[derive(Serialize)]
pub struct ComparisonView {
    pub ui: &'static CompareUi,
    pub organization: String,
    /// "FY2025 → FY2026".
    pub rounds: String,
    pub model: String,
    pub earlier: RoundView,
    pub later: RoundView,
    pub threshold: String,
    pub threshold_note: String,
    pub overall: ChangeRow,
    /// The overall's change in a sentence (page 1 of a report).
    pub overall_sentence: String,
    pub functions: Vec<ChangeRow>,
    pub roles: Vec<ChangeRow>,
    pub status_counts: Vec<StatusCount>,
    pub most_improved: Vec<ChangeRow>,
    pub most_declined: Vec<ChangeRow>,
    /// C5 for the earlier round's plan lines (R10 order), then for its other points.
    pub follow_up: Vec<FollowUpRow>,
    pub follow_up_other: Vec<FollowUpRow>,
    /// How many earlier points reached the target, in a sentence; empty when there were none.
    pub follow_up_summary: String,
    /// Who answered in both rounds, who joined, who left, in a sentence; empty when a round's
    /// names are not known.
    pub people: String,
    /// Said under the perception spreads when a round's result carries none; else empty.
    pub spreads_missing: String,
    pub current_pattern_change: String,
    pub target_pattern_change: String,
    pub perception: Vec<PerceptionRow>,
    #[serde(skip)]
    pub radar: RadarChart,
}

fn status_words(u: &'static CompareUi, s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Improved => (u.mark_improved, u.status_improved),
        Status::Declined => (u.mark_declined, u.status_declined),
        Status::Unchanged => (u.mark_unchanged, u.status_unchanged),
        Status::New => (u.mark_new, u.status_new),
        Status::Dropped => (u.mark_dropped, u.status_dropped),
        Status::None => (u.mark_none, u.status_none),
        Status::Unanswered => (u.mark_unanswered, u.status_unanswered),
    }
}

/// Every status, in the order the filter lists them.
const STATUSES: [Status; 7] = [
    Status::Improved,
    Status::Declined,
    Status::Unchanged,
    Status::New,
    Status::Dropped,
    Status::Unanswered,
    Status::None,
];

impl ComparisonView {
    /// The view of `c`, the comparison of `earlier` with `later` (both of `catalog`'s model:
    /// [`isomm_core::compare::fits`]), in `lang`.
    pub fn new(
        catalog: &Catalog,
        earlier: &RoundRecord,
        later: &RoundRecord,
        c: &Comparison,
        lang: Lang,
    ) -> ComparisonView {
        let u = compare_ui(lang);
        let side = |s: isomm_core::answers::Side| match s {
            isomm_core::answers::Side::Insource => u.insource,
            isomm_core::answers::Side::Outsource => u.outsource,
        };
        let pattern_name = |id: &str| {
            catalog
                .patterns()
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| id.to_string(), |p| p.name.get(lang).to_string())
        };
        let round = |r: &RoundRecord| RoundView {
            title: if r.info.title.is_empty() {
                r.info.organization.clone()
            } else {
                r.info.title.clone()
            },
            date: r
                .info
                .date
                .clone()
                .unwrap_or_else(|| u.none_dash.to_string()),
            respondents: say(
                lang,
                "respondents-count",
                &[("count", &r.info.respondents.to_string())],
            ),
            current_pattern: pattern_name(&r.info.current_pattern),
            target_pattern: pattern_name(&r.info.target_pattern),
            target_level: r.info.target_level,
            overall: one_decimal(r.round.overall),
            respondent_count: r.info.respondents,
            overall_value: r.round.overall,
        };
        let role_index = |id: &str| catalog.roles().iter().position(|r| r.id == id);
        let role_name = |id: &str| {
            role_index(id).map_or_else(String::new, |i| {
                catalog.roles()[i].name.get(lang).to_string()
            })
        };
        let none = Change {
            earlier: None,
            later: None,
            delta: None,
        };
        let row = |id: &str, name: String, function: &str, status: Status, values: [Change; 3]| {
            let (mark, word) = status_words(u, status);
            ChangeRow {
                id: id.to_string(),
                name,
                function: function.to_string(),
                status: status.as_str(),
                mark,
                status_word: word,
                has_delta: values[0].delta.is_some(),
                tone: match status {
                    Status::Improved => chart::IMPROVED,
                    Status::Declined => chart::DECLINED,
                    _ => chart::INK,
                },
                value: ChangeCells::of(&values[0]),
                insource: ChangeCells::of(&values[1]),
                outsource: ChangeCells::of(&values[2]),
                numbers: values,
            }
        };
        let overall = row(
            "",
            u.overall.to_string(),
            "",
            c.overall_status,
            [c.overall, none, none],
        );
        let functions: Vec<ChangeRow> = c
            .functions
            .iter()
            .zip(catalog.functions())
            .map(|(f, of)| {
                row(
                    &f.id,
                    of.name.get(lang).to_string(),
                    &f.id,
                    f.status,
                    [f.maturity, f.insource, f.outsource],
                )
            })
            .collect();
        let roles: Vec<ChangeRow> = c
            .roles
            .iter()
            .map(|r| {
                let function = role_index(&r.id)
                    .map(|i| catalog.functions()[catalog.roles()[i].function].id.clone())
                    .unwrap_or_default();
                row(
                    &r.id,
                    role_name(&r.id),
                    &function,
                    r.status,
                    [r.level, r.insource, r.outsource],
                )
            })
            .collect();
        let pick = |ids: &[String]| {
            ids.iter()
                .filter_map(|id| roles.iter().find(|r| &r.id == id).cloned())
                .collect::<Vec<_>>()
        };
        let status_counts = STATUSES
            .into_iter()
            .map(|s| StatusCount {
                status: s.as_str(),
                label: format!("{} {}", status_words(u, s).0, status_words(u, s).1),
                count: c.roles.iter().filter(|r| r.status == s).count(),
            })
            .filter(|s| s.count > 0)
            .collect();
        let follow_up: Vec<FollowUpRow> = c
            .plan_follow_up
            .iter()
            .map(|f| FollowUpRow {
                id: f.role.clone(),
                name: role_name(&f.role),
                side: side(f.side).to_string(),
                earlier_level: shown(f.earlier_level),
                later_level: f
                    .later_level
                    .map_or_else(|| u.not_applicable.to_string(), shown),
                target_level: f.target_level,
                reached: f.reached,
                reached_word: if f.reached { u.reached } else { u.not_reached },
                in_plan: f.in_plan,
                in_plan_word: if f.in_plan {
                    u.in_plan_yes
                } else {
                    u.in_plan_no
                },
                item: earlier
                    .items
                    .iter()
                    .find(|i| i.key.point() == Some((f.role.as_str(), f.side)))
                    .map(|i| {
                        let status = i.fields.status.name(lang);
                        match &i.fields.owner {
                            Some(owner) => say(
                                lang,
                                "tracked-item-owner",
                                &[("status", status), ("owner", owner)],
                            ),
                            None => status.to_string(),
                        }
                    })
                    .unwrap_or_default(),
                numbers: (f.earlier_level, f.later_level),
            })
            .collect();
        let follow_up_summary = if follow_up.is_empty() {
            String::new()
        } else {
            let count = |f: &dyn Fn(&FollowUpRow) -> bool| {
                follow_up.iter().filter(|r| f(r)).count().to_string()
            };
            say(
                lang,
                "follow-up-summary",
                &[
                    ("count", &follow_up.len().to_string()),
                    ("reached", &count(&|r| r.reached)),
                    ("target", &earlier.info.target_level.to_string()),
                    ("planned", &count(&|r| r.in_plan)),
                    ("planned-reached", &count(&|r| r.in_plan && r.reached)),
                    ("tracked", &count(&|r| !r.item.is_empty())),
                ],
            )
        };
        let (planned, other): (Vec<FollowUpRow>, Vec<FollowUpRow>) =
            follow_up.into_iter().partition(|f| f.in_plan);
        let spread = |s: Option<u8>| s.map_or_else(|| u.none_dash.to_string(), |s| s.to_string());
        let perception = c
            .perception
            .iter()
            .map(|p| PerceptionRow {
                id: p.role.clone(),
                name: role_name(&p.role),
                earlier: spread(p.earlier_spread),
                later: spread(p.later_spread),
                numbers: (p.earlier_spread, p.later_spread),
            })
            .collect();
        let labels = function_labels(catalog, lang);
        let values = |r: &RoundRecord| r.round.functions.iter().map(|f| f.maturity).collect();
        let (e, l) = (round(earlier), round(later));
        let radar = RadarChart::new(
            &labels,
            vec![
                Series::new(
                    &format!("{} {}", u.later, l.title),
                    chart::COMBINED,
                    values(later),
                )
                .with_key("later"),
                Series::new(
                    &format!("{} {}", u.earlier, e.title),
                    chart::EARLIER,
                    values(earlier),
                )
                .dashed(chart::DASHES[1])
                .with_key("earlier"),
            ],
        )
        .with_target(later.info.target_level, crate::ui::ui(lang).legend_target)
        .described(u.radar_heading, u.none_dash);
        let (mark, word) = status_words(u, c.overall_status);
        let overall_sentence = say(
            lang,
            "overall-sentence",
            &[
                ("earlier", &overall.value.earlier),
                ("later", &overall.value.later),
                ("delta", &format!("{mark}\u{a0}{}", overall.value.delta)),
                ("status", word),
                ("threshold", &shown(c.threshold.value())),
            ],
        );
        let pattern_line = |a: &str, b: &str| {
            say(
                lang,
                "pattern-line",
                &[("earlier", &pattern_name(a)), ("later", &pattern_name(b))],
            )
        };
        let people = if earlier.info.names.is_empty() || later.info.names.is_empty() {
            String::new()
        } else {
            let before: std::collections::BTreeSet<&str> =
                earlier.info.names.iter().map(|n| n.trim()).collect();
            let now: std::collections::BTreeSet<&str> =
                later.info.names.iter().map(|n| n.trim()).collect();
            say(
                lang,
                "people",
                &[
                    ("both", &before.intersection(&now).count().to_string()),
                    ("joined", &now.difference(&before).count().to_string()),
                    ("left", &before.difference(&now).count().to_string()),
                ],
            )
        };
        let spreads_missing = match (earlier.info.has_spreads, later.info.has_spreads) {
            (true, true) => String::new(),
            (false, true) => say(lang, "spreads-missing", &[("which", "earlier")]),
            (true, false) => say(lang, "spreads-missing", &[("which", "later")]),
            (false, false) => say(lang, "spreads-missing", &[("which", "both")]),
        };
        ComparisonView {
            ui: u,
            people,
            spreads_missing,
            organization: later.info.organization.clone(),
            rounds: say(
                lang,
                "rounds",
                &[("earlier", &e.title), ("later", &l.title)],
            ),
            model: later.round.model.clone(),
            threshold: shown(c.threshold.value()),
            threshold_note: say(
                lang,
                "threshold-note",
                &[("threshold", &shown(c.threshold.value()))],
            ),
            current_pattern_change: pattern_line(
                &earlier.info.current_pattern,
                &later.info.current_pattern,
            ),
            target_pattern_change: pattern_line(
                &earlier.info.target_pattern,
                &later.info.target_pattern,
            ),
            earlier: e,
            later: l,
            overall_sentence,
            overall,
            functions,
            most_improved: pick(&c.most_improved),
            most_declined: pick(&c.most_declined),
            roles,
            status_counts,
            follow_up: planned,
            follow_up_other: other,
            follow_up_summary,
            perception,
            radar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_comparison_word_is_in_every_language() {
        assert_eq!(
            isomm_core::messages::problems(source, fill),
            Vec::<String>::new()
        );
        assert_eq!(compare_ui(Lang::En).lang, "en");
    }

    #[test]
    fn a_delta_is_signed_and_rounded_as_shown() {
        assert_eq!(signed(Some(0.46)), "+0.5");
        assert_eq!(signed(Some(-0.25)), "-0.3");
        assert_eq!(signed(Some(0.04)), "0.0");
        assert_eq!(signed(Some(-0.04)), "0.0");
        assert_eq!(signed(None), "—");
    }
}
