//! The improvement plan people read: R10's points grouped by what to do, cut to the largest gaps,
//! each line saying what reaching the target means in the seed's level definitions.
//!
//! The selection ([`select`]) is pure and has its own tests; [`PlanView::new`] puts it into words.
//! The rules are written down in `docs/rules.md` ("The improvement plan"). The result document keeps
//! R10's full list; only what people read is cut.

use isomm_core::answers::Side;
use isomm_core::rules::{Evaluation, Improvement};
use isomm_core::{Assessment, Catalog, Lang};
use serde::Serialize;

use crate::view::{NoteView, difference, more_notes_text, notes_of, shown};

pub use isomm_core::PlanOptions;

/// What an improvement point asks for, from its side under the target pattern and whether that
/// side changes ([`Improvement::transition`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// The target pattern does it in-house; the current one outsources it.
    BringInHouse,
    /// The target pattern outsources it; the current one does it in-house.
    HandOver,
    /// In-house under both patterns.
    RaiseInHouse,
    /// Outsourced under both patterns.
    ManageProvider,
}

impl Action {
    /// The order of the plan's groups: changes of sourcing first (R10 adds 1 to their priority).
    pub const ALL: [Action; 4] = [
        Action::BringInHouse,
        Action::HandOver,
        Action::RaiseInHouse,
        Action::ManageProvider,
    ];

    pub fn of(point: &Improvement) -> Action {
        match (point.transition, point.side) {
            (true, Side::Insource) => Action::BringInHouse,
            (true, Side::Outsource) => Action::HandOver,
            (false, Side::Insource) => Action::RaiseInHouse,
            (false, Side::Outsource) => Action::ManageProvider,
        }
    }

    /// The message key of the group's title (`plan.ftl`).
    pub fn key(self) -> &'static str {
        match self {
            Action::BringInHouse => "bring-in-house",
            Action::HandOver => "hand-over",
            Action::RaiseInHouse => "raise-in-house",
            Action::ManageProvider => "manage-provider",
        }
    }

    /// The message key of the sentence under the group's title.
    pub fn note_key(self) -> &'static str {
        match self {
            Action::BringInHouse => "bring-in-house-note",
            Action::HandOver => "hand-over-note",
            Action::RaiseInHouse => "raise-in-house-note",
            Action::ManageProvider => "manage-provider-note",
        }
    }
}

/// Which of R10's points the plan shows: indices into [`Evaluation::improvements`], each list in
/// R10's order (priority, then catalog order).
#[derive(Debug, PartialEq)]
pub struct Selection {
    /// The first `size` points whose gap is at least `min_gap`.
    pub shown: Vec<usize>,
    /// The other points at or above `min_gap`: in the plan, folded.
    pub folded: Vec<usize>,
    /// Points below `min_gap`: counted, in the result document only.
    pub below: usize,
}

/// A gap computed as 4 − 3.5 may be 0.4999…; compare as people read it.
const EPSILON: f64 = 1e-9;

pub fn select(e: &Evaluation, options: PlanOptions) -> Selection {
    let (large, small): (Vec<usize>, Vec<usize>) = (0..e.improvements.len())
        .partition(|&i| e.improvements[i].gap + EPSILON >= options.min_gap());
    let cut = large.len().min(options.size());
    Selection {
        shown: large[..cut].to_vec(),
        folded: large[cut..].to_vec(),
        below: small.len(),
    }
}

/// How the respondents answered one side of a role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SideCount {
    /// Answers 1–5 on this side.
    pub rated: usize,
    /// Answers of 0: considered, and decided not to do it that way.
    pub declined: usize,
}

pub fn side_count(assessment: &Assessment, role: usize, side: Side) -> SideCount {
    let mut count = SideCount::default();
    for p in &assessment.respondents {
        match p.answers[role].side(side).map(|l| l.get()) {
            Some(0) => count.declined += 1,
            Some(_) => count.rated += 1,
            None => {}
        }
    }
    count
}

/// How many respondents gave the role a level of 1–5 on some side: what its level rests on.
pub fn evidence(assessment: &Assessment, role: usize) -> usize {
    assessment
        .respondents
        .iter()
        .filter(|p| {
            let a = &p.answers[role];
            [a.insource, a.outsource]
                .into_iter()
                .flatten()
                .any(|l| l.get() > 0)
        })
        .count()
}

/// A role level is marked when it rests on fewer than two answering respondents while several
/// were asked.
pub fn thin(assessment: &Assessment, role: usize) -> bool {
    assessment.respondents.len() >= 2 && evidence(assessment, role) < 2
}

/// The plan's sentence `key` in `lang` with its arguments (`messages/{ja,en}/plan.ftl`).
pub(crate) fn say(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: isomm_core::messages::Live = isomm_core::messages::Live::new();
    MESSAGES.format(lang, plan_source, key, args)
}

/// The message file of the plan's sentences in `lang`, compiled into the binary.
pub(crate) fn plan_source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Plan)
}

/// One line of the plan.
#[derive(Serialize)]
pub struct PlanLine {
    /// The point's index in [`Evaluation::improvements`], for its unrounded numbers.
    #[serde(skip)]
    pub point: usize,
    /// 1-based, within its group (folded lines: after the plan's, in R10's order).
    pub rank: usize,
    pub action: Action,
    /// The action in words, for lists that mix groups.
    pub action_name: String,
    pub id: String,
    pub name: String,
    /// The side the target pattern expects, in words.
    pub side: String,
    /// Both sides now, e.g. "インソース 1.0 · アウトソース 4.3", with what 0 answers mean.
    pub now: String,
    /// The target level minus L as shown (so that the shown numbers add up).
    pub gap: String,
    /// The side and level to reach ("目標：インソース 4").
    pub goal: String,
    /// What reaching the target means, in the seed's definitions of the levels on that side.
    pub todo: String,
    /// Why the line reads as it does: no answers, answers of 0, a change of sourcing.
    pub why: String,
    /// The level rests on fewer than two answering respondents.
    pub thin: bool,
    pub notes: Vec<NoteView>,
    /// Notes not shown (the result document has them all), as a number and in words.
    pub more_notes: usize,
    pub more_notes_text: String,
}

#[derive(Serialize)]
pub struct PlanGroup {
    pub action: Action,
    pub title: String,
    pub note: String,
    pub lines: Vec<PlanLine>,
}

/// The plan as people read it.
#[derive(Serialize)]
pub struct PlanView {
    pub groups: Vec<PlanGroup>,
    pub folded: Vec<PlanLine>,
    /// R10's points in all.
    pub total: usize,
    /// Points below the threshold, left out.
    pub below: usize,
    /// What the plan shows and leaves out, in a sentence.
    pub scope: String,
    /// The first lines in R10's order: the summary's top actions.
    pub top: Vec<PlanLine>,
}

/// How many actions the summary lists.
pub const TOP_ACTIONS: usize = 3;

struct Context<'a> {
    catalog: &'a Catalog,
    assessment: &'a Assessment,
    e: &'a Evaluation,
    lang: Lang,
}

impl Context<'_> {
    /// A side's value now, or what its absence means.
    fn side_now(&self, role: usize, side: Side) -> String {
        let r = &self.e.roles[role];
        let value = match side {
            Side::Insource => r.insource,
            Side::Outsource => r.outsource,
        };
        let name = side.name(self.lang);
        match value {
            Some(v) => say(
                self.lang,
                "side-level",
                &[("side", name), ("level", &shown(v))],
            ),
            None => {
                let count = side_count(self.assessment, role, side);
                if count.declined > 0 {
                    say(
                        self.lang,
                        "side-declined",
                        &[
                            ("side", name),
                            ("count", &count.declined.to_string()),
                            (
                                "respondents",
                                &self.assessment.respondents.len().to_string(),
                            ),
                        ],
                    )
                } else {
                    say(self.lang, "side-none", &[("side", name)])
                }
            }
        }
    }

    fn line(&self, index: usize, rank: usize) -> PlanLine {
        let lang = self.lang;
        let p = &self.e.improvements[index];
        let role = &self.catalog.roles()[p.role];
        let action = Action::of(p);
        let target = self.assessment.target_level.get();
        let definition = |level: u8| {
            let d = &self.catalog.levels()[usize::from(level)];
            match p.side {
                Side::Insource => d.insource.get(lang),
                Side::Outsource => d.outsource.get(lang),
            }
        };
        let present = match p.side {
            Side::Insource => self.e.roles[p.role].insource.is_some(),
            Side::Outsource => self.e.roles[p.role].outsource.is_some(),
        };
        let count = side_count(self.assessment, p.role, p.side);
        // L ≥ 1 (R10: 1 when null), so its whole part is a level 1–5; a side that respondents
        // decided against starts from that decision (level 0), which reaching the target reverses.
        let reached = if !present && count.declined > 0 {
            0
        } else {
            (p.level + EPSILON).floor().clamp(1.0, 5.0) as u8
        };
        let todo = say(
            lang,
            "todo",
            &[
                ("side", p.side.name(lang)),
                ("from", definition(reached)),
                ("from-level", &reached.to_string()),
                ("to", definition(target)),
                ("target", &target.to_string()),
            ],
        );
        let mut why = Vec::new();
        if !present {
            let key = if count.declined > 0 {
                "why-declined"
            } else {
                "why-unanswered"
            };
            why.push(say(
                lang,
                key,
                &[
                    ("side", p.side.as_str()),
                    ("count", &count.declined.to_string()),
                    (
                        "respondents",
                        &self.assessment.respondents.len().to_string(),
                    ),
                ],
            ));
        }
        if p.transition {
            why.push(say(lang, "why-transition", &[("side", p.side.as_str())]));
            // R9: the answers are on the side the target expects already, not on the current
            // pattern's: the pattern, not the practice, changes.
            if self.e.mismatches.iter().any(|m| m.role == p.role) {
                why.push(say(lang, "why-mismatch", &[("side", p.side.as_str())]));
            }
        }
        let (notes, more_notes) = notes_of(self.assessment, p.role, lang);
        PlanLine {
            point: index,
            rank,
            action,
            action_name: say(lang, action.key(), &[]),
            id: role.id.clone(),
            name: role.name.get(lang).to_string(),
            side: p.side.name(lang).to_string(),
            now: [
                self.side_now(p.role, Side::Insource),
                self.side_now(p.role, Side::Outsource),
            ]
            .join(" · "),
            gap: difference(f64::from(target), p.level),
            goal: say(
                lang,
                "goal",
                &[("side", p.side.name(lang)), ("target", &target.to_string())],
            ),
            todo,
            why: why.join(match lang {
                Lang::Ja => "",
                Lang::En => " ",
            }),
            thin: thin(self.assessment, p.role),
            notes,
            more_notes_text: more_notes_text(more_notes, lang),
            more_notes,
        }
    }
}

impl PlanView {
    pub fn new(
        catalog: &Catalog,
        assessment: &Assessment,
        e: &Evaluation,
        options: PlanOptions,
        lang: Lang,
    ) -> PlanView {
        let cx = Context {
            catalog,
            assessment,
            e,
            lang,
        };
        let selection = select(e, options);
        let groups = Action::ALL
            .into_iter()
            .filter_map(|action| {
                let lines: Vec<PlanLine> = selection
                    .shown
                    .iter()
                    .filter(|&&i| Action::of(&e.improvements[i]) == action)
                    .enumerate()
                    .map(|(rank, &i)| cx.line(i, rank + 1))
                    .collect();
                (!lines.is_empty()).then(|| PlanGroup {
                    action,
                    title: say(lang, action.key(), &[]),
                    note: say(lang, action.note_key(), &[]),
                    lines,
                })
            })
            .collect();
        let total = e.improvements.len();
        let min_gap = shown(options.min_gap());
        let mut scope = say(
            lang,
            "scope",
            &[
                ("shown", &selection.shown.len().to_string()),
                ("min-gap", &min_gap),
            ],
        );
        let gap = match lang {
            Lang::Ja => "",
            Lang::En => " ",
        };
        if !selection.folded.is_empty() {
            scope.push_str(gap);
            scope.push_str(&say(
                lang,
                "scope-folded",
                &[("folded", &selection.folded.len().to_string())],
            ));
        }
        if selection.below > 0 {
            scope.push_str(gap);
            scope.push_str(&say(
                lang,
                "scope-below",
                &[
                    ("below", &selection.below.to_string()),
                    ("total", &total.to_string()),
                    ("min-gap", &min_gap),
                ],
            ));
        }
        PlanView {
            groups,
            // Numbered on from the plan's lines.
            folded: selection
                .folded
                .iter()
                .enumerate()
                .map(|(rank, &i)| cx.line(i, selection.shown.len() + rank + 1))
                .collect(),
            total,
            below: selection.below,
            scope,
            top: selection
                .shown
                .iter()
                .take(TOP_ACTIONS)
                .enumerate()
                .map(|(rank, &i)| cx.line(i, rank + 1))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    use isomm_core::evaluate;

    fn assessment(text: &str) -> Assessment {
        answers::parse(
            text,
            AnswersFormat::Toml,
            Catalog::builtin(),
            &Overrides::default(),
        )
        .unwrap()
    }

    const HEAD: &str = r#"
format = "isomm-answers/1"
organization = "Org"
title = "Plan"
current_pattern = "hybrid"
target_pattern = "minimum-outsource"
target_level = 4
"#;

    /// Every R10 point lands in exactly one of shown, folded and below, in R10's order.
    #[test]
    fn selection_cuts_by_size_and_threshold() {
        let a = assessment(&format!(
            "{HEAD}[[respondents]]\nname = \"A\"\nposition = \"staff\"\n[respondents.answers]\n\
             \"C-1\" = {{ outsource = 3 }}\n\"C-2\" = {{ outsource = 2 }}\n\"A-1\" = {{ insource = 4 }}\n"
        ));
        let e = evaluate(Catalog::builtin(), &a);
        let all = select(&e, PlanOptions::new(PlanOptions::MAX_SIZE, 0.0).unwrap());
        assert_eq!(all.shown, (0..e.improvements.len()).collect::<Vec<_>>());
        assert!(all.folded.is_empty() && all.below == 0);
        let cut = select(&e, PlanOptions::new(3, 1.5).unwrap());
        assert_eq!(cut.shown, [0, 1, 2]);
        // C-1 (outsource 3, gap 1) is the only point below 1.5.
        assert_eq!(cut.below, 1);
        assert_eq!(
            cut.shown.len() + cut.folded.len() + cut.below,
            e.improvements.len()
        );
        let c1 = Catalog::builtin().role_index("C-1").unwrap();
        let c1_point = e.improvements.iter().position(|p| p.role == c1).unwrap();
        assert!(!cut.shown.contains(&c1_point) && !cut.folded.contains(&c1_point));
    }

    #[test]
    fn actions_follow_side_and_transition() {
        let point = |side, transition| Improvement {
            role: 0,
            side,
            level: 1.0,
            gap: 3.0,
            transition,
            priority: 3.0,
        };
        assert_eq!(
            Action::of(&point(Side::Insource, true)),
            Action::BringInHouse
        );
        assert_eq!(Action::of(&point(Side::Outsource, true)), Action::HandOver);
        assert_eq!(
            Action::of(&point(Side::Insource, false)),
            Action::RaiseInHouse
        );
        assert_eq!(
            Action::of(&point(Side::Outsource, false)),
            Action::ManageProvider
        );
    }

    /// A role moving in-house shows the provider's level; 0 answers read as a decision, not as
    /// missing answers; the line names the definitions of the levels it moves between.
    #[test]
    fn lines_say_what_to_do_and_why() {
        // Hybrid → minimum-outsource moves area IV in-house; E-4 is in area IV by default.
        let e4 = Catalog::builtin().role_index("E-4").unwrap();
        assert_eq!(
            Catalog::builtin().roles()[e4].default_area,
            isomm_core::Area::IV
        );
        let a = assessment(&format!(
            "{HEAD}[[respondents]]\nname = \"A\"\nposition = \"staff\"\n[respondents.answers]\n\
             \"E-4\" = {{ insource = 0, outsource = 4 }}\n\
             [[respondents]]\nname = \"B\"\nposition = \"manager\"\n[respondents.answers]\n\
             \"E-4\" = {{ outsource = 5, note = \"IR vendor on retainer\" }}\n"
        ));
        let e = evaluate(Catalog::builtin(), &a);
        let plan = PlanView::new(Catalog::builtin(), &a, &e, PlanOptions::default(), Lang::En);
        let group = plan
            .groups
            .iter()
            .find(|g| g.action == Action::BringInHouse)
            .unwrap();
        let line = group.lines.iter().find(|l| l.id == "E-4").unwrap();
        assert_eq!(
            line.now,
            "Insource: 1 of 2 decided not to do it (0) · Outsource 4.5"
        );
        assert_eq!(line.goal, "Target: Insource 4");
        // From the decision not to do it (level 0) to the target's definition.
        assert_eq!(
            line.todo,
            "Insource: from \"Considered doing it in-house, and decided not to do it\" (level 0) to \"Documented; others can take over from the person in charge and do the work\" (level 4)."
        );
        assert!(
            line.why
                .contains("1 of 2 respondents answered 0 for doing it in-house"),
            "{}",
            line.why
        );
        assert!(
            line.why.contains("in-house under the target pattern"),
            "{}",
            line.why
        );
        assert!(
            !line.why.contains("mismatch"),
            "the answers are not in-house only"
        );
        assert_eq!(line.notes.len(), 1);
        assert_eq!(line.notes[0].text, "IR vendor on retainer");
        assert!(!line.thin);
        // Japanese too, with the seed's words.
        let plan = PlanView::new(Catalog::builtin(), &a, &e, PlanOptions::default(), Lang::Ja);
        let line = plan.groups[0].lines.iter().find(|l| l.id == "E-4").unwrap();
        assert!(
            line.todo.contains("実施しないと判断した」（レベル 0）から"),
            "{}",
            line.todo
        );
        assert!(line.why.contains("実施しないと判断"), "{}", line.why);
    }

    #[test]
    fn every_plan_message_is_in_every_language() {
        fn ask_all(m: &mut isomm_core::messages::Messages) {
            for a in Action::ALL {
                m.format(a.key(), &[]);
                m.format(a.note_key(), &[]);
            }
            m.format("side-level", &[("side", "s"), ("level", "1.0")]);
            m.format(
                "side-declined",
                &[("side", "s"), ("count", "1"), ("respondents", "2")],
            );
            m.format("goal", &[("side", "s"), ("target", "4")]);
            m.format("side-none", &[("side", "s")]);
            m.format(
                "todo",
                &[
                    ("side", "s"),
                    ("from", "f"),
                    ("from-level", "1"),
                    ("to", "t"),
                    ("target", "4"),
                ],
            );
            for side in ["insource", "outsource"] {
                m.format("why-transition", &[("side", side)]);
                m.format("why-mismatch", &[("side", side)]);
                for key in ["why-declined", "why-unanswered"] {
                    m.format(key, &[("side", side), ("count", "1"), ("respondents", "2")]);
                }
            }
            m.format("scope", &[("shown", "10"), ("min-gap", "0.5")]);
            m.format("scope-folded", &[("folded", "3")]);
            m.format(
                "scope-below",
                &[("below", "2"), ("total", "15"), ("min-gap", "0.5")],
            );
            // The summary's sentences (view.rs).
            for reached in ["yes", "no"] {
                let args = [("reached", reached), ("gap", "1.0"), ("target", "4")];
                m.format("against-target", &args);
                m.format(
                    "verdict",
                    &[
                        ("overall", "3.0"),
                        ("target", "4"),
                        ("reached", reached),
                        ("gap", "1.0"),
                    ],
                );
            }
            m.format("verdict-none", &[]);
            m.format("partial", &[("respondents", "5"), ("parts", "p")]);
            for plural in ["one", "other"] {
                for key in ["partial-unfinished", "partial-silent"] {
                    m.format(key, &[("count", "1"), ("plural", plural)]);
                }
            }
            for same in ["yes", "no"] {
                m.format(
                    "pattern-change",
                    &[
                        ("current", "c"),
                        ("target", "t"),
                        ("same", same),
                        ("moves", "m"),
                        ("roles", "9"),
                    ],
                );
            }
            m.format("moves-in", &[("areas", "IV")]);
            m.format("moves-out", &[("areas", "III")]);
            m.format(
                "largest-gap",
                &[
                    ("role", "r"),
                    ("low", "l"),
                    ("min", "0"),
                    ("high", "h"),
                    ("max", "4"),
                    ("spread", "4"),
                ],
            );
            m.format("counted", &[("count", "3"), ("positions", "p")]);
            m.format("and-more", &[("count", "3")]);
            m.format("more-notes", &[("count", "3")]);
            m.format("position-count", &[("position", "p"), ("count", "3")]);
            m.format("largest-gap-ties", &[("count", "3"), ("spread", "4")]);
            m.format("people", &[("count", "3")]);
            for result in ["above", "below", "even"] {
                let args = [
                    ("result", result),
                    ("high", "3.0"),
                    ("low", "2.0"),
                    ("diff", "1.0"),
                ];
                m.format("tendency-positions", &args);
                m.format("tendency-sourcing", &args);
            }
        }
        assert_eq!(
            isomm_core::messages::problems(plan_source, ask_all),
            Vec::<String>::new()
        );
    }
}
