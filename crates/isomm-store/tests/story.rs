//! One story through the store, on a real SQLite file in a temp dir: create, answer, read back,
//! import, remove; and many concurrent saves that all survive.

use std::collections::BTreeMap;
use std::sync::Arc;

use isomm_core::answers::{self, Answer, AnswersFormat, Level, Overrides, Position};
use isomm_core::{Area, Catalog};
use isomm_store::{Added, AssessmentFields, Store, connect};

fn fields() -> AssessmentFields {
    AssessmentFields {
        organization: "Example CSIRT".into(),
        title: "FY2026".into(),
        date: Some("2026-11-26".into()),
        current_pattern: "hybrid".into(),
        target_pattern: "minimum-outsource".into(),
        target_level: 4,
        areas: BTreeMap::from([("B-1".to_string(), Area::II)]),
    }
}

fn answer(insource: Option<i64>, outsource: Option<i64>, note: Option<&str>) -> Answer {
    Answer {
        insource: insource.and_then(Level::new),
        outsource: outsource.and_then(Level::new),
        note: note.map(str::to_string),
    }
}

async fn store(dir: &tempfile::TempDir) -> Arc<dyn Store> {
    connect(&format!(
        "sqlite://{}",
        dir.path().join("isomm.db").display()
    ))
    .await
    .unwrap()
}

#[tokio::test]
async fn a_whole_assessment_story() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let catalog = Catalog::builtin();

    let id = store
        .create_assessment("isomm-2.1", &fields())
        .await
        .unwrap();
    let Added::Respondent(sato) = store
        .add_respondent(id, "Sato", Position::Manager)
        .await
        .unwrap()
    else {
        panic!()
    };
    let Added::Respondent(tanaka) = store
        .add_respondent(id, "Tanaka", Position::Staff)
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(
        store
            .add_respondent(id, "Sato", Position::Staff)
            .await
            .unwrap(),
        Added::NameTaken
    );
    assert_eq!(
        store
            .add_respondent(999, "X", Position::Staff)
            .await
            .unwrap(),
        Added::NoAssessment
    );

    assert!(
        store
            .save_answers(
                id,
                sato,
                &[("A-1".into(), answer(Some(4), Some(2), Some("承認済み")))]
            )
            .await
            .unwrap()
    );
    let two = [
        ("A-1".to_string(), answer(Some(1), None, None)),
        ("C-3".to_string(), answer(Some(0), None, None)),
    ];
    assert!(store.save_answers(id, tanaka, &two).await.unwrap());
    // Saving again replaces the role's answer; an empty answer removes it.
    assert!(
        store
            .save_answers(id, tanaka, &[("A-1".into(), answer(Some(2), None, None))])
            .await
            .unwrap()
    );
    assert!(
        store
            .save_answers(id, tanaka, &[("C-3".into(), Answer::default())])
            .await
            .unwrap()
    );
    assert!(
        !store
            .save_answers(id, 999, &[("A-1".into(), Answer::default())])
            .await
            .unwrap(),
        "unknown respondent"
    );
    assert!(
        !store
            .save_answers(999, tanaka, &[("A-1".into(), Answer::default())])
            .await
            .unwrap(),
        "another assessment"
    );

    let stored = store.assessment(id).await.unwrap().unwrap();
    assert_eq!(stored.fields, fields());
    assert_eq!(stored.respondents.len(), 2);
    assert_eq!(
        stored.respondents[0].answers["A-1"],
        answer(Some(4), Some(2), Some("承認済み"))
    );
    assert_eq!(stored.respondents[1].answers.len(), 1);
    let assessment = stored.to_assessment(catalog).unwrap();
    assert_eq!(assessment.respondents[1].answers[0].insource, Level::new(2));
    assert_eq!(
        assessment.area(catalog, catalog.role_index("B-1").unwrap()),
        Area::II
    );

    let mut changed = fields();
    changed.title = "FY2027".into();
    changed.areas.clear();
    assert!(store.update_assessment(id, &changed).await.unwrap());
    assert!(!store.update_assessment(999, &changed).await.unwrap());
    assert_eq!(store.assessment(id).await.unwrap().unwrap().fields, changed);

    let list = store.list_assessments().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].respondents, list[0].answered), (2, 2));

    assert!(store.remove_respondent(id, tanaka).await.unwrap());
    assert!(!store.remove_respondent(id, tanaka).await.unwrap());
    assert_eq!(
        store
            .assessment(id)
            .await
            .unwrap()
            .unwrap()
            .respondents
            .len(),
        1
    );
    assert!(store.assessment(999).await.unwrap().is_none());
    assert!(store.delete_assessment(id).await.unwrap());
    assert!(store.assessment(id).await.unwrap().is_none());
}

#[tokio::test]
async fn an_imported_file_reads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let catalog = Catalog::builtin();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hybrid-soc-mssp.toml"
    ))
    .unwrap();
    let parsed =
        answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    let id = store.import(catalog, &parsed).await.unwrap();
    let back = store
        .assessment(id)
        .await
        .unwrap()
        .unwrap()
        .to_assessment(catalog)
        .unwrap();
    assert_eq!(back, parsed);
    // Newest first.
    let second = store.import(catalog, &parsed).await.unwrap();
    let ids: Vec<i64> = store
        .list_assessments()
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [second, id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_of_different_roles_all_survive() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let catalog = Catalog::builtin();
    let id = store
        .create_assessment("isomm-2.1", &fields())
        .await
        .unwrap();
    let Added::Respondent(a) = store
        .add_respondent(id, "A", Position::Staff)
        .await
        .unwrap()
    else {
        panic!()
    };
    let Added::Respondent(b) = store
        .add_respondent(id, "B", Position::Leader)
        .await
        .unwrap()
    else {
        panic!()
    };
    let mut tasks = Vec::new();
    for (i, role) in catalog.roles().iter().enumerate() {
        for respondent in [a, b] {
            let store = store.clone();
            let role = role.id.clone();
            tasks.push(tokio::spawn(async move {
                let level = (i % 5) as i64 + 1;
                store
                    .save_answers(id, respondent, &[(role, answer(Some(level), None, None))])
                    .await
            }));
        }
    }
    for t in tasks {
        assert!(t.await.unwrap().unwrap());
    }
    let stored = store.assessment(id).await.unwrap().unwrap();
    for r in &stored.respondents {
        assert_eq!(r.answers.len(), 54, "every save of {} kept", r.name);
    }
    // A new connection to the same file sees everything.
    drop(store);
    let again = connect(&format!(
        "sqlite://{}",
        dir.path().join("isomm.db").display()
    ))
    .await
    .unwrap();
    assert_eq!(again.list_assessments().await.unwrap()[0].answered, 108);
}
