//! Rounds compared on the command line (`isomm compare`, rules C1–C6): a result document and the
//! answers it came from compare alike, `examples/rounds/` shows what it was written to show, and
//! what C1 and C3 refuse is refused with both files named and nothing written.

use std::path::Path;
use std::process::{Command, Output};

fn isomm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run isomm")
}

fn ok(o: Output) -> Vec<u8> {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

fn json(o: Output) -> serde_json::Value {
    serde_json::from_slice(&ok(o)).unwrap()
}

const ROUNDS: [&str; 3] = [
    "examples/rounds/2024.toml",
    "examples/rounds/2025.toml",
    "examples/rounds/2026.toml",
];

/// The result document of an answers file, written into `dir`.
fn result_of(answers: &str, dir: &Path) -> String {
    let name = Path::new(answers).file_stem().unwrap().to_string_lossy();
    let path = dir.join(format!("{name}.json"));
    ok(isomm(&[
        "report",
        answers,
        "--format",
        "json",
        "-o",
        path.to_str().unwrap(),
    ]));
    path.to_str().unwrap().to_string()
}

#[test]
fn a_result_document_and_the_answers_it_came_from_compare_alike() {
    let dir = tempfile::tempdir().unwrap();
    for pair in ROUNDS.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ra, rb) = (result_of(a, dir.path()), result_of(b, dir.path()));
        let from_answers = json(isomm(&["compare", a, b, "--format", "json"]));
        for (e, l) in [(&ra, &rb), (&ra, &b.to_string()), (&a.to_string(), &rb)] {
            assert_eq!(
                json(isomm(&["compare", e, l, "--format", "json"])),
                from_answers,
                "{e} {l}"
            );
        }
        assert_eq!(from_answers["format"], "isomm-comparison/1");
        assert_eq!(from_answers["roles"].as_array().unwrap().len(), 54);
        assert_eq!(from_answers["functions"].as_array().unwrap().len(), 9);
    }
}

/// The roles of a comparison with `status`.
fn with_status(doc: &serde_json::Value, status: &str) -> Vec<String> {
    doc["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == status)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_example_rounds_show_what_they_were_written_to_show() {
    let doc = json(isomm(&[
        "compare", ROUNDS[1], ROUNDS[2], "--format", "json",
    ]));
    // People change a little.
    assert_eq!(doc["earlier"]["respondents"], 5);
    assert_eq!(doc["later"]["respondents"], 6);
    // One role becomes applicable, one is declined later.
    assert_eq!(with_status(&doc, "new"), ["H-3"]);
    // Decided against in the later round (everyone answered 0): no longer applicable.
    assert_eq!(with_status(&doc, "dropped"), ["E-6"]);
    assert!(with_status(&doc, "declined").contains(&"G-4".to_string()));
    assert_eq!(doc["most_declined"][0], "G-4");
    assert!(!doc["most_improved"].as_array().unwrap().is_empty());
    // Last year's plan partly done: some of its lines reached the target, some did not.
    let planned: Vec<&serde_json::Value> = doc["plan_follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["in_plan"] == true)
        .collect();
    let reached = planned.iter().filter(|f| f["reached"] == true).count();
    assert!(
        reached > 0 && reached < planned.len(),
        "{reached} of {}",
        planned.len()
    );
    // The overall rises over the three rounds; the current pattern moves toward the target.
    let first = json(isomm(&[
        "compare", ROUNDS[0], ROUNDS[1], "--format", "json",
    ]));
    let overall = |d: &serde_json::Value, side: &str| d["overall"][side].as_f64().unwrap();
    assert!(overall(&first, "earlier") < overall(&first, "later"));
    assert!(overall(&doc, "earlier") < overall(&doc, "later"));
    assert_ne!(
        doc["earlier"]["current_pattern"],
        doc["later"]["current_pattern"]
    );
    // C6: a spread that narrowed.
    assert!(
        first["perception"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["earlier_spread"].as_u64() > p["later_spread"].as_u64())
    );
}

#[test]
fn every_format_of_a_comparison_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (e, l) = (ROUNDS[1], ROUNDS[2]);
    // The format from -o's extension.
    for ext in ["json", "html", "pdf", "csv"] {
        let path = dir.path().join(format!("c.{ext}"));
        ok(isomm(&["compare", e, l, "-o", path.to_str().unwrap()]));
        let bytes = std::fs::read(&path).unwrap();
        match ext {
            "pdf" => assert!(bytes.starts_with(b"%PDF")),
            "json" => assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok()),
            "html" => {
                let html = String::from_utf8(bytes).unwrap();
                assert!(html.contains("id=\"compare-roles\"") && html.contains("G-4"));
                assert!(html.contains("Most declined roles") || html.contains("最も低下した役割"));
            }
            _ => {
                let csv = String::from_utf8(bytes).unwrap();
                let csv = csv.strip_prefix('\u{feff}').expect("a BOM");
                let lines: Vec<&str> = csv.lines().collect();
                assert_eq!(
                    lines[0],
                    "role,function,status,level_earlier,level_later,level_delta,insource_earlier,insource_later,insource_delta,outsource_earlier,outsource_later,outsource_delta"
                );
                // 54 roles, 9 functions, the overall.
                assert_eq!(lines.len(), 1 + 54 + 9 + 1);
                assert!(lines[55].starts_with(",A,"));
                assert!(lines[64].starts_with(",,"));
                // A negative delta is a number, not a neutralised text.
                let g4 = lines.iter().find(|l| l.starts_with("G-4,")).unwrap();
                assert!(g4.contains(",-1.2"), "{g4}");
            }
        }
    }
    // Without -o, HTML; in English with --lang en.
    let html = String::from_utf8(ok(isomm(&["compare", e, l, "--lang", "en"]))).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"en\""));
    assert!(html.contains("Most declined roles"));
}

#[test]
fn what_c1_and_c3_refuse_is_refused_with_both_files_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let e = result_of(ROUNDS[1], dir.path());
    let out = dir.path().join("out.json");
    let out = out.to_str().unwrap();
    let refused = |args: &[&str], says: &[&str]| {
        let o = isomm(args);
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        for s in says {
            assert!(err.contains(s), "{args:?}: {err}");
        }
        assert!(!Path::new(out).exists(), "{args:?} wrote a file");
    };
    // Another model (C1).
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        std::fs::read_to_string(&e)
            .unwrap()
            .replace("\"isomm-2.1\"", "\"acme-1\""),
    )
    .unwrap();
    let other = other.to_str().unwrap();
    refused(
        &["compare", &e, other, "-o", out],
        &[&e, other, "cannot be compared", "isomm-2.1", "acme-1"],
    );
    // A role in another function (C1).
    let moved = dir.path().join("moved.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&e).unwrap()).unwrap();
    doc["roles"][0]["function"] = "B".into();
    std::fs::write(&moved, doc.to_string()).unwrap();
    let moved = moved.to_str().unwrap();
    refused(
        &["compare", moved, &e, "-o", out],
        &[moved, &e, "role A-1", "B", "A"],
    );
    // A threshold C3 does not take.
    for t in ["0", "0.05", "5.1", "-1", "x", "0.55"] {
        refused(
            &["compare", &e, ROUNDS[2], "--threshold", t, "-o", out],
            &["--threshold", t, "0.1 to 5.0"],
        );
    }
    // A value no result holds, and a file of another kind.
    doc["roles"][0]["function"] = "A".into();
    doc["roles"][3]["level"] = 7.0.into();
    std::fs::write(moved, doc.to_string()).unwrap();
    refused(
        &["compare", moved, &e, "-o", out],
        &[moved, "roles[3].level"],
    );
    refused(
        &["compare", "examples/hybrid-soc-mssp.csv", &e, "-o", out],
        &["hybrid-soc-mssp.csv", "--format json"],
    );
    // A threshold of one decimal is taken, in both spellings.
    for t in ["0.3", "1", "0,3"] {
        ok(isomm(&[
            "compare",
            &e,
            ROUNDS[2],
            "--threshold",
            t,
            "--format",
            "json",
        ]));
    }
}

#[test]
fn a_report_with_previous_has_since_the_last_round_in_every_format_but_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let (e, l) = (ROUNDS[1], ROUNDS[2]);
    // The JSON result is the same with or without --previous.
    assert_eq!(
        ok(isomm(&["report", l, "--previous", e, "--format", "json"])),
        ok(isomm(&["report", l, "--format", "json"]))
    );
    // The HTML: the overall's change on page 1, the most improved and declined, a change column.
    let html =
        String::from_utf8(ok(isomm(&["report", l, "--previous", e, "--lang", "en"]))).unwrap();
    assert!(html.contains("id=\"since-overall\""), "no overall change");
    assert!(html.contains("The overall maturity went from 2.6 to 2.9"));
    assert!(html.contains("id=\"since-improved\"") && html.contains("id=\"since-declined\""));
    assert!(html.contains("Since the last round"));
    // The radar: the earlier round as a dashed ghost.
    let svg = String::from_utf8(ok(isomm(&[
        "report",
        l,
        "--previous",
        e,
        "--format",
        "svg",
    ])))
    .unwrap();
    assert!(svg.contains("data-series=\"earlier\""));
    // The CSV: three more columns, a negative change a number.
    let csv = String::from_utf8(ok(isomm(&[
        "report",
        l,
        "--previous",
        e,
        "--format",
        "csv",
    ])))
    .unwrap();
    let head = csv.lines().next().unwrap();
    assert!(
        head.ends_with(",name,level_earlier,level_delta,status"),
        "{head}"
    );
    let g4 = csv.lines().find(|r| r.starts_with("G-4,")).unwrap();
    assert!(g4.contains(",-1.2") && g4.ends_with(",declined"), "{g4}");
    // The workbook: the comparison's sheets after the report's; the PDF is written.
    for ext in ["xlsx", "pdf"] {
        for lang in ["ja", "en"] {
            let path = dir.path().join(format!("r-{lang}.{ext}"));
            let path = path.to_str().unwrap();
            ok(isomm(&[
                "report",
                l,
                "--previous",
                e,
                "--lang",
                lang,
                "-o",
                path,
            ]));
            assert!(std::fs::metadata(path).unwrap().len() > 1000);
        }
    }
    // A result document as the earlier round reads alike.
    let earlier = result_of(e, dir.path());
    assert_eq!(
        ok(isomm(&[
            "report",
            l,
            "--previous",
            &earlier,
            "--format",
            "csv"
        ])),
        csv.into_bytes()
    );
}

#[test]
fn a_previous_round_c1_refuses_is_refused_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let e = result_of(ROUNDS[1], dir.path());
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        std::fs::read_to_string(&e)
            .unwrap()
            .replace("\"isomm-2.1\"", "\"acme-1\""),
    )
    .unwrap();
    let out = dir.path().join("r.html");
    let o = isomm(&[
        "report",
        ROUNDS[2],
        "--previous",
        other.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("other.json") && err.contains("2026.toml"),
        "{err}"
    );
    assert!(!out.exists());
    // --threshold belongs to --previous.
    let o = isomm(&["report", ROUNDS[2], "--threshold", "0.3"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn likely_mistakes_are_said_and_other_documents_named() {
    let dir = tempfile::tempdir().unwrap();
    // Reversed files: compared as given, with a warning on standard error.
    let o = isomm(&["compare", ROUNDS[2], ROUNDS[1], "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("warning:") && err.contains("dated before"),
        "{err}"
    );
    // The same round twice.
    let o = isomm(&["compare", ROUNDS[1], ROUNDS[1], "--format", "json"]);
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("the same round")
    );
    // In order: nothing to warn about.
    let o = isomm(&["compare", ROUNDS[1], ROUNDS[2], "--format", "json"]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A comparison given as a round is named for what it is.
    let c = dir.path().join("c.json");
    std::fs::write(
        &c,
        ok(isomm(&[
            "compare", ROUNDS[1], ROUNDS[2], "--format", "json",
        ])),
    )
    .unwrap();
    let c = c.to_str().unwrap();
    let o = isomm(&["compare", c, ROUNDS[2]]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("isomm-comparison/1") && err.contains("not a round"),
        "{err}"
    );
    // A role missing from one round is named as missing.
    let e = result_of(ROUNDS[1], dir.path());
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&e).unwrap()).unwrap();
    doc["roles"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["id"] != "I-6");
    let cut = dir.path().join("cut.json");
    std::fs::write(&cut, doc.to_string()).unwrap();
    let o = isomm(&["compare", &e, cut.to_str().unwrap()]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("role I-6 is missing from the later round"),
        "{err}"
    );
}

#[test]
fn who_answered_in_both_rounds_is_said_and_a_result_without_spreads_too() {
    let html = String::from_utf8(ok(isomm(&[
        "compare", ROUNDS[1], ROUNDS[2], "--lang", "en",
    ])))
    .unwrap();
    assert!(
        html.contains("Respondents: 5 answered in both rounds, 1 joined, 0 only in the earlier"),
        "no people sentence"
    );
    // A result document written before C6 (no answering, no spread): compared, and said.
    let dir = tempfile::tempdir().unwrap();
    let e = result_of(ROUNDS[1], dir.path());
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&e).unwrap()).unwrap();
    for role in doc["roles"].as_array_mut().unwrap() {
        let role = role.as_object_mut().unwrap();
        role.remove("answering");
        role.remove("spread");
    }
    let old = dir.path().join("old.json");
    std::fs::write(&old, doc.to_string()).unwrap();
    let html = String::from_utf8(ok(isomm(&[
        "compare",
        old.to_str().unwrap(),
        ROUNDS[2],
        "--lang",
        "en",
    ])))
    .unwrap();
    assert!(html.contains("result document carries no spreads"));
}

/// `isomm trend` draws the three example rounds, in date order whatever order they are given in.
#[test]
fn trend_draws_the_three_example_rounds() {
    let doc = json(isomm(&[
        "trend", ROUNDS[2], ROUNDS[0], ROUNDS[1], "--format", "json",
    ]));
    assert_eq!(doc["format"], "isomm-trend/1");
    let dates: Vec<&str> = doc["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-10-15", "2025-10-14", "2026-10-13"]);
    let svg = String::from_utf8(ok(isomm(&[
        "trend", ROUNDS[0], ROUNDS[1], ROUNDS[2], "--format", "svg", "--lang", "en",
    ])))
    .unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<desc"));
    for shown in ["2.3", "2.6", "2.9"] {
        assert!(
            svg.contains(&format!(">{shown}<")),
            "the overall {shown} is labelled"
        );
    }
}
