//! The `isomm` binary as users run it: exit codes, messages with places, nothing written on failure.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs isomm with English messages (the locale says so); `isomm_in` picks the locale.
fn isomm(args: &[&str]) -> Output {
    isomm_in("en_US.UTF-8", args)
}

fn isomm_in(locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run isomm")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const EXAMPLES: [&str; 4] = [
    "examples/one-person-csirt.toml",
    "examples/hybrid-soc-mssp.toml",
    "examples/inhouse-team-to-full-insource.toml",
    "examples/large-soc-30-respondents.toml",
];

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn every_example_reports_in_every_format() {
    for example in EXAMPLES {
        for format in ["json", "html", "svg", "csv"] {
            let o = isomm(&["report", example, "--format", format]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{example} {format}: {}",
                stderr(&o)
            );
            assert!(!o.stdout.is_empty());
        }
        let doc = json(&isomm(&["report", example, "--format", "json"]));
        assert_eq!(doc["roles"].as_array().unwrap().len(), 54);
        assert_eq!(doc["functions"].as_array().unwrap().len(), 9);
    }
}

#[test]
fn the_examples_say_what_they_were_written_to_show() {
    let solo = json(&isomm(&["report", EXAMPLES[0], "--format", "json"]));
    assert_eq!(solo["respondents"].as_array().unwrap().len(), 1);
    assert!(solo["perception_gaps"].as_array().unwrap().is_empty());

    let hybrid = json(&isomm(&["report", EXAMPLES[1], "--format", "json"]));
    let positions: Vec<&str> = hybrid["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["position"].as_str().unwrap())
        .collect();
    assert_eq!(positions, ["manager", "leader", "staff"]);
    assert!(hybrid["perception_gaps"].as_array().unwrap().len() >= 5);
    // The seed's observation holds in the example: the manager scores higher than the staff.
    let mean = |p: &serde_json::Value| {
        let v: Vec<f64> = p["functions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["maturity"].as_f64())
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean(&hybrid["positions"][0]) > mean(&hybrid["positions"][2]));

    let large = json(&isomm(&["report", EXAMPLES[2], "--format", "json"]));
    assert_eq!(large["target_pattern"], "full-insource");
    assert!(
        large["improvements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["transition"] == true)
    );

    // Thirty respondents: every position, notes, roles decided against, a wide gap, the seed's
    // tendencies in words, and one sheet part way — on page 1 and in the plan.
    let team = json(&isomm(&["report", EXAMPLES[3], "--format", "json"]));
    assert_eq!(team["respondents"].as_array().unwrap().len(), 30);
    assert_eq!(team["positions"].as_array().unwrap().len(), 4);
    assert!(team["perception_gaps"].as_array().unwrap().len() >= 5);
    let notes: usize = team["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["notes"].as_array().unwrap().len())
        .sum();
    assert!(notes >= 30, "{notes} notes");
    let html = stdout(&isomm(&[
        "report",
        EXAMPLES[3],
        "--format",
        "html",
        "--lang",
        "en",
    ]));
    for shown in [
        "Managers and leaders (",
        "the tendency ISOG-J describes (managers and leaders score high, staff low)",
        "Outsourced roles (",
        "1 is part way through",
        "Largest perception gap",
        "respondents answered 0 for doing it in-house",
    ] {
        assert!(html.contains(shown), "{shown}");
    }
    assert_eq!(html.matches("class=\"plan-line\"").count(), 10);
}

#[test]
fn csv_answers_with_options_equal_the_toml_file() {
    let from_toml = json(&isomm(&[
        "report",
        "examples/hybrid-soc-mssp.toml",
        "--format",
        "json",
    ]));
    let from_csv = json(&isomm(&[
        "report",
        "examples/hybrid-soc-mssp.csv",
        "--format",
        "json",
        "--organization",
        from_toml["organization"].as_str().unwrap(),
        "--title",
        from_toml["title"].as_str().unwrap(),
        "--date",
        from_toml["date"].as_str().unwrap(),
        "--current-pattern",
        "hybrid",
        "--target-pattern",
        "minimum-outsource",
        "--target-level",
        "4",
        "--area",
        "B-1=II",
        "--area",
        "E-4=II",
    ]));
    assert_eq!(from_csv, from_toml);
}

#[test]
fn catalog_json_holds_the_seed_names() {
    let doc = json(&isomm(&["catalog", "--format", "json"]));
    assert_eq!(doc["model"], "isomm-2.1");
    let roles: Vec<&serde_json::Value> = doc["functions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["roles"].as_array().unwrap())
        .collect();
    let seed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/isomm/fixtures/seed-role-names.tsv"),
    )
    .unwrap();
    let expected: Vec<(&str, &str)> = seed.lines().map(|l| l.split_once('\t').unwrap()).collect();
    assert_eq!(roles.len(), 54);
    assert_eq!(expected.len(), 54);
    for (role, (id, name)) in roles.iter().zip(expected) {
        assert_eq!(role["id"], id);
        assert_eq!(role["name"]["ja"], name);
        assert!(!role["name"]["en"].as_str().unwrap().is_empty());
        assert!(!role["description"]["en"].as_str().unwrap().is_empty());
    }
    assert_eq!(doc["levels"].as_array().unwrap().len(), 6);
    assert_eq!(doc["patterns"].as_array().unwrap().len(), 4);
}

#[test]
fn catalog_text_and_another_model() {
    let text = stdout(&isomm(&["catalog", "--lang", "en"]));
    assert!(
        text.contains("A-1   Overall policy management  [I]"),
        "{text}"
    );
    // The JSON catalog loads back as a model.
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.json");
    fs::write(&model, stdout(&isomm(&["catalog", "--format", "json"]))).unwrap();
    let o = isomm(&[
        "report",
        EXAMPLES[0],
        "--format",
        "json",
        "--model",
        model.to_str().unwrap(),
    ]);
    assert_eq!(
        json(&o),
        json(&isomm(&["report", EXAMPLES[0], "--format", "json"]))
    );
    // A malformed model is refused with its place.
    fs::write(
        &model,
        stdout(&isomm(&["catalog", "--format", "json"])).replacen("\"A-2\"", "\"A-1\"", 1),
    )
    .unwrap();
    let o = isomm(&["catalog", "--model", model.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "model.json: line 32, column 17 (functions[0].roles[1].id): The role ID “A-1” is used twice."
        ),
        "{}",
        stderr(&o)
    );
}

/// Writes `body` as an answers file, runs `isomm report` on it with `-o`, and checks the failure.
fn check_rejected(file_name: &str, body: &str, extra: &[&str], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(file_name);
    fs::write(&file, body).unwrap();
    let out: PathBuf = dir.path().join("report.html");
    let mut args = vec![
        "report",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let o = isomm(&args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let message = stderr(&o);
    // A problem of the file names it; a problem of an option given on the command line does not.
    assert_eq!(
        message.contains(file_name),
        !expected.starts_with("--"),
        "names the file only for the file's problems: {message}"
    );
    assert!(
        message.contains(expected),
        "{message}\nexpected to contain: {expected}"
    );
    assert!(!out.exists(), "nothing is written");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

const HEAD: &str = "format = \"isomm-answers/1\"\norganization = \"o\"\ntitle = \"t\"\ncurrent_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n";
const ONE: &str = "[[respondents]]\nname = \"a\"\nposition = \"staff\"\n[respondents.answers]\n";

#[test]
fn every_kind_of_bad_input_exits_2_with_its_place_and_writes_nothing() {
    check_rejected(
        "x.toml",
        &format!("{HEAD}{ONE}\"Q-1\" = {{ insource = 1 }}\n"),
        &[],
        "line 10, column 1 (respondents[0].answers.\"Q-1\"): Unknown role “Q-1”.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}{ONE}\"A-1\" = {{ insource = 6 }}\n"),
        &[],
        "line 10, column 22 (respondents[0].answers.\"A-1\".insource): Expected a level: a whole number from 0 to 5, or nothing for “not answered”; found the number 6.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}{ONE}\"A-1\" = {{ insource = 2.5 }}\n"),
        &[],
        "found the number 2.5",
    );
    check_rejected(
        "x.toml",
        &HEAD.replace("\"hybrid\"\n", "\"half\"\n"),
        &[],
        "(current_pattern): Unknown pattern “half”.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}{}", ONE.replace("staff", "chief")),
        &[],
        "(respondents[0].position): Unknown position “chief”.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}{ONE}{ONE}"),
        &[],
        "(respondents[1].name): Another respondent is also named “a”.",
    );
    check_rejected(
        "x.toml",
        HEAD,
        &[],
        "(respondents): The key “respondents” is missing.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}respondents = []\n"),
        &[],
        "(respondents): There are no respondents.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}extra = 1\n{ONE}"),
        &[],
        "line 6, column 1 (extra): Unknown key “extra”.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}target_level = 9\n{ONE}"),
        &[],
        "(target_level): “9” is not a target level. Write a whole number from 1 to 5.",
    );
    check_rejected(
        "x.toml",
        &format!("{HEAD}{ONE}\"A-1\" = {{ insource = \n"),
        &[],
        "line 10, column",
    );
    check_rejected(
        "x.json",
        "{\"format\": \"isomm-answers/1\", \"organization\": \"o\", \"title\": \"t\",\n \"current_pattern\": \"hybrid\", \"target_pattern\": \"hybrid\",\n \"respondents\": [{\"name\": \"a\", \"position\": \"staff\", \"answers\": {\"A-1\": {\"outsource\": 7}}}]}",
        &[],
        "line 3, column 86 (respondents[0].answers.\"A-1\".outsource): Expected a level: a whole number from 0 to 5, or nothing for “not answered”; found the number 7.",
    );
    check_rejected(
        "x.json",
        "{\"format\": ",
        &[],
        "line 1, column 12: This is not valid JSON here: a value was expected",
    );
    let csv_opts = ["--current-pattern", "hybrid", "--target-pattern", "hybrid"];
    check_rejected(
        "x.csv",
        "respondent,position,role,insource,outsource,note\na,staff,A-1,9,,\n",
        &csv_opts,
        "line 2, column “insource”: Expected a level",
    );
    check_rejected(
        "x.csv",
        "respondent,position,role,insource,outsource,note\na,staff,Z-1,1,,\n",
        &csv_opts,
        "line 2, column “role”: Unknown role “Z-1”.",
    );
    check_rejected(
        "x.csv",
        "respondent,position,role,insource,outsource,note\na,staff,A-1,1,,\n",
        &[],
        "--current-pattern",
    );
    check_rejected(
        "x.csv",
        "respondent,position,role,insource,outsource,note\na,staff,A-1,1,,\n",
        &["--current-pattern", "hybrid", "--target-pattern", "x"],
        "--target-pattern: Unknown pattern “x”.",
    );
    check_rejected(
        "x.csv",
        "respondent,position,role,insource,outsource,note\n",
        &csv_opts,
        "There are no answers.",
    );
    check_rejected(
        "x.txt",
        "",
        &[],
        "isomm reads answers from .toml, .json, .csv and .xlsx files",
    );
    check_rejected("x.toml", "\u{0}\u{ff}\u{fe}", &[], "");
}

#[test]
fn a_missing_file_and_non_utf8_are_input_errors() {
    let o = isomm(&["report", "no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/file.toml: the file cannot be read: there is no such file."),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    fs::write(&file, b"title = \"\xff\"").unwrap();
    let o = isomm(&["report", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("The file is not UTF-8 text (byte 10 is not)."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_failed_report_leaves_an_existing_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    fs::write(&out, "previous").unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "format = 1").unwrap();
    let o = isomm(&["report", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous");
}

#[test]
fn output_file_and_format_from_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.json");
    let o = isomm(&["report", EXAMPLES[1], "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["format"], "isomm-result/1");
    // The assessment's date, and each role's notes with who wrote them (spec/formats.md).
    assert_eq!(doc["date"], "2026-11-26");
    let roles = doc["roles"].as_array().unwrap();
    assert!(roles.iter().all(|r| r["notes"].is_array()));
    let a1 = &roles[0]["notes"][0];
    assert_eq!(
        a1["text"],
        "2026年4月の取締役会でセキュリティ基本方針を改定、CISO承認済み"
    );
    assert!(
        a1["respondent"].is_string() && a1["position"].is_string(),
        "{a1}"
    );
    let html = dir.path().join("report.html");
    assert!(
        isomm(&[
            "report",
            EXAMPLES[1],
            "-o",
            html.to_str().unwrap(),
            "--lang",
            "en"
        ])
        .status
        .success()
    );
    assert!(
        fs::read_to_string(&html)
            .unwrap()
            .contains("Improvement points toward the target")
    );
}

#[test]
fn an_unwritable_output_is_exit_1() {
    let o = isomm(&["report", EXAMPLES[0], "-o", "/nonexistent-dir/report.html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "/nonexistent-dir/report.html: the file cannot be written: the folder does not exist."
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn template_filled_in_gives_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("check.toml");
    let o = isomm(&[
        "template",
        "-o",
        sheet.to_str().unwrap(),
        "--organization",
        "Example CSIRT",
        "--respondent",
        "Sato",
        "--position",
        "leader",
        "--current-pattern",
        "minimum-insource",
        "--area",
        "B-1=II",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(&sheet).unwrap();
    assert!(text.contains("全体方針管理"));
    fs::write(
        &sheet,
        text.replace("\"C-1\"  = {}", "\"C-1\"  = { outsource = 3 }"),
    )
    .unwrap();
    let doc = json(&isomm(&[
        "report",
        sheet.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(doc["organization"], "Example CSIRT");
    assert_eq!(doc["current_pattern"], "minimum-insource");
    assert_eq!(
        doc["respondents"][0],
        serde_json::json!({"name": "Sato", "position": "leader", "answered": 1})
    );
    assert_eq!(doc["roles"][6]["area"], "II");

    let csv = stdout(&isomm(&[
        "template",
        "--format",
        "csv",
        "--respondent",
        "Sato",
        "--position",
        "staff",
    ]));
    assert_eq!(csv.lines().count(), 55);
    let o = isomm(&["template", "--position", "boss"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--position: Unknown position “boss”."));
    // Every wrong option is told at once, and a date that does not exist is one.
    let o = isomm(&[
        "template",
        "--position",
        "boss",
        "--target-level",
        "9",
        "--date",
        "2026-13-01",
        "--current-pattern",
        "mixed",
        "--area",
        "Z-9=II",
        "--area",
        "A-1=V",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 6, "{err}");
    assert!(
        err.contains("--current-pattern:") && err.contains("mixed"),
        "{err}"
    );
    assert!(
        err.contains("--area Z-9=II:") && err.contains("--area A-1=V:"),
        "{err}"
    );
    assert!(err.contains("--date: “2026-13-01” is not a date."), "{err}");
    assert!(
        err.contains("--target-level: “9” is not a target level."),
        "{err}"
    );
}

#[test]
fn version_and_help() {
    let o = isomm(&["--version"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("isomm "));
    for command in ["report", "catalog", "template", "compare", "trend"] {
        let o = isomm(&[command, "--help"]);
        assert!(o.status.success(), "{command}");
        assert!(stdout(&o).contains("--lang"), "{command}");
    }
    let o = isomm(&["report"]);
    assert_eq!(o.status.code(), Some(2), "a usage error is invalid input");
}

#[test]
fn an_input_file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.toml");
    fs::write(&file, vec![b'#'; 8 * 1024 * 1024 + 1]).unwrap();
    let o = isomm(&["report", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("huge.toml: The file is 8.0 MiB; isomm reads files of at most 8 MiB."),
        "{}",
        stderr(&o)
    );
    // The same bound for every format, and for what a pipe or device delivers.
    let sheet = dir.path().join("huge.xlsx");
    fs::write(&sheet, vec![0u8; 8 * 1024 * 1024 + 1]).unwrap();
    let o = isomm(&["report", sheet.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at most 8 MiB"), "{}", stderr(&o));
    #[cfg(unix)]
    {
        // A file that never ends (its size says 0): reading stops one byte past the bound.
        let endless = dir.path().join("endless.toml");
        std::os::unix::fs::symlink("/dev/zero", &endless).unwrap();
        let o = isomm(&["report", endless.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("at most 8 MiB"), "{}", stderr(&o));
    }
}

#[test]
fn every_serve_option_can_be_set_from_the_environment() {
    let o = isomm(&["serve", "--help"]);
    let help = stdout(&o);
    // One block per option: its line and the lines it wraps onto (help may be wrapped to the width
    // of a terminal).
    let mut blocks: Vec<String> = Vec::new();
    for line in help.lines() {
        let trimmed = line.trim_start();
        // An option's own line is indented less than the help text under it (which may wrap so
        // that a line starts with another option's name, such as `--bind`).
        let indent = line.len() - trimmed.len();
        if indent < 8 && (trimmed.starts_with("--") || trimmed.starts_with("-h")) {
            blocks.push(trimmed.to_string());
        } else if let Some(last) = blocks.last_mut()
            && line.starts_with("  ")
        {
            last.push(' ');
            last.push_str(trimmed);
        }
    }
    let options: Vec<&String> = blocks.iter().filter(|b| !b.contains("--help")).collect();
    assert!(options.len() >= 14, "{help}");
    for block in options {
        let name = block.split([' ', '<']).next().unwrap();
        let env = format!(
            "[env: ISOMM_{}",
            name.trim_start_matches("--")
                .replace('-', "_")
                .to_uppercase()
        );
        let flat = block.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&env), "{name} has no {env}: {block}");
    }
}

/// `isomm user …` with the password from `ISOMM_PASSWORD`, on a database URL.
fn user(url: &str, password: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_isomm"));
    command
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("user")
        .args(args)
        .args(["--database-url", url])
        .env_remove("ISOMM_DATABASE_URL")
        .env_remove("ISOMM_PASSWORD")
        .stdin(std::process::Stdio::null());
    if let Some(p) = password {
        command.env("ISOMM_PASSWORD", p);
    }
    command.output().expect("run isomm")
}

/// Accounts from the command line: the first is an admin and takes the assessments made before
/// accounts existed; bad input says what to do, exits 2 and stores nothing.
#[test]
fn accounts_are_added_listed_and_reset_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isomm.db");
    fs::copy("crates/isomm-store/tests/fixtures/schema-1.sqlite", &db).unwrap();
    let url = format!("sqlite://{}", db.display());
    let good = "violet kettle under 42 lanterns";

    let refused = [
        (
            vec!["add", "sato", "--name", "佐藤"],
            Some(good),
            "is not an e-mail address",
        ),
        (
            vec!["add", "sato@example.jp", "--name", " "],
            Some(good),
            "--name",
        ),
        (
            vec!["add", "sato@example.jp", "--name", "佐藤"],
            Some("short"),
            "at least 12 characters",
        ),
        (
            vec!["add", "sato@example.jp", "--name", "佐藤"],
            Some("password1234"),
            "too easy to guess",
        ),
        (
            vec!["add", "sato@example.jp", "--name", "佐藤"],
            None,
            "set ISOMM_PASSWORD",
        ),
    ];
    for (args, password, message) in refused {
        let o = user(&url, password, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
    }
    let o = user(&url, Some(good), &["list"]);
    assert!(
        stdout(&o).contains("no accounts yet"),
        "nothing was stored: {}",
        stdout(&o)
    );

    let o = user(
        &url,
        Some(good),
        &[
            "add",
            "Sato@Example.jp",
            "--name",
            "佐藤",
            "--workspace",
            "Example SOC",
            "--access",
            "owner",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("added the admin account sato@example.jp (owner of workspace “Example SOC”)"),
        "{out}"
    );
    assert!(
        out.contains("the first account of a database is an admin"),
        "{out}"
    );
    assert!(
        out.contains("4 assessments made before accounts existed are now in this workspace"),
        "{out}"
    );

    let o = user(
        &url,
        Some("夜明けのインシデント対応手順書を改訂"),
        &[
            "add",
            "suzuki@example.jp",
            "--name",
            "鈴木",
            "--workspace",
            "Example SOC",
            "--access",
            "viewer",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("added the account suzuki@example.jp (viewer"),
        "{}",
        stdout(&o)
    );
    let o = user(&url, Some(good), &["add", "SATO@example.jp", "--name", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("already has an account"),
        "{}",
        stderr(&o)
    );

    let o = user(&url, None, &["list"]);
    assert_eq!(
        stdout(&o),
        "sato@example.jp\t佐藤\tadmin\tExample SOC (owner)\nsuzuki@example.jp\t鈴木\t-\tExample SOC (viewer)\n"
    );

    let o = user(
        &url,
        Some("another long passphrase here"),
        &["reset-password", "suzuki@example.jp"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = user(&url, Some(good), &["reset-password", "nobody@example.jp"]);
    assert_eq!(o.status.code(), Some(2));
    let o = user(&url, Some("x"), &["reset-password", "suzuki@example.jp"]);
    assert!(
        stderr(&o).contains("at least 12 characters"),
        "{}",
        stderr(&o)
    );
}

/// Every problem of a file is reported, one line each, in the language of `--lang`, else of the
/// locale (Japanese unless it says English); a report stays Japanese unless `--lang` says otherwise.
#[test]
fn problems_are_all_reported_in_the_language_of_the_locale_or_lang() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("three.csv");
    fs::write(
        &file,
        "respondent,position,role,insource,outsource,note\na,staff,A-1,６,,\na,staff,Q-1,1,,\nb,boss,A-2,1,,\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let opts = ["--current-pattern", "hybrid", "--target-pattern", "hybrid"];
    let run = |locale: &str, extra: &[&str]| {
        let mut args = vec!["report", file];
        args.extend(opts);
        args.extend(extra);
        let o = isomm_in(locale, &args);
        assert_eq!(o.status.code(), Some(2));
        stderr(&o)
    };
    let ja = run("ja_JP.UTF-8", &[]);
    let lines: Vec<&str> = ja.lines().collect();
    assert_eq!(lines.len(), 3, "{ja}");
    assert!(
        lines[0].starts_with("エラー: ") && lines[0].contains("2 行目の「insource」列"),
        "{ja}"
    );
    assert!(lines[0].contains("６"), "the full-width 6 is quoted: {ja}");
    assert!(
        lines[1].contains("3 行目の「role」列") && lines[1].contains("不明な役割「Q-1」"),
        "{ja}"
    );
    assert!(
        lines[2].contains("4 行目の「position」列") && lines[2].contains("不明な立場「boss」"),
        "{ja}"
    );
    // Any locale but English gives Japanese; --lang wins over the locale.
    assert_eq!(run("C", &[]), ja);
    assert_eq!(run("", &[]), ja);
    let en = run("ja_JP.UTF-8", &["--lang", "en"]);
    assert_eq!(en.lines().count(), 3, "{en}");
    assert!(
        en.starts_with("error: ") && en.contains("line 2, column “insource”"),
        "{en}"
    );
    assert_eq!(run("en_GB.UTF-8", &[]), en);
    // No library's words: no Rust debug quoting, no "Error", no "invalid".
    for text in [&ja, &en] {
        assert!(
            !text.contains("Error") && !text.contains("invalid"),
            "{text}"
        );
    }
    // A report in English messages' locale is still Japanese.
    let ok = dir.path().join("ok.toml");
    fs::copy(EXAMPLES[0], &ok).unwrap();
    let o = isomm_in(
        "en_US.UTF-8",
        &["report", ok.to_str().unwrap(), "--format", "csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(",全体方針管理"), "{}", stdout(&o));
}

/// What clap cannot read, and the account commands, speak the language of the locale too; help
/// stays English (clap's own words).
#[test]
fn usage_errors_and_account_replies_are_in_the_language_of_the_locale() {
    let o = isomm_in("ja_JP.UTF-8", &["report", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "エラー: isomm は「--bogus」を知りません。オプションは isomm --help、または各コマンドの --help で確かめてください。"
    );
    let o = isomm_in("ja_JP.UTF-8", &["report", "x.toml", "--format", "docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("「docx」は --format <FORMAT> の値として使えません。"),
        "{}",
        stderr(&o)
    );
    let o = isomm_in(
        "ja_JP.UTF-8",
        &["report", "x.toml", "--lang", "en", "--area", "X"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: “X” cannot be given to --area"),
        "{}",
        stderr(&o)
    );
    let o = isomm_in("ja_JP.UTF-8", &["nonsense"]);
    assert!(
        stderr(&o).contains("「nonsense」というコマンドはありません"),
        "{}",
        stderr(&o)
    );

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("isomm.db").display());
    let o = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args([
            "user",
            "add",
            "sato",
            "--name",
            "佐藤",
            "--database-url",
            &url,
        ])
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("ISOMM_PASSWORD", "violet kettle under 42 lanterns")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "エラー: 「sato」はメールアドレスとして使えないか、このデータベースのアカウントにありません。"
    );
    // Every problem of the fields at once.
    let o = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(["user", "add", "sato", "--name", " ", "--database-url", &url])
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("ISOMM_PASSWORD", "short")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 3, "{}", stderr(&o));
    let missing = format!("sqlite://{}", dir.path().join("no/such/dir/x.db").display());
    let o = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(["user", "list", "--database-url", &missing])
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("エラー: データベース sqlite://"), "{err}");
    assert!(err.contains("フォルダーがあって書き込めるか"), "{err}");
}

/// A workbook is not written to a terminal (it would fill it with binary); to a pipe or a file it is.
#[test]
fn an_xlsx_template_is_not_written_to_a_terminal() {
    // `script` (util-linux, in every Debian) gives the command a terminal.
    let command = format!("{} template --format xlsx", env!("CARGO_BIN_EXE_isomm"));
    let o = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run script");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("give -o FILE.xlsx"), "{said}");
    assert!(!said.contains("PK"), "no workbook on the terminal: {said}");
    let piped = isomm(&["template", "--format", "xlsx"]);
    assert!(piped.status.success() && piped.stdout.starts_with(b"PK"));
}

/// The plan's size and threshold are report options: they cut what people read, never the JSON.
#[test]
fn plan_size_and_threshold_cut_the_plan_not_the_result() {
    let file = "examples/hybrid-soc-mssp.toml";
    let all = json(&isomm(&["report", file, "--format", "json"]));
    let points = all["improvements"].as_array().unwrap();
    let large = points
        .iter()
        .filter(|p| p["gap"].as_f64().unwrap() >= 1.0)
        .count();
    assert!(
        large > 3,
        "the example has more than 3 points with a gap of 1 or more"
    );
    let cut = isomm(&[
        "report",
        file,
        "--format",
        "html",
        "--lang",
        "en",
        "--plan-size",
        "3",
        "--plan-min-gap",
        "1",
    ]);
    assert!(cut.status.success(), "{}", stderr(&cut));
    let html = stdout(&cut);
    assert_eq!(
        html.matches("class=\"plan-line\"").count(),
        3,
        "three lines shown"
    );
    assert!(
        html.contains(&format!(
            "{}: {}",
            "The other improvement points",
            large - 3
        )),
        "the rest folded"
    );
    let below = points.len() - large;
    assert!(html.contains(&format!(
        "{below} points less than 1.0 below the target are left out (the result data, JSON, has all {})",
        points.len()
    )));
    // The JSON keeps R10's full list whatever the options; its `plan` is the plan people read:
    // the same three lines, the rest folded, ranks 1..N, none below the threshold.
    let mut cut = json(&isomm(&[
        "report",
        file,
        "--format",
        "json",
        "--plan-size",
        "3",
        "--plan-min-gap",
        "1",
    ]));
    let plan = cut["plan"].as_array().unwrap().clone();
    assert_eq!(plan.len(), large);
    // In shown order (group by group, then the folded lines): the ranks are 1..N, the plan's
    // three first.
    let mut ranks: Vec<u64> = plan.iter().map(|l| l["rank"].as_u64().unwrap()).collect();
    assert!(ranks[..3].iter().all(|&r| r <= 3), "{ranks:?}");
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=large as u64).collect::<Vec<_>>());
    let folded: Vec<bool> = plan
        .iter()
        .map(|l| l["folded"].as_bool().unwrap())
        .collect();
    assert_eq!(folded.iter().filter(|f| !**f).count(), 3);
    assert!(folded[..3].iter().all(|f| !f), "the lines come first");
    assert!(plan.iter().all(|l| l["gap"].as_f64().unwrap() >= 1.0));
    let mut all = all;
    all.as_object_mut().unwrap().remove("plan");
    cut.as_object_mut().unwrap().remove("plan");
    assert_eq!(cut, all);
    for bad in [["--plan-size", "0"], ["--plan-min-gap", "6"]] {
        let o = isomm(&["report", file, "--format", "html", bad[0], bad[1]]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(
            stderr(&o).contains("Give --plan-size from 1 to 500 and --plan-min-gap from 0 to 5 with one decimal at most."),
            "{}",
            stderr(&o)
        );
        assert!(o.stdout.is_empty());
    }
}

/// Issue 19: a session shorter than five minutes ended sessions while people worked; such a
/// setting is refused at start, with what to give instead, and nothing is served or written.
#[test]
fn sessions_shorter_than_five_minutes_are_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("isomm.db").display());
    for (arg, value) in [("--session-idle", "59"), ("--session-max", "299")] {
        let o = isomm(&[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &url,
            arg,
            value,
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let text = stderr(&o);
        assert!(text.contains(arg) && text.contains("300"), "{text}");
        assert!(!dir.path().join("isomm.db").exists(), "no database made");
    }
    let o = isomm_in(
        "ja_JP.UTF-8",
        &["serve", "--database-url", &url, "--session-idle", "10"],
    );
    assert!(stderr(&o).contains("300 秒以上"), "{}", stderr(&o));
}

/// `isomm audit prune --before DATE`: lines before the date go, the pruning itself is a line of
/// the instance's log, and a date that is not one is refused with what to write.
#[test]
fn audit_lines_before_a_date_are_pruned_on_the_command_line_only() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("isomm.db").display());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = runtime.block_on(isomm_store::connect(&url)).unwrap();
    runtime.block_on(async {
        for action in ["login", "login.failed"] {
            store
                .audit(&isomm_store::accounts::AuditEntry::new(
                    "user:1", "cli", action, "",
                ))
                .await
                .unwrap();
        }
    });
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_isomm"))
            .args(args)
            .args(["--database-url", &url])
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap()
    };
    // Nothing is older than 2000-01-01.
    let o = run(&["audit", "prune", "--before", "2000-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("deleted 0 lines"), "{}", stdout(&o));
    // Everything is older than a day far ahead; the pruning is recorded.
    let o = run(&["audit", "prune", "--before", "2999-12-31"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("deleted 3 lines"), "{}", stdout(&o));
    let left = runtime
        .block_on(store.audit_log(
            None,
            &isomm_store::accounts::AuditFilter {
                limit: 10,
                ..Default::default()
            },
        ))
        .unwrap();
    assert_eq!(left.len(), 1, "only the line of the pruning");
    assert_eq!(left[0].entry.action, "audit.prune");
    assert_eq!(left[0].entry.new_value.as_deref(), Some("lines:3"));
    for bad in ["2025-02-30", "yesterday", "2025/01/01"] {
        let o = run(&["audit", "prune", "--before", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    }
}

/// The README's table of `isomm serve` options is `isomm serve --help`: the same options, each
/// with the same variable and default (the defaults are written once, in the web crate).
#[test]
fn the_readme_table_of_serve_options_is_what_serve_help_says() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    // | `--bind` | `ISOMM_BIND` | `127.0.0.1:8080` | … |
    let mut table: Vec<(String, String, Option<String>)> = Vec::new();
    for line in readme.lines().filter(|l| l.starts_with("| `--")) {
        let cells: Vec<&str> = line
            .split(" | ")
            .map(|c| c.trim_matches(['|', ' ']))
            .collect();
        let plain = |c: &str| c.trim_matches('`').to_string();
        let default = match cells[2] {
            "off" | "none" | "number of cores" | "built-in isomm-2.1" => None,
            d => Some(plain(d.trim_end_matches(" s"))),
        };
        table.push((plain(cells[0]), plain(cells[1]), default));
    }
    let o = isomm(&["serve", "--help"]);
    assert!(o.status.success());
    let help = String::from_utf8(o.stdout).unwrap();
    // Each option's text, its wrapped lines joined.
    let mut options: Vec<(String, String)> = Vec::new();
    for line in help.lines() {
        let trimmed = line.trim_start();
        // An option's line is indented by six (two before `-h, `); its text, wrapped or not, deeper.
        let indent = line.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix("--").filter(|_| indent <= 6) {
            let name = rest.split([' ', '<']).next().unwrap_or_default();
            options.push((format!("--{name}"), String::new()));
        } else if trimmed.starts_with("-h,") || trimmed.is_empty() && !options.is_empty() {
            options.push((String::new(), String::new()));
        } else if let Some((_, text)) = options.last_mut() {
            text.push(' ');
            text.push_str(trimmed);
        }
    }
    let options: Vec<(String, String)> =
        options.into_iter().filter(|(n, _)| !n.is_empty()).collect();
    let between = |text: &str, open: &str| -> Option<String> {
        let start = text.find(open)? + open.len();
        let end = text[start..].find(']')? + start;
        Some(text[start..end].to_string())
    };
    let named: Vec<&str> = options.iter().map(|(n, _)| n.as_str()).collect();
    let listed: Vec<&str> = table.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        listed, named,
        "the README lists the options of `isomm serve --help`, in order"
    );
    for ((name, env, default), (_, text)) in table.iter().zip(&options) {
        assert_eq!(
            between(text, "[env: ").map(|e| e.trim_end_matches('=').to_string()),
            Some(env.clone()),
            "{name}: its variable"
        );
        assert_eq!(
            &between(text, "[default: ").filter(|d| d != "the number of cores"),
            default,
            "{name}: its default"
        );
    }
    assert!(table.len() >= 20, "{table:?}");
}

/// A `--public-url` that is not a site's address is refused before anything starts, in the
/// reader's language, naming what is wrong and what to give.
#[test]
fn a_public_url_that_is_not_a_site_is_refused_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("never.db");
    let url = format!("sqlite://{}", db.display());
    for (given, english, japanese) in [
        (
            "ftp://x",
            "is not an http or https address",
            "http または https のアドレスではありません",
        ),
        (
            "https://x/isomm",
            "must be the site's address alone",
            "サイトのアドレスだけ",
        ),
        (
            "isomm.example.org",
            "is not an address",
            "アドレスではありません",
        ),
    ] {
        let args = ["serve", "--public-url", given, "--database-url", &url];
        let o = isomm(&args);
        assert_eq!(o.status.code(), Some(2), "{given}");
        assert!(stderr(&o).contains(english), "{given}: {}", stderr(&o));
        let o = isomm_in("ja_JP.UTF-8", &args);
        assert_eq!(o.status.code(), Some(2), "{given}");
        assert!(stderr(&o).contains(japanese), "{given}: {}", stderr(&o));
    }
    assert!(!db.exists(), "nothing was written");
}

/// Counts choose their words by the language's plural rules (Fluent's), not by code: one
/// respondent is "1 respondent".
#[test]
fn one_respondent_is_one_respondent_in_english() {
    let o = isomm(&[
        "report",
        "examples/one-person-csirt.toml",
        "--lang",
        "en",
        "--format",
        "html",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(
        html.contains("Of 1 respondent, 1 is part way through,"),
        "{}",
        html.lines()
            .find(|l| l.contains("Of 1"))
            .unwrap_or("no such line")
    );
    assert!(!html.contains("1 respondents"));
}

/// A tendency is judged on the unrounded difference, as shown: in the hybrid example outsourced
/// roles (3.2) and in-house ones (2.9) are 0.23 apart — no tendency — and the report says why the
/// two figures seem 0.3 apart.
#[test]
fn a_tendency_is_judged_on_the_difference_people_read() {
    let o = isomm(&[
        "report",
        "examples/hybrid-soc-mssp.toml",
        "--lang",
        "en",
        "--format",
        "html",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(
        html.contains(
            "Outsourced (3.2) and in-house (2.9) roles differ by 0.2: no marked tendency by \
             sourcing. (The difference is taken before rounding"
        ),
        "{}",
        html.lines()
            .find(|l| l.contains("Outsourced"))
            .unwrap_or("no such line")
    );
}

/// `isomm trend`: rounds from result documents and answers files, in date order (undated last),
/// as CSV, JSON and SVG; rounds of two models, and fewer than two rounds, refused (exit 2).
#[test]
fn trend_shows_the_rounds_in_date_order_and_refuses_mixed_models() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    // 2024: a result document; 2025: an answers file; then one without a date.
    let o = isomm(&[
        "report",
        "examples/one-person-csirt.toml",
        "--date",
        "2024-11-20",
        "--format",
        "json",
        "-o",
        &path("2024.json"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let source = fs::read_to_string("examples/one-person-csirt.toml").unwrap();
    let dated = |date: &str| {
        source
            .lines()
            .map(|l| {
                if l.starts_with("date = ") {
                    date.to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    fs::write(path("2025.toml"), dated("date = \"2025-11-20\"")).unwrap();
    fs::write(path("undated.toml"), dated("")).unwrap();
    let rounds = [path("undated.toml"), path("2025.toml"), path("2024.json")];
    let trend = |extra: &[&str]| {
        let mut args = vec!["trend"];
        args.extend(rounds.iter().map(String::as_str));
        args.extend(extra);
        isomm(&args)
    };

    let o = trend(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "date,organization,title,respondents,overall,A,B,C,D,E,F,G,H,I"
    );
    let dates: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(dates, ["2024-11-20", "2025-11-20", ""]);
    // Unrounded, as the result document has it.
    let result = json(&isomm(&[
        "report",
        "examples/one-person-csirt.toml",
        "--format",
        "json",
    ]));
    let overall = result["overall"].as_f64().unwrap();
    assert_eq!(
        lines[1].split(',').nth(4),
        Some(overall.to_string().as_str())
    );

    let doc = json(&trend(&["--format", "json"]));
    assert_eq!(doc["format"], "isomm-trend/1");
    assert_eq!(doc["model"], "isomm-2.1");
    let rounds_json = doc["rounds"].as_array().unwrap();
    assert_eq!(rounds_json.len(), 3);
    assert_eq!(rounds_json[0]["date"], "2024-11-20");
    assert_eq!(rounds_json[2]["date"], serde_json::Value::Null);
    assert_eq!(rounds_json[1]["respondents"], 1);
    assert_eq!(rounds_json[1]["functions"].as_array().unwrap().len(), 9);

    // The format from -o's extension; the words of --lang.
    let o = trend(&["-o", &path("trend.svg"), "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = fs::read_to_string(path("trend.svg")).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("<title id=\"trend-title\">Maturity over the rounds</title>"));
    // The overall (1.7647…) rounded as isomm rounds.
    assert!(
        svg.contains("Overall maturity: round 1 (2024-11-20) 1.8, round 2 (2025-11-20) 1.8"),
        "{svg}"
    );
    assert!(svg.contains("round 3 (no date)"));
    let o = trend(&["--format", "svg"]);
    assert!(stdout(&o).contains("成熟度の推移"), "Japanese by default");

    // A result of another model among them: both files and both models named, nothing written.
    let mut other = result.clone();
    other["model"] = "isomm-9.9".into();
    fs::write(path("other.json"), other.to_string()).unwrap();
    let out = path("refused.csv");
    let o = isomm(&[
        "trend",
        &path("2024.json"),
        &path("other.json"),
        &path("2025.toml"),
        "-o",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for named in [
        path("2024.json"),
        path("other.json"),
        "isomm-2.1".into(),
        "isomm-9.9".into(),
    ] {
        assert!(err.contains(&named), "{named} in {err}");
    }
    assert!(!Path::new(&out).exists());

    // Fewer than two rounds.
    for files in [&[][..], &[path("2024.json")][..]] {
        let mut args = vec!["trend".to_string()];
        args.extend(files.iter().cloned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = isomm(&args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("at least 2 rounds"), "{}", stderr(&o));
    }
}
