//! Fuzz target: any bytes as an edited plan workbook (plan.xlsx) uploaded against a few items;
//! reading must return the changes or errors naming the sheet and cell, never panic, and every
//! change read must be one of the items with fields that pass the items' own check.
#![no_main]

use isomm_core::answers::Side;
use isomm_core::items::upload::read_edits;
use isomm_core::items::{Item, ItemFields, ItemKey, ItemStatus};
use libfuzzer_sys::fuzz_target;

fn items() -> Vec<Item> {
    let fields = ItemFields {
        title: "C-4".into(),
        owner: None,
        due: None,
        status: ItemStatus::Todo,
        reason: None,
        target_level: 3,
        evidence: None,
        note: None,
    };
    vec![
        Item {
            key: ItemKey::Role { role: "C-4".into(), side: Side::Insource },
            rank: Some(1),
            action: "raise-in-house".into(),
            fields: fields.clone(),
            level_at_start: Some(1.0),
            updated_at: 1_764_579_600_123,
        },
        Item {
            key: ItemKey::Custom(1),
            rank: None,
            action: "custom".into(),
            fields,
            level_at_start: None,
            updated_at: 1_764_579_600_456,
        },
    ]
}

fuzz_target!(|data: &[u8]| {
    let items = items();
    if let Ok(edits) = read_edits(data, &items) {
        for e in edits {
            assert!(items.iter().any(|i| i.key == e.key && i.updated_at == e.seen));
        }
    }
});
