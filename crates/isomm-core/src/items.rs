//! Tracked improvement plan items (formats.md, "Improvement plan items", `isomm-plan/1`): what a
//! key, a status and a person's edit of an item are, checked once here so that every path (the
//! plan page's form, its script, an uploaded workbook) takes the same values; and whether a done
//! item reached its target in a later round (rule C5 with the item's own target level).
//!
//! No I/O, and nothing here fails but the parsing of what people typed.

use crate::answers::Side;
use crate::compare::RoundRole;
use crate::limits::{MAX_NOTE_CHARS, MAX_TEXT_CHARS};

/// The columns of `isomm-plan/1`, in order (the CSV's header, the workbook's row of names).
pub const PLAN_COLUMNS: [&str; 17] = [
    "key",
    "rank",
    "role",
    "side",
    "action",
    "title",
    "owner",
    "due",
    "status",
    "reason",
    "target_level",
    "level_at_start",
    "level_now",
    "verified",
    "evidence",
    "note",
    "updated",
];

/// The columns a person may change in a file of the items; every other is isomm's.
pub const EDITABLE_COLUMNS: [&str; 5] = ["owner", "due", "status", "reason", "note"];

/// An item's key, stable across the rounds of a series: `role:<role id>:<insource|outsource>`
/// for an item made from an improvement point, `custom:<n>` for one a person added.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ItemKey {
    Role { role: String, side: Side },
    Custom(u32),
}

impl ItemKey {
    /// The key as written (`role:C-4:insource`, `custom:3`); `None` for anything else.
    pub fn parse(text: &str) -> Option<ItemKey> {
        let mut parts = text.split(':');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("role"), Some(role), Some(side), None)
                if !role.is_empty()
                    && role.len() <= MAX_TEXT_CHARS
                    && role
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                let side = match side {
                    "insource" => Side::Insource,
                    "outsource" => Side::Outsource,
                    _ => return None,
                };
                Some(ItemKey::Role {
                    role: role.to_string(),
                    side,
                })
            }
            (Some("custom"), Some(n), None, None)
                if !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                n.parse().ok().filter(|n| *n > 0).map(ItemKey::Custom)
            }
            _ => None,
        }
    }

    /// The role and side of an item made from an improvement point.
    pub fn point(&self) -> Option<(&str, Side)> {
        match self {
            ItemKey::Role { role, side } => Some((role, *side)),
            ItemKey::Custom(_) => None,
        }
    }
}

impl std::fmt::Display for ItemKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemKey::Role { role, side } => write!(f, "role:{role}:{}", side.as_str()),
            ItemKey::Custom(n) => write!(f, "custom:{n}"),
        }
    }
}

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    Todo,
    InProgress,
    Done,
    OnHold,
    /// Decided against: a reason is required.
    WontDo,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 5] = [
        ItemStatus::Todo,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::OnHold,
        ItemStatus::WontDo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Todo => "todo",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Done => "done",
            ItemStatus::OnHold => "on_hold",
            ItemStatus::WontDo => "wont_do",
        }
    }

    pub fn parse(text: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The status in `lang`'s words (a drop-down's, a page's).
    pub fn name(self, lang: crate::Lang) -> &'static str {
        let at = ItemStatus::ALL.iter().position(|s| *s == self).unwrap_or(0);
        crate::messages::core_words(lang).statuses[at]
    }

    /// A status as a person may write it in a file: its code, or its name in either language
    /// (English names in any case).
    pub fn from_word(text: &str) -> Option<ItemStatus> {
        let text = text.trim();
        ItemStatus::parse(text).or_else(|| {
            ItemStatus::ALL.into_iter().find(|s| {
                s.name(crate::Lang::Ja) == text
                    || s.name(crate::Lang::En).eq_ignore_ascii_case(text)
            })
        })
    }

    /// Still to be done: an item that is neither done nor decided against (overdue when past its
    /// due date).
    pub fn is_open(self) -> bool {
        !matches!(self, ItemStatus::Done | ItemStatus::WontDo)
    }
}

/// A done item checked against a later round (rule C5 with the item's own target level).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verified {
    Achieved,
    NotAchieved,
}

impl Verified {
    pub fn as_str(self) -> &'static str {
        match self {
            Verified::Achieved => "achieved",
            Verified::NotAchieved => "not_achieved",
        }
    }
}

/// C5 for one item: the later round's value of the item's side for its role (1 when absent, as in
/// R10; `None` when the role is not applicable there), and whether it reached `target_level`,
/// rounded as shown. Only a done item made from an improvement point is verified.
pub fn verify(
    key: &ItemKey,
    status: ItemStatus,
    target_level: u8,
    later: &[RoundRole],
) -> Option<Verified> {
    let (role, side) = key.point()?;
    if status != ItemStatus::Done {
        return None;
    }
    let level = crate::compare::side_level(later.iter().find(|r| r.id == role), side);
    Some(if crate::compare::reaches(level, target_level) {
        Verified::Achieved
    } else {
        Verified::NotAchieved
    })
}

/// C5 with the earlier round's tracked items: a point an item tracked is checked against the
/// item's own target level (formats.md: "a tracked plan item uses its own target level"). The
/// earlier round's other points keep its target level.
pub fn follow_up(c: &mut crate::compare::Comparison, earlier_items: &[Item]) {
    for f in &mut c.plan_follow_up {
        let tracked = earlier_items
            .iter()
            .find(|i| i.key.point() == Some((f.role.as_str(), f.side)));
        if let Some(item) = tracked {
            f.target_level = item.fields.target_level;
            f.reached = crate::compare::reaches(f.later_level, f.target_level);
        }
    }
}

/// A tracked item as every page and file shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub key: ItemKey,
    /// The line's rank in the plan it came from; `None` for an item added by hand.
    pub rank: Option<i64>,
    /// One of the plan's action codes, or `custom`.
    pub action: String,
    pub fields: ItemFields,
    /// The side's value when the item was made (from the assessment's result then).
    pub level_at_start: Option<f64>,
    /// When it last changed, in milliseconds since the epoch (what an uploaded row is checked
    /// against).
    pub updated_at: i64,
}

/// `updated_at` as files write it: UTC, RFC 3339, to the millisecond (`2026-12-01T09:00:00.123Z`).
pub fn updated_text(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// [`updated_text`] read back; `None` for anything else.
pub fn parse_updated(text: &str) -> Option<i64> {
    let t: jiff::Timestamp = text.trim().parse().ok()?;
    Some(t.as_millisecond())
}

/// What is wrong with a field of an item as a person gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemProblem {
    /// The title is empty.
    TitleEmpty,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not a date written YYYY-MM-DD.
    BadDate,
    /// Not one of the statuses.
    BadStatus,
    /// `wont_do` without a reason.
    ReasonRequired,
    /// Not an integer from 1 to 5.
    BadTargetLevel,
    /// A link whose scheme is not `http` or `https`.
    BadLink { link: String },
}

/// An item's fields as a person typed them (a form, a workbook's row), before they are checked.
#[derive(Clone, Debug, Default)]
pub struct RawItem<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    pub due: &'a str,
    pub status: &'a str,
    pub reason: &'a str,
    pub target_level: &'a str,
    pub evidence: &'a str,
    pub note: &'a str,
}

/// An item's fields, checked: every text bounded, the status known (with its reason when it is
/// `wont_do`), the due date a date, the target level 1 to 5, the evidence's links web links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemFields {
    pub title: String,
    /// A name (a member of the workspace is named as the workspace knows them).
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: ItemStatus,
    pub reason: Option<String>,
    pub target_level: u8,
    pub evidence: Option<String>,
    pub note: Option<String>,
}

/// A date as people type it, written `YYYY-MM-DD`: the year in four digits, then month and day
/// in one or two, separated by `-` or `/` (full-width digits and separators too: `2027/3/31`,
/// `２０２７－０３－３１`); `None` for anything else, or a day the calendar does not have.
pub fn typed_date(text: &str) -> Option<String> {
    let half: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '/' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = half.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
        return None;
    }
    let date = format!("{y}-{m:0>2}-{d:0>2}");
    crate::answers::valid_date(&date).then_some(date)
}

/// Schemes a link in a text must have, when it has one.
const WEB: [&str; 2] = ["http", "https"];

/// The links of a text whose scheme is not the web's: a word with `scheme://` whose scheme is not
/// `http` or `https`, or one naming a scheme a browser runs or opens locally.
fn bad_links(text: &str) -> Vec<String> {
    const RUN: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];
    let scheme_char = |c: char| c.is_ascii_alphanumeric() || "+.-".contains(c);
    words(text)
        .filter(|word| {
            let lower = word.to_ascii_lowercase();
            let runs = RUN.iter().any(|s| lower.contains(s));
            let other = lower.split("://").count() > 1
                && lower
                    .split("://")
                    .take(lower.split("://").count() - 1)
                    .any(|before| {
                        let start = before.len()
                            - before
                                .chars()
                                .rev()
                                .take_while(|c| scheme_char(*c))
                                .map(char::len_utf8)
                                .sum::<usize>();
                        !WEB.contains(&&before[start..])
                    });
            runs || other
        })
        .map(crate::doc::shorten)
        .collect()
}

/// The words of a text, split where a link would end.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || "<>\"'()[]".contains(c))
        .filter(|w| !w.is_empty())
}

/// The web links of a text (`http://…`, `https://…`), for a page to make them links; every other
/// part is text.
pub fn web_links(text: &str) -> Vec<&str> {
    words(text)
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            (lower.starts_with("http://") || lower.starts_with("https://")) && w.len() > 8
        })
        .collect()
}

impl ItemFields {
    /// Checks an item's fields; every problem with its field's name (`title`, `owner`, `due`,
    /// `status`, `reason`, `target_level`, `evidence`, `note`).
    pub fn parse(raw: &RawItem<'_>) -> Result<ItemFields, Vec<(&'static str, ItemProblem)>> {
        let mut problems = Vec::new();
        let mut text = |field: &'static str, value: &str, max: usize| {
            let value = value.trim();
            if value.chars().count() > max {
                problems.push((field, ItemProblem::TooLong { max }));
            }
            (!value.is_empty()).then(|| value.to_string())
        };
        let title = text("title", raw.title, MAX_TEXT_CHARS);
        let owner = text("owner", raw.owner, MAX_TEXT_CHARS);
        let reason = text("reason", raw.reason, MAX_NOTE_CHARS);
        let evidence = text("evidence", raw.evidence, MAX_NOTE_CHARS);
        let note = text("note", raw.note, MAX_NOTE_CHARS);
        if title.is_none() {
            problems.push(("title", ItemProblem::TitleEmpty));
        }
        let typed_due = Some(raw.due.trim()).filter(|d| !d.is_empty());
        let due = typed_due.map(|d| typed_date(d).unwrap_or_default());
        if due.as_deref() == Some("") {
            problems.push(("due", ItemProblem::BadDate));
        }
        let status = ItemStatus::parse(raw.status.trim());
        match status {
            None => problems.push(("status", ItemProblem::BadStatus)),
            Some(ItemStatus::WontDo) if reason.is_none() => {
                problems.push(("reason", ItemProblem::ReasonRequired))
            }
            _ => {}
        }
        let target_level = raw
            .target_level
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|l| (1..=5).contains(l));
        if target_level.is_none() {
            problems.push(("target_level", ItemProblem::BadTargetLevel));
        }
        if let Some(e) = &evidence {
            for link in bad_links(e) {
                problems.push(("evidence", ItemProblem::BadLink { link }));
            }
        }
        match (title, status, target_level) {
            (Some(title), Some(status), Some(target_level)) if problems.is_empty() => {
                Ok(ItemFields {
                    title,
                    owner,
                    due,
                    status,
                    reason,
                    target_level,
                    evidence,
                    note,
                })
            }
            _ => Err(problems),
        }
    }
}

pub mod upload;

#[cfg(test)]
mod tests;
