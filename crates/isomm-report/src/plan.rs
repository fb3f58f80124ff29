//! The improvement plan people read: R10's points grouped by what to do, cut to the largest gaps,
//! each line saying what reaching the target means in the seed's level definitions.
//!
//! Which points, in which groups and order, and from which level each line starts are the core's
//! rules ([`isomm_core::plan`], with their tests); [`PlanView::new`] only puts them into words.
//! The rules are written down in `docs/rules.md` ("The improvement plan"). The result document
//! keeps R10's full list; only what people read is cut.

use isomm_core::answers::Side;
use isomm_core::plan as plan_rules;
use isomm_core::rules::Evaluation;
use isomm_core::{Assessment, Catalog, Lang};
use serde::Serialize;

use crate::view::{NoteView, difference, more_notes_text, notes_of, shown};

pub use isomm_core::PlanOptions;
pub use isomm_core::plan::{Action, SideCount, TOP_ACTIONS, evidence, select, side_count, thin};

/// The message key of an action's group title (`plan.ftl`): its code ([`Action::as_str`]), also
/// its name in lists that mix groups.
pub fn action_key(action: Action) -> &'static str {
    action.as_str()
}

/// The message key of the sentence under an action's group title.
pub fn action_note_key(action: Action) -> &'static str {
    match action {
        Action::FindOut => "find-out-note",
        Action::RaiseInHouse => "raise-in-house-note",
        Action::ManageProvider => "manage-provider-note",
        Action::ConfirmSourcing => "confirm-sourcing-note",
        Action::BringInHouse => "bring-in-house-note",
        Action::HandOver => "hand-over-note",
    }
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
    /// The line's place in the plan, 1..N across the groups; folded lines rank on after them.
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
    /// The target level minus L, the unrounded difference rounded as shown (the plan's scope says
    /// when it is 0.1 off the difference of the figures shown).
    pub gap: String,
    /// R10's priority (the gap, +1 for a change of sourcing), as shown: what orders the ranks.
    pub priority: String,
    /// The side and level to reach ("目標：インソース 4").
    pub goal: String,
    /// What reaching the target means, in the seed's definitions of the levels on that side.
    pub todo: String,
    /// Why the line reads as it does: no answers, answers of 0, a change of sourcing.
    pub why: String,
    /// For a strong role (level 4 or more) in the plan: that its level is the other side's; else
    /// empty. Also part of `why`; page 1 shows it beside a first action.
    pub strong: String,
    /// The level rests on fewer than two answering respondents.
    pub thin: bool,
    pub notes: Vec<NoteView>,
    /// Notes not shown (the result document has them all), as a number and in words.
    pub more_notes: usize,
    pub more_notes_text: String,
    /// The point's side (`insource`, `outsource`): with `id`, the key of its tracked item.
    #[serde(skip)]
    pub side_key: &'static str,
    /// The tracked item of this line, when there is one ([`crate::view::ReportView::with_items`]).
    pub tracked: Option<Tracked>,
}

/// A plan line's tracked item as the reports show it: who does it, by when, how far it is, and
/// the three in one line for the HTML and PDF reports.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Tracked {
    pub owner: String,
    pub due: String,
    pub status: String,
    pub text: String,
}

impl PlanView {
    /// Each line with its tracked item (by key, `role:<id>:<side>`), in `lang`'s words.
    pub fn with_items(&mut self, items: &[isomm_core::items::Item], lang: Lang) {
        if items.is_empty() {
            return;
        }
        let w = crate::xlsx::words(lang);
        let status = |s: isomm_core::items::ItemStatus| s.name(lang).to_string();
        let lines = self
            .groups
            .iter_mut()
            .flat_map(|g| g.lines.iter_mut())
            .chain(self.folded.iter_mut())
            .chain(self.top.iter_mut());
        for l in lines {
            let key = format!("role:{}:{}", l.id, l.side_key);
            let Some(item) = items.iter().find(|i| i.key.to_string() == key) else {
                continue;
            };
            let f = &item.fields;
            let owner = f.owner.clone().unwrap_or_default();
            let due = f.due.clone().unwrap_or_default();
            let status = status(f.status);
            let mut parts = vec![format!("{}: {status}", w.status)];
            if !owner.is_empty() {
                parts.push(format!("{}: {owner}", w.owner));
            }
            if !due.is_empty() {
                parts.push(format!("{}: {due}", w.due));
            }
            l.tracked = Some(Tracked {
                owner,
                due,
                status,
                text: parts.join(" · "),
            });
        }
    }
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
    /// The summary's first actions: the first line of up to three groups, in rank order.
    pub top: Vec<PlanLine>,
}

struct Context<'a> {
    catalog: &'a Catalog,
    assessment: &'a Assessment,
    e: &'a Evaluation,
    lang: Lang,
    /// The points kept in the plan for a weakness (R8).
    reserved: &'a [usize],
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
        let action = Action::of(self.e, p);
        let target = self.assessment.target_level.get();
        let definition = |level: u8| {
            let d = &self.catalog.levels()[usize::from(level)];
            match p.side {
                Side::Insource => d.insource.get(lang),
                Side::Outsource => d.outsource.get(lang),
            }
        };
        let present = plan_rules::side_present(self.e, p);
        let count = side_count(self.assessment, p.role, p.side);
        let reached = plan_rules::from_level(p);
        // An outsourced role's goal is worded as what to achieve (the sheet's definition of the
        // level is quoted beside it).
        let todo_key = match (action, p.side) {
            // Nobody answered: no level to start from, only the goal once it is known how the
            // role is done.
            (Action::FindOut, _) => "todo-find-out",
            (_, Side::Insource) => "todo",
            (_, Side::Outsource) => "todo-outsource",
        };
        let todo = say(
            lang,
            todo_key,
            &[
                ("side", p.side.name(lang)),
                ("from", definition(reached)),
                ("from-level", &reached.to_string()),
                ("to", definition(target)),
                ("target", &target.to_string()),
            ],
        );
        let mut why = Vec::new();
        let side_word = p.side.as_str();
        let mismatch = self.e.mismatches.iter().find(|m| m.role == p.role);
        match action {
            Action::FindOut => why.push(say(lang, "why-find-out", &[])),
            Action::ConfirmSourcing => {
                if let Some(m) = mismatch {
                    why.push(say(
                        lang,
                        "why-confirm",
                        &[
                            ("expected", m.expected.as_str()),
                            ("actual", m.actual.as_str()),
                        ],
                    ));
                }
            }
            _ => {}
        }
        if !present && action != Action::FindOut {
            let key = if count.declined > 0 {
                "why-declined"
            } else {
                "why-unanswered"
            };
            why.push(say(
                lang,
                key,
                &[
                    ("side", side_word),
                    ("count", &count.declined.to_string()),
                    (
                        "respondents",
                        &self.assessment.respondents.len().to_string(),
                    ),
                ],
            ));
        }
        if p.transition && matches!(action, Action::BringInHouse | Action::HandOver) {
            why.push(say(lang, "why-transition", &[("side", side_word)]));
        }
        // R9, and the answers already on the target's side: the pattern, not the practice,
        // changes; the line raises what is done.
        if mismatch.is_some() && matches!(action, Action::RaiseInHouse | Action::ManageProvider) {
            why.push(say(lang, "why-mismatch", &[("side", side_word)]));
        }
        // A strong role (R8) in the plan: its level is the other side's (page 1 says it too).
        let strong = if self.e.strong_roles.contains(&p.role) {
            let level = self.e.roles[p.role].level.unwrap_or_default();
            say(
                lang,
                "why-strong",
                &[
                    ("side", side_word),
                    ("level", &shown(level)),
                    ("value", &shown(p.level)),
                ],
            )
        } else {
            String::new()
        };
        if !strong.is_empty() {
            why.push(strong.clone());
        }
        if self.reserved.contains(&index) {
            let function = &self.catalog.functions()[role.function];
            why.push(say(
                lang,
                "why-weakness",
                &[(
                    "function",
                    &format!("{} {}", function.id, function.name.get(lang)),
                )],
            ));
        }
        let (notes, more_notes) = notes_of(self.assessment, p.role, lang);
        PlanLine {
            point: index,
            rank,
            action,
            action_name: say(lang, action_key(action), &[]),
            id: role.id.clone(),
            name: role.name.get(lang).to_string(),
            side: p.side.name(lang).to_string(),
            now: [
                self.side_now(p.role, Side::Insource),
                self.side_now(p.role, Side::Outsource),
            ]
            .join(" · "),
            gap: difference(f64::from(target), p.level),
            priority: shown(p.priority),
            goal: say(
                lang,
                "goal",
                &[("side", p.side.name(lang)), ("target", &target.to_string())],
            ),
            todo,
            why: why.join(crate::ui::ui(lang).sentence_gap),
            strong,
            thin: thin(self.assessment, p.role),
            notes,
            more_notes_text: more_notes_text(more_notes, lang),
            side_key: p.side.as_str(),
            tracked: None,
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
        let selection = select(catalog, e, options);
        let cx = Context {
            catalog,
            assessment,
            e,
            lang,
            reserved: &selection.reserved,
        };
        // A line's rank is its place in the plan's order (R10's), 1..N across the groups: the same
        // number in every format, so a group may read 1, 3, 4.
        let rank = |i: usize| selection.rank(i).unwrap_or_default();
        let groups = selection
            .groups(e)
            .into_iter()
            .map(|group| PlanGroup {
                action: group.action,
                title: say(lang, action_key(group.action), &[]),
                note: say(lang, action_note_key(group.action), &[]),
                lines: group.points.iter().map(|&i| cx.line(i, rank(i))).collect(),
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
        let gap = crate::ui::ui(lang).sentence_gap;
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
        // A gap taken before rounding may be 0.1 off the target minus the level shown: said once.
        let target = f64::from(assessment.target_level.get());
        if selection
            .shown
            .iter()
            .chain(&selection.folded)
            .any(|&i| !crate::view::adds_up(target, e.improvements[i].level))
        {
            scope.push_str(gap);
            scope.push_str(&crate::view::rounding_note(lang));
        }
        PlanView {
            groups,
            // Numbered on from the plan's lines.
            folded: selection
                .folded
                .iter()
                .map(|&i| cx.line(i, rank(i)))
                .collect(),
            total,
            below: selection.below,
            scope,
            top: selection
                .top(e)
                .into_iter()
                .map(|i| cx.line(i, rank(i)))
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

    /// Ranks run 1..N across the groups, in the plan's order, in every example: the groups' lines,
    /// then the folded rest, each number once; the first actions carry their lines' ranks.
    #[test]
    fn ranks_run_one_to_n_across_the_groups() {
        for example in [
            "hybrid-soc-mssp.toml",
            "inhouse-team-to-full-insource.toml",
            "large-soc-30-respondents.toml",
            "one-person-csirt.toml",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples")
                .join(example);
            let a = assessment(&std::fs::read_to_string(path).unwrap());
            let e = evaluate(Catalog::builtin(), &a);
            let plan = PlanView::new(Catalog::builtin(), &a, &e, PlanOptions::default(), Lang::Ja);
            let mut ranks: Vec<usize> = plan
                .groups
                .iter()
                .flat_map(|g| g.lines.iter().map(|l| l.rank))
                .collect();
            for g in &plan.groups {
                let own: Vec<usize> = g.lines.iter().map(|l| l.rank).collect();
                assert!(own.windows(2).all(|w| w[0] < w[1]), "{example}: {own:?}");
            }
            ranks.sort_unstable();
            let shown = ranks.len();
            assert_eq!(ranks, (1..=shown).collect::<Vec<_>>(), "{example}");
            let folded: Vec<usize> = plan.folded.iter().map(|l| l.rank).collect();
            assert_eq!(
                folded,
                (shown + 1..=shown + folded.len()).collect::<Vec<_>>(),
                "{example}"
            );
            for top in &plan.top {
                let same = plan
                    .groups
                    .iter()
                    .flat_map(|g| &g.lines)
                    .find(|l| l.id == top.id && l.side == top.side)
                    .expect("a first action is a line of the plan");
                assert_eq!(top.rank, same.rank, "{example} {}", top.id);
            }
        }
    }

    /// The hybrid example as an executive reads it: B-4, a strong role through its provider, is
    /// line 1 and says why; an outsourced line's goal is isomm's gloss, with the seed's words
    /// quoted as the level's definition; large-soc's weak H keeps a line that says why.
    #[test]
    fn lines_explain_strong_roles_goals_and_kept_weaknesses() {
        let read = |name: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples")
                .join(name);
            assessment(&std::fs::read_to_string(path).unwrap())
        };
        let a = read("hybrid-soc-mssp.toml");
        let e = evaluate(Catalog::builtin(), &a);
        for lang in [Lang::Ja, Lang::En] {
            let plan = PlanView::new(Catalog::builtin(), &a, &e, PlanOptions::default(), lang);
            let lines: Vec<&PlanLine> = plan.groups.iter().flat_map(|g| &g.lines).collect();
            let b4 = lines.iter().find(|l| l.id == "B-4").expect("B-4 is a line");
            assert_eq!(b4.rank, 1);
            let strong = if lang == Lang::Ja {
                "もう一方の実施形態の値"
            } else {
                "thanks to its other side"
            };
            assert!(
                b4.why.contains(strong) && b4.strong.contains(strong),
                "{}",
                b4.why
            );
            let top = plan
                .top
                .iter()
                .find(|l| l.id == "B-4")
                .expect("B-4 is a first action");
            assert_eq!(top.strong, b4.strong);
            let c4 = lines.iter().find(|l| l.id == "C-4").expect("C-4 is a line");
            assert_eq!(c4.action, Action::ManageProvider);
            let (gloss, seed) = if lang == Lang::Ja {
                (
                    "「サービス内容と結果を理解し、想定に届かない点を把握している」（レベル 4）",
                    "定義は「サービス内容と得られる結果を理解できているが、想定未満」",
                )
            } else {
                (
                    "you understand the service and its results and know where they fall short",
                    "\"The service scope and the results it delivers are understood, but fall short of expectations\"",
                )
            };
            assert!(
                c4.todo.contains(gloss) && c4.todo.contains(seed),
                "{}",
                c4.todo
            );
        }
        // A-5 of the one-person CSIRT was answered on neither side: find out first; no level to
        // start from is claimed.
        let a = read("one-person-csirt.toml");
        let e = evaluate(Catalog::builtin(), &a);
        let plan = PlanView::new(Catalog::builtin(), &a, &e, PlanOptions::default(), Lang::En);
        let a5 = plan
            .groups
            .iter()
            .flat_map(|g| &g.lines)
            .find(|l| l.id == "A-5")
            .expect("A-5 is a line");
        assert_eq!(a5.action, Action::FindOut);
        assert!(
            a5.todo.starts_with("Once you know who does it and how")
                && !a5.todo.contains("level 1"),
            "{}",
            a5.todo
        );
        let a = read("large-soc-30-respondents.toml");
        let e = evaluate(Catalog::builtin(), &a);
        let plan = PlanView::new(Catalog::builtin(), &a, &e, PlanOptions::default(), Lang::En);
        let kept: Vec<&PlanLine> = plan
            .groups
            .iter()
            .flat_map(|g| &g.lines)
            .filter(|l| l.why.contains("top point of a weak function"))
            .collect();
        assert!(
            kept.iter().any(|l| l.id.starts_with("H-")),
            "H, the weakest function, keeps a line: {:?}",
            kept.iter().map(|l| &l.id).collect::<Vec<_>>()
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
        // From level 1 (L with no value, R10) to the target's definition: one starting level; the
        // decision against the side is a fact beside it (`now`, `why`).
        assert_eq!(
            line.todo,
            "Insource: from \"Not done\" (level 1) to \"Documented; others can take over from the person in charge and do the work\" (level 4)."
        );
        assert!(!line.todo.contains("level 0") && !line.why.contains("counts as 1"));
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
        let line = plan
            .groups
            .iter()
            .flat_map(|g| &g.lines)
            .find(|l| l.id == "E-4")
            .unwrap();
        assert!(
            line.todo.contains("「実施できていない」（レベル 1）から"),
            "{}",
            line.todo
        );
        assert!(line.why.contains("実施しないと判断"), "{}", line.why);
        assert!(!line.why.contains("計算上"), "{}", line.why);
    }

    #[test]
    fn every_plan_message_is_in_every_language() {
        fn ask_all(m: &mut isomm_core::messages::Messages) {
            for a in Action::ALL {
                m.format(action_key(a), &[]);
                m.format(action_note_key(a), &[]);
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
            m.format(
                "todo-find-out",
                &[
                    ("side", "s"),
                    ("from", "f"),
                    ("from-level", "1"),
                    ("to", "t"),
                    ("target", "4"),
                ],
            );
            for target in ["2", "3", "4", "5"] {
                m.format(
                    "todo-outsource",
                    &[
                        ("side", "s"),
                        ("from", "f"),
                        ("from-level", "1"),
                        ("to", "t"),
                        ("target", target),
                    ],
                );
            }
            m.format("why-find-out", &[]);
            m.format("why-weakness", &[("function", "H")]);
            for side in ["insource", "outsource"] {
                m.format("why-transition", &[("side", side)]);
                m.format("why-mismatch", &[("side", side)]);
                m.format(
                    "why-strong",
                    &[("side", side), ("level", "4.3"), ("value", "1.0")],
                );
                m.format(
                    "why-confirm",
                    &[
                        ("expected", side),
                        (
                            "actual",
                            if side == "insource" {
                                "outsource"
                            } else {
                                "insource"
                            },
                        ),
                    ],
                );
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
            for count in ["1", "5"] {
                m.format("partial", &[("respondents", count), ("parts", "p")]);
                for key in ["partial-unfinished", "partial-silent"] {
                    m.format(key, &[("count", count)]);
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
            m.format("difference-rounding", &[]);
            m.format(
                "overall-meaning",
                &[
                    ("overall", "2.4"),
                    ("level", "2"),
                    ("insource", "i"),
                    ("outsource", "o"),
                ],
            );
            for count in ["0", "1", "17"] {
                m.format("mismatch-count", &[("count", count)]);
            }
            m.format("side-above-combined", &[]);
            for count in ["1", "39"] {
                m.format("gaps-more", &[("count", count), ("shown", "15")]);
                m.format("declined-in-cell", &[("count", count)]);
            }
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
