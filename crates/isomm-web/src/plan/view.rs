//! The plan page's view model: the plan's groups and lines as the results show them, each line
//! with its tracked item (or a box to track it), the items no line holds, and the filters.

use askama::Template;
use isomm_core::items::Item;

use crate::base::ctx::Ctx;

/// A line of the plan, as the page lists it.
pub struct LineView {
    pub rank: usize,
    pub key: String,
    pub role: String,
    pub name: String,
    pub goal: String,
    /// The side's value now, as shown (`2.0`).
    pub level_now: String,
    pub item: Option<ItemView>,
}

pub struct GroupView {
    pub title: String,
    pub lines: Vec<LineView>,
}

/// An item as the page shows it and edits it.
pub struct ItemView {
    pub key: String,
    /// The key as a path segment.
    pub slug: String,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub status: &'static str,
    pub status_word: &'static str,
    pub reason: String,
    pub target_level: u8,
    pub evidence: String,
    /// The evidence's web links, to be made links.
    pub links: Vec<String>,
    pub note: String,
    pub overdue: bool,
    pub updated: i64,
    /// Whether it reached its target in the next round's results (a closed round's page), in
    /// words; empty when not known or not verified.
    pub verified: &'static str,
    /// Its fields' problems, when a change was refused: field, what to change.
    pub errors: std::collections::BTreeMap<&'static str, String>,
    /// Hidden by the filters.
    pub hidden: bool,
}

impl ItemView {
    /// `item` on a page of `today` (the workspace's day), in `lang`.
    pub fn new(lang: isomm_core::Lang, item: &Item, today: &str) -> ItemView {
        let f = &item.fields;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let evidence = text(&f.evidence);
        ItemView {
            key: item.key.to_string(),
            slug: item.key.to_string(),
            title: f.title.clone(),
            owner: text(&f.owner),
            due: text(&f.due),
            status: f.status.as_str(),
            status_word: f.status.name(lang),
            reason: text(&f.reason),
            target_level: f.target_level,
            links: isomm_core::items::web_links(&evidence)
                .into_iter()
                .map(str::to_string)
                .collect(),
            evidence,
            note: text(&f.note),
            overdue: f.status.is_open() && f.due.as_deref().is_some_and(|d| d < today),
            updated: item.updated_at,
            verified: "",
            errors: Default::default(),
            hidden: false,
        }
    }

    /// The problem of `field`, when its change was refused.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    /// Is `level` the item's target level? (The page's choice.)
    pub fn targets(&self, level: &u8) -> bool {
        self.target_level == *level
    }
}

/// A choice of the status filter or of the item's status.
pub struct StatusChoice {
    pub value: &'static str,
    pub word: &'static str,
}

#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    pub ctx: Ctx,
    pub id: i64,
    pub organization: String,
    pub groups: Vec<GroupView>,
    /// Items that no line of the plan holds now (added by hand, or a line that left the plan).
    pub others: Vec<ItemView>,
    pub statuses: Vec<StatusChoice>,
    /// The filters as chosen ("" for all), and the owners to choose from.
    pub filter_status: String,
    pub filter_owner: String,
    pub owners: Vec<String>,
    /// The names an owner is chosen from (the workspace's members, the owners so far); any other
    /// name may be typed.
    pub owner_choices: Vec<String>,
    /// The round is closed: the items are shown as they stay.
    pub closed: bool,
    /// The round started from this one (its plan page carries the open items on).
    pub next_round: Option<i64>,
    /// A problem of the last write, said at the top.
    pub problem: Option<String>,
    /// The items done in the round this one was started from, each with whether it reached its
    /// target in this round's results (C5), or that they are awaited.
    pub done_before: Vec<(ItemView, &'static str)>,
    pub overdue: usize,
    /// What an uploaded workbook changed, after the upload.
    pub uploaded: Option<String>,
    /// Why an uploaded workbook was refused: a line per cell (nothing was changed).
    pub upload_errors: Vec<String>,
}

impl PlanPage {
    /// May this reader change items here?
    pub fn edits(&self) -> bool {
        self.ctx.assessor() && !self.closed
    }

    /// Whether any item is here (to edit in a workbook).
    pub fn has_items(&self) -> bool {
        !self.others.is_empty()
            || self
                .groups
                .iter()
                .flat_map(|g| &g.lines)
                .any(|l| l.item.is_some())
    }

    /// Lines that are not items yet.
    pub fn untracked(&self) -> usize {
        self.groups
            .iter()
            .flat_map(|g| &g.lines)
            .filter(|l| l.item.is_none())
            .count()
    }

    pub fn target_levels(&self) -> [u8; 5] {
        [1, 2, 3, 4, 5]
    }
}
