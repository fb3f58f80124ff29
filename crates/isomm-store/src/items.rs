//! Tracked improvement plan items in the store (issue 25; formats.md, `isomm-plan/1`): the items
//! of an assessment, made from its plan's lines or added by a person, and their changes, each
//! write in one transaction that bumps the assessment's revision (reports show the items) and
//! writes an audit line per item with its old and new value.
//!
//! The SQL is written once, in [`items_impl!`], and expanded for each backend's pool.

use async_trait::async_trait;
use isomm_core::items::{Item, ItemFields, ItemKey, ItemStatus};

use crate::accounts::AuditEntry;
use crate::{Id, StoreError};

/// Items one assessment may hold: every improvement point of the largest model on both sides,
/// and as many added by hand.
pub const MAX_ITEMS: usize = 4 * isomm_core::limits::MAX_ROLES;

/// One tracked item of an assessment, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanItem {
    pub id: Id,
    /// The item of the round before that this one continues.
    pub carried_from: Option<Id>,
    pub item: Item,
}

/// An item to make: from a plan line (its key, rank and action), or by hand (`key: None`: the
/// next `custom:<n>` of the series).
#[derive(Clone, Debug, PartialEq)]
pub struct NewItem {
    pub key: Option<ItemKey>,
    pub rank: Option<i64>,
    pub action: String,
    pub title: String,
    pub target_level: u8,
    pub level_at_start: Option<f64>,
}

/// What adding items gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemsAdded {
    /// The keys made, in the order given.
    Added(Vec<ItemKey>),
    /// An item with this key is there already: nothing was written.
    Taken(ItemKey),
    /// The assessment would hold more than [`MAX_ITEMS`]: nothing was written.
    Full,
    NoAssessment,
}

/// A change of one item's fields, by key, with the `updated_at` the person saw when they have one
/// (an uploaded row): the change is refused when the item changed since.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub key: ItemKey,
    pub fields: ItemFields,
    pub seen: Option<i64>,
}

/// What changing items gave: every change, or none of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemsChanged {
    /// How many items changed (an item given as it is changes nothing and writes no line).
    Changed(usize),
    /// No item with this key (index in the changes given): nothing was written.
    Unknown(usize),
    /// The item changed since the person saw it (index in the changes given): nothing was written.
    Stale(usize),
    NoAssessment,
}

/// An item past its due date, as the home page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueItem {
    pub assessment: Id,
    pub organization: String,
    pub round: String,
    pub key: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: String,
}

/// An item's fields in one line, for the audit log's old and new values.
pub fn describe(fields: &ItemFields) -> String {
    let mut out = format!(
        "status:{} target:{} title:{}",
        fields.status.as_str(),
        fields.target_level,
        fields.title
    );
    for (name, value) in [
        ("owner", &fields.owner),
        ("due", &fields.due),
        ("reason", &fields.reason),
        ("evidence", &fields.evidence),
        ("note", &fields.note),
    ] {
        if let Some(v) = value {
            out.push_str(&format!(" {name}:{v}"));
        }
    }
    out
}

/// Milliseconds since the epoch, what `updated_at` keeps.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The next `custom:<n>` among `keys` (those of a series).
pub(crate) fn next_custom(keys: &[String]) -> u32 {
    keys.iter()
        .filter_map(|k| match ItemKey::parse(k) {
            Some(ItemKey::Custom(n)) => Some(n),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        + 1
}

/// A row of `plan_items` read back into an item; a value the schema should have kept out is
/// [`StoreError::Corrupt`].
#[allow(clippy::type_complexity)]
pub(crate) fn item_of(
    row: (
        Id,
        String,
        Option<i64>,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        i64,
        Option<f64>,
        Option<String>,
        Option<String>,
        Option<Id>,
        i64,
    ),
) -> Result<PlanItem, StoreError> {
    let (
        id,
        key,
        rank,
        action,
        title,
        owner,
        due,
        status,
        reason,
        target_level,
        level_at_start,
        evidence,
        note,
        carried_from,
        updated_at,
    ) = row;
    let corrupt = |what: &str| StoreError::Corrupt(format!("plan item {id}: {what}"));
    Ok(PlanItem {
        id,
        carried_from,
        item: Item {
            key: ItemKey::parse(&key).ok_or_else(|| corrupt("key"))?,
            rank,
            action,
            fields: ItemFields {
                title,
                owner,
                due,
                status: ItemStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
                reason,
                target_level: u8::try_from(target_level).map_err(|_| corrupt("target level"))?,
                evidence,
                note,
            },
            level_at_start,
            updated_at,
        },
    })
}

/// The columns [`item_of`] reads, in its order.
pub(crate) const ITEM_COLUMNS: &str = "id, key, rank, action, title, owner, due, status, reason,
 target_level, level_at_start, evidence, note, carried_from, updated_at";

#[async_trait]
pub trait Items: Send + Sync {
    /// An assessment's items: plan lines by rank, then those added by hand by key.
    async fn plan_items(&self, assessment: Id) -> Result<Vec<PlanItem>, StoreError>;
    /// Makes items, all or none ([`ItemsAdded`]), each `todo`; `audit` is the line each item's
    /// `plan.item.add` is written from (its actor, client and workspace).
    async fn add_plan_items(
        &self,
        assessment: Id,
        items: &[NewItem],
        audit: &AuditEntry,
    ) -> Result<ItemsAdded, StoreError>;
    /// The open items of a workspace's open rounds whose due date is before `today`
    /// (`YYYY-MM-DD`, the workspace's day), earliest first, at most `limit`.
    async fn overdue_items(
        &self,
        workspace: Option<Id>,
        today: &str,
        limit: u32,
    ) -> Result<Vec<OverdueItem>, StoreError>;
    /// Changes items' fields, all or none ([`ItemsChanged`]); each item that changes gets a new
    /// `updated_at` and a line of `audit`'s action (`plan.item.change` from a form,
    /// `plan.item.upload` from a workbook) naming the item, with its old and new value.
    async fn change_plan_items(
        &self,
        assessment: Id,
        changes: &[ItemChange],
        audit: &AuditEntry,
    ) -> Result<ItemsChanged, StoreError>;
}

/// The [`Items`] implementation for a backend (`$store`, on the sqlx database `$db`).
macro_rules! items_impl {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::items::Items for $store {
            async fn plan_items(
                &self,
                assessment: $crate::Id,
            ) -> Result<Vec<$crate::items::PlanItem>, $crate::StoreError> {
                let statement = format!(
                    "SELECT {} FROM plan_items WHERE assessment_id = $1
                     ORDER BY rank IS NULL, rank, id",
                    $crate::items::ITEM_COLUMNS
                );
                let rows = sqlx::query_as(&statement)
                    .bind(assessment)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map($crate::items::item_of).collect()
            }

            async fn add_plan_items(
                &self,
                assessment: $crate::Id,
                items: &[$crate::items::NewItem],
                audit: &$crate::accounts::AuditEntry,
            ) -> Result<$crate::items::ItemsAdded, $crate::StoreError> {
                use $crate::items::ItemsAdded;
                let mut tx = self.write().await?;
                let statement = format!(
                    "SELECT series_id FROM assessments WHERE id = $1{}",
                    <$store>::LOCK_ROWS
                );
                let Some(series): Option<$crate::Id> = sqlx::query_scalar(&statement)
                    .bind(assessment)
                    .fetch_optional(&mut *tx)
                    .await?
                else {
                    return Ok(ItemsAdded::NoAssessment);
                };
                let held: Vec<String> =
                    sqlx::query_scalar("SELECT key FROM plan_items WHERE assessment_id = $1")
                        .bind(assessment)
                        .fetch_all(&mut *tx)
                        .await?;
                if held.len() + items.len() > $crate::items::MAX_ITEMS {
                    return Ok(ItemsAdded::Full);
                }
                let in_series: Vec<String> = sqlx::query_scalar(
                    "SELECT p.key FROM plan_items p JOIN assessments a ON a.id = p.assessment_id
                     WHERE a.series_id = $1 AND p.key LIKE 'custom:%'",
                )
                .bind(series)
                .fetch_all(&mut *tx)
                .await?;
                let mut custom = $crate::items::next_custom(&in_series);
                let t = $crate::items::now_ms();
                let mut keys = Vec::with_capacity(items.len());
                for item in items {
                    let key = match &item.key {
                        Some(key) => key.clone(),
                        None => {
                            custom += 1;
                            isomm_core::items::ItemKey::Custom(custom - 1)
                        }
                    };
                    let text = key.to_string();
                    if held.contains(&text) || keys.contains(&key) {
                        return Ok(ItemsAdded::Taken(key));
                    }
                    sqlx::query(
                        "INSERT INTO plan_items (assessment_id, key, rank, action, title, status, target_level,
                         level_at_start, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'todo', $6, $7, $8, $8)",
                    )
                    .bind(assessment)
                    .bind(&text)
                    .bind(item.rank)
                    .bind(&item.action)
                    .bind(&item.title)
                    .bind(i64::from(item.target_level))
                    .bind(item.level_at_start)
                    .bind(t)
                    .execute(&mut *tx)
                    .await?;
                    let line = $crate::accounts::AuditEntry {
                        action: "plan.item.add".into(),
                        subject: format!("assessment:{assessment} item:{text}"),
                        old_value: None,
                        new_value: Some(format!(
                            "status:todo target:{} title:{}",
                            item.target_level, item.title
                        )),
                        ..audit.clone()
                    };
                    <$store>::audit_in(&mut tx, &line, t / 1000).await?;
                    keys.push(key);
                }
                sqlx::query("UPDATE assessments SET revision = revision + 1 WHERE id = $1")
                    .bind(assessment)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(ItemsAdded::Added(keys))
            }

            async fn overdue_items(
                &self,
                workspace: Option<$crate::Id>,
                today: &str,
                limit: u32,
            ) -> Result<Vec<$crate::items::OverdueItem>, $crate::StoreError> {
                let rows: Vec<($crate::Id, String, String, String, String, Option<String>, String)> =
                    sqlx::query_as(
                        // Items first (CROSS JOIN keeps that order on SQLite), by their due date.
                        "SELECT a.id, a.organization, a.title, p.key, p.title, p.owner, p.due
                         FROM plan_items p CROSS JOIN assessments a
                         WHERE a.id = p.assessment_id
                           AND (a.workspace_id = $1 OR ($1 IS NULL AND a.workspace_id IS NULL))
                           AND a.closed_at IS NULL AND p.status IN ('todo', 'in_progress', 'on_hold')
                           AND p.due IS NOT NULL AND p.due < $2
                         ORDER BY p.due, a.id, p.id LIMIT $3",
                    )
                    .bind(workspace)
                    .bind(today)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(assessment, organization, round, key, title, owner, due)| {
                        $crate::items::OverdueItem {
                            assessment,
                            organization,
                            round,
                            key,
                            title,
                            owner,
                            due,
                        }
                    })
                    .collect())
            }

            async fn change_plan_items(
                &self,
                assessment: $crate::Id,
                changes: &[$crate::items::ItemChange],
                audit: &$crate::accounts::AuditEntry,
            ) -> Result<$crate::items::ItemsChanged, $crate::StoreError> {
                use $crate::items::ItemsChanged;
                let mut tx = self.write().await?;
                let statement = format!(
                    "SELECT id FROM assessments WHERE id = $1{}",
                    <$store>::LOCK_ROWS
                );
                let found: Option<$crate::Id> = sqlx::query_scalar(&statement)
                    .bind(assessment)
                    .fetch_optional(&mut *tx)
                    .await?;
                if found.is_none() {
                    return Ok(ItemsChanged::NoAssessment);
                }
                let statement = format!(
                    "SELECT {} FROM plan_items WHERE assessment_id = $1",
                    $crate::items::ITEM_COLUMNS
                );
                let rows = sqlx::query_as(&statement)
                    .bind(assessment)
                    .fetch_all(&mut *tx)
                    .await?;
                let held: Vec<$crate::items::PlanItem> = rows
                    .into_iter()
                    .map($crate::items::item_of)
                    .collect::<Result<_, _>>()?;
                let t = $crate::items::now_ms();
                let mut changed = 0;
                for (i, change) in changes.iter().enumerate() {
                    let Some((id, item)) = held
                        .iter()
                        .map(|h| (h.id, &h.item))
                        .find(|(_, h)| h.key == change.key)
                    else {
                        return Ok(ItemsChanged::Unknown(i));
                    };
                    if change.seen.is_some_and(|seen| seen != item.updated_at) {
                        return Ok(ItemsChanged::Stale(i));
                    }
                    if item.fields == change.fields {
                        continue;
                    }
                    let f = &change.fields;
                    // Later than the time it had, even within one millisecond: a row read
                    // before this change is always seen as stale.
                    let at = t.max(item.updated_at + 1);
                    sqlx::query(
                        "UPDATE plan_items SET title = $1, owner = $2, due = $3, status = $4, reason = $5,
                         target_level = $6, evidence = $7, note = $8, updated_at = $9 WHERE id = $10",
                    )
                    .bind(&f.title)
                    .bind(&f.owner)
                    .bind(&f.due)
                    .bind(f.status.as_str())
                    .bind(&f.reason)
                    .bind(i64::from(f.target_level))
                    .bind(&f.evidence)
                    .bind(&f.note)
                    .bind(at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    // The caller's action: `plan.item.change` from a form, `plan.item.upload`
                    // from a workbook.
                    let line = $crate::accounts::AuditEntry {
                        subject: format!("assessment:{assessment} item:{}", item.key),
                        old_value: Some($crate::items::describe(&item.fields)),
                        new_value: Some($crate::items::describe(f)),
                        ..audit.clone()
                    };
                    <$store>::audit_in(&mut tx, &line, t / 1000).await?;
                    changed += 1;
                }
                if changed > 0 {
                    sqlx::query("UPDATE assessments SET revision = revision + 1 WHERE id = $1")
                        .bind(assessment)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(ItemsChanged::Changed(changed))
            }
        }

        impl $store {
            /// Writes an audit line in the transaction of the write it records: the items'
            /// writes and `Accounts::audit_many` (an entry with its own transaction) use it.
            async fn audit_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                e: &$crate::accounts::AuditEntry,
                at: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query($crate::accounts::AUDIT_INSERT)
                .bind(at)
                .bind(e.workspace)
                .bind(&e.actor)
                .bind(&e.client)
                .bind(&e.action)
                .bind(&e.subject)
                .bind(&e.old_value)
                .bind(&e.new_value)
                .bind(&e.actor_name)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use items_impl;
