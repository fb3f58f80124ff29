//! A plan's tracked items as the `isomm-plan/1` CSV of formats.md: one row per item, UTF-8 with a
//! BOM, every text cell neutralised as in every CSV isomm writes. An item's level now is the
//! side's value in the assessment's current result; `verified` is rule C5 with the item's own
//! target level, once a later round has results.

use std::io;

use isomm_core::compare::{RoundRole, side_level};
use isomm_core::items::{Item, updated_text, verify};

use crate::numbers::shown;
use crate::sheet::{UTF8_BOM, safe_record};

pub use isomm_core::items::PLAN_COLUMNS;

/// An item's row: `now` is the roles of the assessment's current result, `later` those of a
/// later round's, when it has results.
pub fn row(item: &Item, now: &[RoundRole], later: Option<&[RoundRole]>) -> [String; 17] {
    let f = &item.fields;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let point = item.key.point();
    let level_now = point
        .map(|(role, side)| side_level(now.iter().find(|r| r.id == role), side))
        .map(|l| l.map(shown).unwrap_or_default())
        .unwrap_or_default();
    let verified = later
        .and_then(|later| verify(&item.key, f.status, f.target_level, later))
        .map(|v| v.as_str().to_string())
        .unwrap_or_default();
    [
        item.key.to_string(),
        item.rank.map(|r| r.to_string()).unwrap_or_default(),
        point.map(|(role, _)| role.to_string()).unwrap_or_default(),
        point
            .map(|(_, side)| side.as_str().to_string())
            .unwrap_or_default(),
        item.action.clone(),
        f.title.clone(),
        text(&f.owner),
        text(&f.due),
        f.status.as_str().to_string(),
        text(&f.reason),
        f.target_level.to_string(),
        item.level_at_start.map(shown).unwrap_or_default(),
        level_now,
        verified,
        text(&f.evidence),
        text(&f.note),
        updated_text(item.updated_at),
    ]
}

/// Writes `items` as `isomm-plan/1` CSV to `out`.
pub fn write_csv(
    mut out: impl io::Write,
    items: &[Item],
    now: &[RoundRole],
    later: Option<&[RoundRole]>,
) -> io::Result<()> {
    out.write_all(UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(PLAN_COLUMNS)?;
    for item in items {
        w.write_record(safe_record(&row(item, now, later)))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::items::{ItemFields, ItemKey, ItemStatus};

    fn item(key: &str, status: ItemStatus, evidence: &str) -> Item {
        Item {
            key: ItemKey::parse(key).unwrap(),
            rank: key.starts_with("role:").then_some(3),
            action: if key.starts_with("role:") {
                "raise-in-house".into()
            } else {
                "custom".into()
            },
            fields: ItemFields {
                title: "C-4 を内製で引き上げる".into(),
                owner: Some("Suzuki".into()),
                due: Some("2027-03-31".into()),
                status,
                reason: None,
                target_level: 4,
                evidence: Some(evidence.into()),
                note: None,
            },
            level_at_start: Some(1.0),
            updated_at: 1_796_115_600_000,
        }
    }

    fn role(id: &str, insource: Option<f64>) -> RoundRole {
        RoundRole {
            id: id.into(),
            function: "C".into(),
            level: insource,
            insource,
            outsource: None,
            answering: 2,
            spread: None,
        }
    }

    #[test]
    fn each_item_is_one_row_of_the_format() {
        let items = [
            item(
                "role:C-4:insource",
                ItemStatus::InProgress,
                "https://wiki.example/soc/c4",
            ),
            item("custom:1", ItemStatus::Done, "=HYPERLINK(\"x\")"),
        ];
        let mut out = Vec::new();
        write_csv(&mut out, &items, &[role("C-4", Some(2.5))], None).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], PLAN_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "role:C-4:insource,3,C-4,insource,raise-in-house,C-4 を内製で引き上げる,Suzuki,2027-03-31,\
             in_progress,,4,1.0,2.5,,https://wiki.example/soc/c4,,2026-12-01T09:00:00.000Z"
        );
        // A custom item has no role, side or level now; its text is neutralised.
        assert!(lines[2].starts_with("custom:1,,,,custom,"), "{}", lines[2]);
        assert!(lines[2].contains("'=HYPERLINK"), "{}", lines[2]);
    }

    #[test]
    fn a_done_item_is_verified_once_a_later_round_has_results() {
        let done = item("role:C-4:insource", ItemStatus::Done, "");
        let now = [role("C-4", Some(2.5))];
        assert_eq!(row(&done, &now, None)[13], "");
        assert_eq!(
            row(&done, &now, Some(&[role("C-4", Some(4.0))]))[13],
            "achieved"
        );
        assert_eq!(
            row(&done, &now, Some(&[role("C-4", Some(3.9))]))[13],
            "not_achieved"
        );
        let open = item("role:C-4:insource", ItemStatus::Todo, "");
        assert_eq!(row(&open, &now, Some(&[role("C-4", Some(4.0))]))[13], "");
        // The side absent now: 1, as in R10.
        assert_eq!(row(&done, &[role("C-4", None)], None)[12], "");
        let absent = RoundRole {
            insource: None,
            level: Some(2.0),
            ..role("C-4", None)
        };
        assert_eq!(row(&done, &[absent], None)[12], "1.0");
    }
}
