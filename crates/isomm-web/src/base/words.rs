//! The words of the web application, read from the message files (`messages/{ja,en}/web.ftl`,
//! Fluent) into [`Words`], one typed field per message, once per language (`isomm_core::words!`:
//! each field is named once, here, and read from the message of its name).
//!
//! Adding a language: a directory of message files and its entry in the core's `Lang` and `FILES`;
//! nothing here.

use isomm_core::Lang;
use isomm_core::messages::Messages;
use isomm_store::auth::AccountError;

isomm_core::words! {
    /// Every word of the pages in one language, each read from the message of its name in
    /// `web.ftl` (`nav_home` from `nav-home`).
    pub struct Words {
        lang,
        /// Between the items of a list in a sentence.
        list_separator,
        /// What a downloaded file is, at the end of its name (after the organisation's).
        file_report,
        file_roles,
        file_radar,
        file_result,
        file_answers,
        file_sheet,
        file_sheet_blank,
        app_title,
        nav_home,
        nav_catalog,
        nav_new,
        nav_import,
        switch_label,
        skip_link,
        skip_to_roles,
        // Home
        home_heading,
        home_intro,
        home_empty,
        col_organization,
        col_title,
        col_date,
        col_patterns,
        col_respondents,
        col_completion,
        /// Under the list: what the overall and the submitted count count.
        home_counted,
        col_overall,
        // Workflow
        steps_heading,
        steps[6],
        // Catalog
        catalog_heading,
        catalog_intro,
        levels_heading,
        level,
        insource,
        outsource,
        patterns_heading,
        patterns_intro,
        areas_heading,
        default_area,
        in_house,
        outsourced,
        axis_outsource,
        axis_insource,
        // Assessment form
        new_heading,
        edit_heading,
        organization,
        title,
        date,
        current_pattern,
        target_pattern,
        target_level,
        target_level_help,
        plan_settings,
        plan_settings_help,
        plan_size,
        plan_min_gap,
        areas_intro,
        role,
        area,
        save,
        cancel,
        form_has_errors,
        err_organization,
        err_date,
        err_pattern,
        err_target_level,
        err_plan_size,
        err_plan_min_gap,
        err_area,
        err_too_long,
        err_name_characters,
        // Assessment page
        edit,
        delete_assessment,
        respondents_heading,
        respondents_intro,
        no_respondents,
        name,
        position,
        progress,
        open_sheet,
        remove,
        add_respondent,
        sheet_who_sees,
        links_local_only,
        setup_in_terminal,
        add_many,
        add_many_help,
        add_many_button,
        roster_lines,
        links_heading,
        links_intro,
        err_name,
        err_name_taken,
        /// The assessment has as many respondents as allowed, or no room left for text.
        err_full,
        /// A save that would take the assessment past its bound on text.
        err_text_full,
        home_older,
        home_newest,
        /// Shown beside an overall maturity that is being computed again after a change.
        overall_updating,
        err_position,
        see_results,
        overall,
        // Check sheet
        sheet_heading,
        answered,
        advice_heading,
        not_answered,
        note,
        save_sheet,
        saved,
        saving,
        save_failed,
        sheet_saved_banner,
        sheet_has_errors,
        err_level,
        err_note_too_long,
        choose_level,
        keys_hint,
        only_unanswered,
        /// The switch to the compact table view of the check sheet.
        compact_view,
        /// The collapsible table of every level's definition on the check sheet.
        level_table,
        back_to_assessment,
        expected_side,
        // Results
        results_heading,
        series_heading,
        series_respondents,
        series_positions,
        downloads,
        shared_heading,
        shared_intro,
        shared_positions,
        shared_no_positions,
        shared_too_few,
        shared_back,
        see_shared,
        share_heading,
        share_is_on,
        share_is_off,
        share_turn_on,
        share_turn_off,
        invited_heading,
        invited_intro,
        invited_once,
        invitation_heading,
        invitation_intro,
        invitation_button,
        invitation_have_account,
        invitation_log_in,
        invitation_join_intro,
        invitation_join,
        err_email_taken_log_in,
        err_already_member,
        invitations_heading,
        invitation_expires,
        invitation_cancel,
        nav_admin,
        admin_heading,
        admin_intro,
        admin_workspaces,
        admin_accounts,
        admin_owner_email,
        admin_add_workspace,
        admin_workspace_help,
        admin_badge,
        admin_reset_help,
        audit_instance_intro,
        admin_audit_link,
        err_workspace_exists,
        shared_waiting,
        submitted_count,
        counting_heading,
        counting_submitted,
        counting_all,
        counted,
        left_out,
        include_in_progress,
        submitted_only,
        nothing_counted,
        counting_kept,
        // Import
        import_heading,
        import_intro,
        file,
        csv_fields,
        csv_fields_help,
        import_button,
        err_no_file,
        err_file_type,
        err_file_utf8,
        offline_heading,
        offline_intro,
        download_filled,
        download_blank,
        upload_sheet,
        upload_button,
        err_sheet_type,
        answers_csv,
        members_heading,
        members_intro,
        members_help,
        access,
        access_owner,
        access_assessor,
        access_viewer,
        add_member,
        err_last_owner,
        nav_members,
        switch_workspace,
        audit_heading,
        audit_intro,
        audit_time,
        audit_actor,
        audit_client,
        audit_action,
        audit_subject,
        audit_old,
        audit_new,
        audit_filter,
        audit_actor_help,
        audit_all_actions,
        audit_empty,
        audit_older,
        nav_audit,
        link_heading,
        link_intro,
        link_once,
        copy,
        new_link,
        revoke_link,
        reopen_sheet,
        mark_submitted,
        mark_submitted_hint,
        col_link,
        col_status,
        status_not_started,
        status_in_progress,
        status_submitted,
        link_active,
        link_none,
        submit_heading,
        submit_intro,
        submit_button,
        unanswered_left,
        submitted_banner,
        err_submitted,
        err_submitted_reopen,
        submitted_by_respondent,
        sheet_link_gone,
        account_heading,
        change_password,
        current_password,
        password_again,
        password_changed,
        err_current_password,
        err_password_mismatch,
        setup_heading,
        setup_intro,
        your_name,
        workspace_name,
        workspace_help,
        new_password,
        password_help,
        setup_button,
        err_email,
        err_person_name,
        err_workspace_name,
        err_password_short,
        err_password_long,
        err_password_guessable,
        err_email_taken,
        login_heading,
        login_intro,
        email,
        password,
        login_button,
        logout_button,
        login_failed,
        // Deadlines and the workspace's time zone
        deadline,
        err_deadline,
        deadline_today,
        deadline_passed,
        late_heading,
        late_none,
        time_zone,
        time_zone_help,
        err_time_zone,
        time_zone_saved,
        // The message to send with each private link
        message_intro,
        message_label,
        message_other,
        copy_link,
        copy_message,
        all_messages,
        all_messages_help,
        copy_all,
        confirm_cancel,
        round_next_heading,
        round_next_note,
        round_next_title,
        round_next_date,
        round_next_button,
        confirm_upload,
        compare_same_round,
        compare_reversed,
        round_import_heading,
        round_import_note,
        round_import_close,
        round_import_button,
        round_start_legend,
        round_start_previous,
        round_start_blank,
        sheet_drafts_intro,
        sheet_draft_label,
        sheet_draft_none,
        sheet_draft_note,
        sheet_draft_keep,
        sheet_draft_clear,
        sheet_draft_pending,
        sheet_draft_kept,
        sheet_draft_changed,
        sheet_draft_cleared,
        sheet_drafts_left,
        sheet_drafts_next,
        workbook_draft_insource,
        workbook_draft_outsource,
        workbook_draft_note,
        round_links_heading,
        round_date_invalid,
        round_reopen_button,
        compare_threshold,
        compare_apply,
        compare_other_rounds,
        compare_threshold_invalid,
        compare_file,
        compare_previous,
        rounds_heading,
        rounds_date,
        rounds_round,
        rounds_respondents,
        rounds_change,
        rounds_state,
        rounds_closed,
        rounds_open,
        rounds_note,
        rounds_trend_heading,
        rounds_file,
        plan_file,
        plan_due_short,
        plan_done_before_heading,
        plan_verified,
        plan_verified_achieved,
        plan_verified_not_achieved,
        plan_verified_waiting,
        plan_heading,
        plan_intro,
        plan_link,
        plan_status,
        plan_owner,
        plan_due,
        plan_reason,
        plan_target,
        plan_evidence,
        plan_item_note,
        plan_item_title,
        plan_save,
        plan_overdue,
        plan_overdue_count,
        plan_uploaded_none,
        plan_save_failed,
        plan_stale_reload,
        plan_round_closed,
        plan_next_round,
        plan_verified_next,
        plan_level_now,
        plan_upload_label,
        plan_upload,
        plan_upload_refused,
        plan_err_file,
        plan_filter_all,
        plan_filter_apply,
        plan_track_all,
        plan_track_selected,
        plan_track_this,
        plan_not_tracked,
        plan_others_heading,
        plan_add_custom,
        plan_not_added,
        plan_stale,
        plan_err_title,
        plan_err_date,
        plan_err_status,
        plan_err_reason,
        plan_err_target,
        rounds_link,
        sheet_round_closed,
    }
}

/// The message file of the pages in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Web)
}

/// [`Words`] from the messages of one language.
fn fill(m: &mut Messages) -> Words {
    crate::base::audit::ask_action_words(m);
    // Messages with arguments, formatted when needed by `say`: asked here so the test checks them.
    let _ = m.format(
        "err-sheet-other-respondent",
        &[("sheet", "s"), ("page", "p")],
    );
    let _ = m.format("invitation-other-account", &[("user", "u")]);
    let _ = m.format("roster-taken", &[("line", "1")]);
    let _ = m.format("deadline-help", &[("zone", "z")]);
    let _ = m.format("deadline-on", &[("date", "d"), ("zone", "z")]);
    let _ = m.format("deadline-days-left", &[("days", "2")]);
    let _ = m.format("home-late", &[("count", "2")]);
    let _ = m.format("audit-zone", &[("zone", "z")]);
    let _ = m.format("message-greeting", &[("name", "n")]);
    let ask = [
        ("organization", "o"),
        ("roles", "54"),
        ("low", "30"),
        ("high", "60"),
    ];
    let _ = m.format("message-ask", &ask);
    let _ = m.format(
        "message-ask-titled",
        &[ask.as_slice(), &[("title", "t")]].concat(),
    );
    let _ = m.format("message-deadline", &[("date", "d"), ("zone", "z")]);
    let _ = m.format("message-who-sees", &[("sender", "s")]);
    let _ = m.format("message-link", &[]);
    let _ = m.format("message-sign", &[("sender", "s")]);
    let _ = m.format("message-drafts", &[]);
    let _ = m.format("plan-err-too-long", &[("max", "200")]);
    let _ = m.format("plan-err-link", &[("link", "l")]);
    let _ = m.format("plan-uploaded", &[("count", "2")]);
    let _ = m.format(
        "plan-item-named",
        &[("role", "r"), ("name", "n"), ("goal", "g")],
    );
    let _ = m.format("sheet-submitted-by", &[("time", "t"), ("by", "b")]);
    let _ = m.format("sheet-submitted-at", &[("time", "t")]);
    let _ = m.format("round-carry-target", &[("pattern", "p")]);
    let _ = m.format("round-closed-notice", &[("when", "w")]);
    let _ = m.format("round-next-link", &[("title", "t")]);
    let _ = m.format("round-started-from", &[("title", "t")]);
    let _ = m.format("round-title-invalid", &[("max", "200")]);
    let _ = m.format("sheet-drafts-refused", &[("count", "3")]);
    for what in crate::base::confirm::Confirm::ALL {
        let (heading, detail, button) = what.keys();
        let _ = m.format(heading, &[("name", "n")]);
        let _ = m.format(detail, &[]);
        let _ = m.format(button, &[]);
    }
    for p in ROSTER_EXAMPLES {
        let (key, args) = roster_message(&p);
        let _ = m.format(
            key,
            &args
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
    }
    Words::read(m)
}

use isomm_core::roster::RosterProblem;

/// One of each problem of a pasted list, for the test that every message exists.
const ROSTER_EXAMPLES: [RosterProblem; 8] = [
    RosterProblem::Empty,
    RosterProblem::TooManyLines { max: 1000 },
    RosterProblem::NoName { line: 1 },
    RosterProblem::NameTooLong { line: 1, max: 200 },
    RosterProblem::NameCharacter {
        line: 1,
        character: '\u{202E}',
    },
    RosterProblem::NoPosition { line: 1 },
    RosterProblem::UnknownPosition {
        line: 1,
        given: String::new(),
    },
    RosterProblem::DuplicateName { line: 2, first: 1 },
];

/// The message of a problem of a pasted list of respondents (`roster-*` in `web.ftl`), with its
/// arguments.
fn roster_message(p: &RosterProblem) -> (&'static str, Vec<(&'static str, String)>) {
    match p {
        RosterProblem::Empty => ("roster-empty", vec![]),
        RosterProblem::TooManyLines { max } => ("roster-too-many", vec![("max", max.to_string())]),
        RosterProblem::NoName { line } => ("roster-no-name", vec![("line", line.to_string())]),
        RosterProblem::NameTooLong { line, max } => (
            "roster-name-too-long",
            vec![("line", line.to_string()), ("max", max.to_string())],
        ),
        RosterProblem::NameCharacter { line, .. } => {
            ("roster-name-character", vec![("line", line.to_string())])
        }
        RosterProblem::NoPosition { line } => {
            ("roster-no-position", vec![("line", line.to_string())])
        }
        RosterProblem::UnknownPosition { line, given } => (
            "roster-unknown-position",
            vec![("line", line.to_string()), ("given", given.clone())],
        ),
        RosterProblem::DuplicateName { line, first } => (
            "roster-duplicate",
            vec![("line", line.to_string()), ("first", first.to_string())],
        ),
    }
}

/// A problem of a pasted list of respondents in `lang`, naming its line.
pub fn roster_problem(lang: Lang, p: &RosterProblem) -> String {
    let (key, args) = roster_message(p);
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    say(lang, key, &args)
}

/// Line `line` of a pasted list names a respondent already in the assessment, in `lang`.
pub fn roster_taken(lang: Lang, line: usize) -> String {
    say(lang, "roster-taken", &[("line", &line.to_string())])
}

/// A deadline as a page says it, in two parts: when ("2026-12-20 まで（Asia/Tokyo）") and how it
/// stands at `now` ("あと 13 日", "今日まで", or that it passed).
pub fn deadline_text(
    lang: Lang,
    deadline: &isomm_core::zone::Deadline,
    zone: &isomm_core::zone::Zone,
    now: i64,
) -> DeadlineText {
    let w = words(lang);
    let on = say(
        lang,
        "deadline-on",
        &[("date", &deadline.as_string()), ("zone", zone.name())],
    );
    let days = deadline.days_left(zone, now);
    let left = match days {
        d if d < 0 => w.deadline_passed.to_string(),
        0 => w.deadline_today.to_string(),
        d => say(lang, "deadline-days-left", &[("days", &d.to_string())]),
    };
    DeadlineText {
        on,
        left,
        passed: deadline.passed(zone, now),
    }
}

/// See [`deadline_text`].
#[derive(Clone, Debug, Default)]
pub struct DeadlineText {
    pub on: String,
    pub left: String,
    pub passed: bool,
}

/// The words of `lang`, read from its message file the first time they are asked for.
/// A message of `web.ftl` with its arguments (names, numbers), formatted when it is needed.
pub fn say(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: isomm_core::messages::Live = isomm_core::messages::Live::new();
    MESSAGES.format(lang, source, key, args)
}

pub fn words(lang: Lang) -> &'static Words {
    static WORDS: isomm_core::messages::PerLang<Words> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// The words for why an account was not made.
pub fn account_message(w: &crate::base::words::Words, e: &AccountError) -> Option<&'static str> {
    use isomm_store::auth::PasswordProblem as P;
    Some(match e {
        AccountError::Email => w.err_email,
        AccountError::Name => w.err_person_name,
        AccountError::WorkspaceName => w.err_workspace_name,
        AccountError::Password(P::TooShort) => w.err_password_short,
        AccountError::Password(P::TooLong) => w.err_password_long,
        AccountError::Password(P::TooGuessable) => w.err_password_guessable,
        AccountError::EmailTaken => w.err_email_taken,
        AccountError::Store(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of [`Words`] has a message in every language's file, every message of a file is
    /// a field (no stale keys), and the files parse and format without an error.
    #[test]
    fn every_page_word_is_in_every_language() {
        assert_eq!(
            isomm_core::messages::problems(source, fill),
            Vec::<String>::new()
        );
        assert_eq!(words(Lang::Ja).lang, "ja");
        assert_eq!(words(Lang::En).nav_home, "Assessments");
    }

    /// No template of the pages or the HTML report holds a word of its own: every word a person
    /// reads comes from the message files. Scanned: `templates/*.html|svg` of isomm-web and
    /// isomm-report (and the typst template, below), after removing `{{ … }}`, `{% … %}`, `{# … #}`,
    /// `<script>`, `<style>`, tags and entities; the text left, and the values of `title`,
    /// `aria-label`, `placeholder` and `alt`, may hold only the names in [`ALLOWED`].
    #[test]
    fn templates_hold_no_words_of_their_own() {
        /// Names that are the same in every language: the product, file formats and extensions,
        /// each language's own name (shown in that language on purpose), audit action names.
        const ALLOWED: &[&str] = &[
            "isomm",
            "PDF",
            "Excel",
            "HTML",
            "CSV",
            "JSON",
            "日本語",
            "English",
            "(.toml,",
            ".json,",
            ".csv,",
            ".xlsx)",
            "login,",
            "link.,",
            "sheet.",
        ];
        let strip = |pattern: &str, text: &str| -> String {
            let (open, close) = pattern.split_once(' ').unwrap();
            let mut out = String::new();
            let mut rest = text;
            while let Some(start) = rest.find(open) {
                out.push_str(&rest[..start]);
                out.push(' ');
                rest = match rest[start..].find(close) {
                    Some(end) => &rest[start + end + close.len()..],
                    None => "",
                };
            }
            out.push_str(rest);
            out
        };
        let mut found = Vec::new();
        for dir in ["templates", "../isomm-report/templates"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !["html", "svg"].contains(&ext) {
                    continue;
                }
                let mut text = std::fs::read_to_string(&path).unwrap();
                for pattern in [
                    "{{ }}",
                    "{% %}",
                    "{# #}",
                    "<script </script>",
                    "<style </style>",
                ] {
                    text = strip(pattern, &text);
                }
                let mut values = Vec::new();
                for attribute in ["title=\"", "aria-label=\"", "placeholder=\"", "alt=\""] {
                    for (i, _) in text.match_indices(attribute) {
                        let from = i + attribute.len();
                        if let Some(end) = text[from..].find('"') {
                            values.push(text[from..from + end].to_string());
                        }
                    }
                }
                let text = strip("< >", &text);
                let text = strip("& ;", &text);
                let words = text
                    .split_whitespace()
                    .chain(values.iter().flat_map(|v| v.split_whitespace()))
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .filter(|w| !ALLOWED.contains(w))
                    .map(|w| format!("{}: {w}", path.display()));
                found.extend(words);
            }
        }
        // The typst template of the PDF: its string literals and its markup (`[…]` content) may hold
        // no word of their own either, only the technical names below; `//` comments are skipped.
        const TYPST_NAMES: &[&str] = &["dashed", "regular", "a4", "IPAexGothic"];
        let templates =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../isomm-report/templates");
        let mut typst_files: Vec<_> = std::fs::read_dir(&templates)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "typ"))
            .collect();
        typst_files.sort();
        assert!(typst_files.len() >= 2, "the report's and the comparison's");
        for typ in typst_files {
            let source = std::fs::read_to_string(&typ).unwrap();
            for line in source.lines() {
                let code = line.split("//").next().unwrap_or("");
                let mut literals = code.split('"').skip(1).step_by(2).collect::<Vec<_>>();
                // Markup: the text inside brackets that is not code (`#…`).
                for part in code.split('[').skip(1) {
                    let inner = part.split(']').next().unwrap_or("");
                    if !inner.trim_start().starts_with('#') {
                        literals.push(inner);
                    }
                }
                for literal in literals {
                    let path = literal.starts_with('/') || literal.starts_with('#');
                    let words = literal
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                        .filter(|w| !TYPST_NAMES.contains(w));
                    if !path {
                        found.extend(words.map(|w| format!("{}: {w}", typ.display())));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "words outside the message files: {found:#?}"
        );
    }
}
