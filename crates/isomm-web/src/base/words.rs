//! The words of the web application, read from the message files (`messages/{ja,en}/web.ftl`,
//! Fluent) into [`Words`], one typed field per message, once per language. The report's own words
//! are in `isomm_report::ui` (to move into the message files next).
//!
//! Adding a language: a directory of message files, and a line in [`source`].

use isomm_core::Lang;
use isomm_core::messages::Messages;
use isomm_store::auth::AccountError;

pub struct Words {
    pub lang: &'static str,
    /// What a downloaded file is, at the end of its name (after the organisation's).
    pub file_report: &'static str,
    pub file_roles: &'static str,
    pub file_radar: &'static str,
    pub file_result: &'static str,
    pub file_answers: &'static str,
    pub file_sheet: &'static str,
    pub file_sheet_blank: &'static str,
    pub app_title: &'static str,
    pub nav_home: &'static str,
    pub nav_catalog: &'static str,
    pub nav_new: &'static str,
    pub nav_import: &'static str,
    pub switch_label: &'static str,
    pub skip_link: &'static str,
    // Home
    pub home_heading: &'static str,
    pub home_intro: &'static str,
    pub home_empty: &'static str,
    pub col_organization: &'static str,
    pub col_title: &'static str,
    pub col_date: &'static str,
    pub col_patterns: &'static str,
    pub col_respondents: &'static str,
    pub col_completion: &'static str,
    pub col_overall: &'static str,
    // Workflow
    pub steps_heading: &'static str,
    pub steps: [&'static str; 6],
    // Catalog
    pub catalog_heading: &'static str,
    pub catalog_intro: &'static str,
    pub levels_heading: &'static str,
    pub level: &'static str,
    pub insource: &'static str,
    pub outsource: &'static str,
    pub patterns_heading: &'static str,
    pub patterns_intro: &'static str,
    pub areas_heading: &'static str,
    pub default_area: &'static str,
    pub in_house: &'static str,
    pub outsourced: &'static str,
    pub axis_outsource: &'static str,
    pub axis_insource: &'static str,
    // Assessment form
    pub new_heading: &'static str,
    pub edit_heading: &'static str,
    pub organization: &'static str,
    pub title: &'static str,
    pub date: &'static str,
    pub current_pattern: &'static str,
    pub target_pattern: &'static str,
    pub target_level: &'static str,
    pub target_level_help: &'static str,
    pub plan_settings: &'static str,
    pub plan_settings_help: &'static str,
    pub plan_size: &'static str,
    pub plan_min_gap: &'static str,
    pub areas_intro: &'static str,
    pub role: &'static str,
    pub area: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub form_has_errors: &'static str,
    pub err_organization: &'static str,
    pub err_date: &'static str,
    pub err_pattern: &'static str,
    pub err_target_level: &'static str,
    pub err_plan_size: &'static str,
    pub err_plan_min_gap: &'static str,
    pub err_area: &'static str,
    pub err_too_long: &'static str,
    pub err_name_characters: &'static str,
    // Assessment page
    pub edit: &'static str,
    pub delete_assessment: &'static str,
    pub delete_confirm: &'static str,
    pub respondents_heading: &'static str,
    pub respondents_intro: &'static str,
    pub no_respondents: &'static str,
    pub name: &'static str,
    pub position: &'static str,
    pub progress: &'static str,
    pub open_sheet: &'static str,
    pub remove: &'static str,
    pub remove_confirm: &'static str,
    pub add_respondent: &'static str,
    pub err_name: &'static str,
    pub err_name_taken: &'static str,
    /// The assessment has as many respondents as allowed, or no room left for text.
    pub err_full: &'static str,
    /// A save that would take the assessment past its bound on text.
    pub err_text_full: &'static str,
    pub home_older: &'static str,
    pub home_newest: &'static str,
    /// Shown beside an overall maturity that is being computed again after a change.
    pub overall_updating: &'static str,
    pub err_position: &'static str,
    pub see_results: &'static str,
    pub overall: &'static str,
    // Check sheet
    pub sheet_heading: &'static str,
    pub answered: &'static str,
    pub advice_heading: &'static str,
    pub not_answered: &'static str,
    pub note: &'static str,
    pub save_sheet: &'static str,
    pub saved: &'static str,
    pub saving: &'static str,
    pub save_failed: &'static str,
    pub sheet_saved_banner: &'static str,
    pub sheet_has_errors: &'static str,
    pub err_level: &'static str,
    pub err_note_too_long: &'static str,
    pub choose_level: &'static str,
    pub keys_hint: &'static str,
    pub only_unanswered: &'static str,
    /// The switch to the compact table view of the check sheet.
    pub compact_view: &'static str,
    /// The collapsible table of every level's definition on the check sheet.
    pub level_table: &'static str,
    pub back_to_assessment: &'static str,
    pub expected_side: &'static str,
    // Results
    pub results_heading: &'static str,
    pub series_heading: &'static str,
    pub series_respondents: &'static str,
    pub series_positions: &'static str,
    pub downloads: &'static str,
    pub shared_heading: &'static str,
    pub shared_intro: &'static str,
    pub shared_positions: &'static str,
    pub shared_no_positions: &'static str,
    pub shared_too_few: &'static str,
    pub shared_back: &'static str,
    pub see_shared: &'static str,
    pub share_heading: &'static str,
    pub share_is_on: &'static str,
    pub share_is_off: &'static str,
    pub share_turn_on: &'static str,
    pub share_turn_off: &'static str,
    pub invited_heading: &'static str,
    pub invited_intro: &'static str,
    pub invited_once: &'static str,
    pub invitation_heading: &'static str,
    pub invitation_intro: &'static str,
    pub invitation_button: &'static str,
    pub invitation_have_account: &'static str,
    pub invitation_log_in: &'static str,
    pub invitation_join_intro: &'static str,
    pub invitation_join: &'static str,
    pub err_email_taken_log_in: &'static str,
    pub err_already_member: &'static str,
    pub invitations_heading: &'static str,
    pub invitation_expires: &'static str,
    pub invitation_cancel: &'static str,
    pub nav_admin: &'static str,
    pub admin_heading: &'static str,
    pub admin_intro: &'static str,
    pub admin_workspaces: &'static str,
    pub admin_accounts: &'static str,
    pub admin_owner_email: &'static str,
    pub admin_add_workspace: &'static str,
    pub admin_workspace_help: &'static str,
    pub admin_badge: &'static str,
    pub admin_reset_help: &'static str,
    pub audit_instance_intro: &'static str,
    pub admin_audit_link: &'static str,
    pub err_workspace_exists: &'static str,
    pub shared_waiting: &'static str,
    pub submitted_count: &'static str,
    pub counting_heading: &'static str,
    pub counting_submitted: &'static str,
    pub counting_all: &'static str,
    pub counted: &'static str,
    pub left_out: &'static str,
    pub include_in_progress: &'static str,
    pub submitted_only: &'static str,
    pub nothing_counted: &'static str,
    // Import
    pub import_heading: &'static str,
    pub import_intro: &'static str,
    pub file: &'static str,
    pub csv_fields: &'static str,
    pub csv_fields_help: &'static str,
    pub import_button: &'static str,
    pub err_no_file: &'static str,
    pub err_file_type: &'static str,
    pub err_file_utf8: &'static str,
    pub offline_heading: &'static str,
    pub offline_intro: &'static str,
    pub download_filled: &'static str,
    pub download_blank: &'static str,
    pub upload_sheet: &'static str,
    pub upload_button: &'static str,
    pub err_sheet_type: &'static str,
    pub answers_csv: &'static str,
    pub members_heading: &'static str,
    pub members_intro: &'static str,
    pub members_help: &'static str,
    pub access: &'static str,
    pub access_owner: &'static str,
    pub access_assessor: &'static str,
    pub access_viewer: &'static str,
    pub add_member: &'static str,
    pub err_last_owner: &'static str,
    pub nav_members: &'static str,
    pub switch_workspace: &'static str,
    pub audit_heading: &'static str,
    pub audit_intro: &'static str,
    pub audit_time: &'static str,
    pub audit_actor: &'static str,
    pub audit_client: &'static str,
    pub audit_action: &'static str,
    pub audit_subject: &'static str,
    pub audit_old: &'static str,
    pub audit_new: &'static str,
    pub audit_filter: &'static str,
    pub audit_empty: &'static str,
    pub audit_older: &'static str,
    pub nav_audit: &'static str,
    pub link_heading: &'static str,
    pub link_intro: &'static str,
    pub link_once: &'static str,
    pub copy: &'static str,
    pub new_link: &'static str,
    pub revoke_link: &'static str,
    pub reopen_sheet: &'static str,
    pub mark_submitted: &'static str,
    pub mark_submitted_hint: &'static str,
    pub col_link: &'static str,
    pub col_status: &'static str,
    pub status_not_started: &'static str,
    pub status_in_progress: &'static str,
    pub status_submitted: &'static str,
    pub link_active: &'static str,
    pub link_none: &'static str,
    pub submit_heading: &'static str,
    pub submit_intro: &'static str,
    pub submit_button: &'static str,
    pub unanswered_left: &'static str,
    pub submitted_banner: &'static str,
    pub err_submitted: &'static str,
    pub account_heading: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub password_again: &'static str,
    pub password_changed: &'static str,
    pub err_current_password: &'static str,
    pub err_password_mismatch: &'static str,
    pub setup_heading: &'static str,
    pub setup_intro: &'static str,
    pub your_name: &'static str,
    pub workspace_name: &'static str,
    pub workspace_help: &'static str,
    pub new_password: &'static str,
    pub password_help: &'static str,
    pub setup_button: &'static str,
    pub err_email: &'static str,
    pub err_person_name: &'static str,
    pub err_workspace_name: &'static str,
    pub err_password_short: &'static str,
    pub err_password_long: &'static str,
    pub err_password_guessable: &'static str,
    pub err_email_taken: &'static str,
    pub login_heading: &'static str,
    pub login_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    pub logout_button: &'static str,
    pub login_failed: &'static str,
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
    Words {
        lang: m.get("lang"),
        app_title: m.get("app-title"),
        nav_home: m.get("nav-home"),
        nav_catalog: m.get("nav-catalog"),
        nav_new: m.get("nav-new"),
        nav_import: m.get("nav-import"),
        switch_label: m.get("switch-label"),
        skip_link: m.get("skip-link"),
        home_heading: m.get("home-heading"),
        home_intro: m.get("home-intro"),
        home_empty: m.get("home-empty"),
        col_organization: m.get("col-organization"),
        col_title: m.get("col-title"),
        col_date: m.get("col-date"),
        col_patterns: m.get("col-patterns"),
        col_respondents: m.get("col-respondents"),
        col_completion: m.get("col-completion"),
        col_overall: m.get("col-overall"),
        steps_heading: m.get("steps-heading"),
        steps: [
            m.get("steps-1"),
            m.get("steps-2"),
            m.get("steps-3"),
            m.get("steps-4"),
            m.get("steps-5"),
            m.get("steps-6"),
        ],
        catalog_heading: m.get("catalog-heading"),
        catalog_intro: m.get("catalog-intro"),
        levels_heading: m.get("levels-heading"),
        level: m.get("level"),
        insource: m.get("insource"),
        outsource: m.get("outsource"),
        patterns_heading: m.get("patterns-heading"),
        patterns_intro: m.get("patterns-intro"),
        areas_heading: m.get("areas-heading"),
        default_area: m.get("default-area"),
        in_house: m.get("in-house"),
        outsourced: m.get("outsourced"),
        axis_outsource: m.get("axis-outsource"),
        axis_insource: m.get("axis-insource"),
        new_heading: m.get("new-heading"),
        edit_heading: m.get("edit-heading"),
        organization: m.get("organization"),
        title: m.get("title"),
        date: m.get("date"),
        current_pattern: m.get("current-pattern"),
        target_pattern: m.get("target-pattern"),
        target_level: m.get("target-level"),
        target_level_help: m.get("target-level-help"),
        plan_settings: m.get("plan-settings"),
        plan_settings_help: m.get("plan-settings-help"),
        plan_size: m.get("plan-size"),
        plan_min_gap: m.get("plan-min-gap"),
        areas_intro: m.get("areas-intro"),
        role: m.get("role"),
        area: m.get("area"),
        save: m.get("save"),
        cancel: m.get("cancel"),
        form_has_errors: m.get("form-has-errors"),
        err_organization: m.get("err-organization"),
        err_date: m.get("err-date"),
        err_pattern: m.get("err-pattern"),
        err_target_level: m.get("err-target-level"),
        err_plan_size: m.get("err-plan-size"),
        err_plan_min_gap: m.get("err-plan-min-gap"),
        err_area: m.get("err-area"),
        err_too_long: m.get("err-too-long"),
        err_name_characters: m.get("err-name-characters"),
        edit: m.get("edit"),
        delete_assessment: m.get("delete-assessment"),
        delete_confirm: m.get("delete-confirm"),
        respondents_heading: m.get("respondents-heading"),
        respondents_intro: m.get("respondents-intro"),
        no_respondents: m.get("no-respondents"),
        name: m.get("name"),
        position: m.get("position"),
        progress: m.get("progress"),
        open_sheet: m.get("open-sheet"),
        remove: m.get("remove"),
        remove_confirm: m.get("remove-confirm"),
        add_respondent: m.get("add-respondent"),
        err_name: m.get("err-name"),
        err_name_taken: m.get("err-name-taken"),
        err_full: m.get("err-full"),
        err_text_full: m.get("err-text-full"),
        home_older: m.get("home-older"),
        home_newest: m.get("home-newest"),
        overall_updating: m.get("overall-updating"),
        err_position: m.get("err-position"),
        see_results: m.get("see-results"),
        overall: m.get("overall"),
        sheet_heading: m.get("sheet-heading"),
        answered: m.get("answered"),
        advice_heading: m.get("advice-heading"),
        not_answered: m.get("not-answered"),
        note: m.get("note"),
        save_sheet: m.get("save-sheet"),
        saved: m.get("saved"),
        saving: m.get("saving"),
        save_failed: m.get("save-failed"),
        sheet_saved_banner: m.get("sheet-saved-banner"),
        sheet_has_errors: m.get("sheet-has-errors"),
        err_level: m.get("err-level"),
        err_note_too_long: m.get("err-note-too-long"),
        choose_level: m.get("choose-level"),
        keys_hint: m.get("keys-hint"),
        only_unanswered: m.get("only-unanswered"),
        compact_view: m.get("compact-view"),
        level_table: m.get("level-table"),
        back_to_assessment: m.get("back-to-assessment"),
        expected_side: m.get("expected-side"),
        results_heading: m.get("results-heading"),
        series_heading: m.get("series-heading"),
        series_respondents: m.get("series-respondents"),
        series_positions: m.get("series-positions"),
        downloads: m.get("downloads"),
        file_report: m.get("file-report"),
        file_roles: m.get("file-roles"),
        file_radar: m.get("file-radar"),
        file_result: m.get("file-result"),
        file_answers: m.get("file-answers"),
        file_sheet: m.get("file-sheet"),
        file_sheet_blank: m.get("file-sheet-blank"),
        shared_heading: m.get("shared-heading"),
        shared_intro: m.get("shared-intro"),
        shared_positions: m.get("shared-positions"),
        shared_no_positions: m.get("shared-no-positions"),
        shared_too_few: m.get("shared-too-few"),
        shared_back: m.get("shared-back"),
        see_shared: m.get("see-shared"),
        share_heading: m.get("share-heading"),
        share_is_on: m.get("share-is-on"),
        share_is_off: m.get("share-is-off"),
        share_turn_on: m.get("share-turn-on"),
        share_turn_off: m.get("share-turn-off"),
        invited_heading: m.get("invited-heading"),
        invited_intro: m.get("invited-intro"),
        invited_once: m.get("invited-once"),
        invitation_heading: m.get("invitation-heading"),
        invitation_intro: m.get("invitation-intro"),
        invitation_button: m.get("invitation-button"),
        invitation_have_account: m.get("invitation-have-account"),
        invitation_log_in: m.get("invitation-log-in"),
        invitation_join_intro: m.get("invitation-join-intro"),
        invitation_join: m.get("invitation-join"),
        err_email_taken_log_in: m.get("err-email-taken-log-in"),
        err_already_member: m.get("err-already-member"),
        invitations_heading: m.get("invitations-heading"),
        invitation_expires: m.get("invitation-expires"),
        invitation_cancel: m.get("invitation-cancel"),
        nav_admin: m.get("nav-admin"),
        admin_heading: m.get("admin-heading"),
        admin_intro: m.get("admin-intro"),
        admin_workspaces: m.get("admin-workspaces"),
        admin_accounts: m.get("admin-accounts"),
        admin_owner_email: m.get("admin-owner-email"),
        admin_add_workspace: m.get("admin-add-workspace"),
        admin_workspace_help: m.get("admin-workspace-help"),
        admin_badge: m.get("admin-badge"),
        admin_reset_help: m.get("admin-reset-help"),
        audit_instance_intro: m.get("audit-instance-intro"),
        admin_audit_link: m.get("admin-audit-link"),
        err_workspace_exists: m.get("err-workspace-exists"),
        shared_waiting: m.get("shared-waiting"),
        submitted_count: m.get("submitted-count"),
        counting_heading: m.get("counting-heading"),
        counting_submitted: m.get("counting-submitted"),
        counting_all: m.get("counting-all"),
        counted: m.get("counted"),
        left_out: m.get("left-out"),
        include_in_progress: m.get("include-in-progress"),
        submitted_only: m.get("submitted-only"),
        nothing_counted: m.get("nothing-counted"),
        import_heading: m.get("import-heading"),
        import_intro: m.get("import-intro"),
        file: m.get("file"),
        csv_fields: m.get("csv-fields"),
        csv_fields_help: m.get("csv-fields-help"),
        import_button: m.get("import-button"),
        err_no_file: m.get("err-no-file"),
        err_file_type: m.get("err-file-type"),
        err_file_utf8: m.get("err-file-utf8"),
        offline_heading: m.get("offline-heading"),
        offline_intro: m.get("offline-intro"),
        download_filled: m.get("download-filled"),
        download_blank: m.get("download-blank"),
        upload_sheet: m.get("upload-sheet"),
        upload_button: m.get("upload-button"),
        err_sheet_type: m.get("err-sheet-type"),
        answers_csv: m.get("answers-csv"),
        members_heading: m.get("members-heading"),
        members_intro: m.get("members-intro"),
        members_help: m.get("members-help"),
        access: m.get("access"),
        access_owner: m.get("access-owner"),
        access_assessor: m.get("access-assessor"),
        access_viewer: m.get("access-viewer"),
        add_member: m.get("add-member"),
        err_last_owner: m.get("err-last-owner"),
        nav_members: m.get("nav-members"),
        switch_workspace: m.get("switch-workspace"),
        audit_heading: m.get("audit-heading"),
        audit_intro: m.get("audit-intro"),
        audit_time: m.get("audit-time"),
        audit_actor: m.get("audit-actor"),
        audit_client: m.get("audit-client"),
        audit_action: m.get("audit-action"),
        audit_subject: m.get("audit-subject"),
        audit_old: m.get("audit-old"),
        audit_new: m.get("audit-new"),
        audit_filter: m.get("audit-filter"),
        audit_empty: m.get("audit-empty"),
        audit_older: m.get("audit-older"),
        nav_audit: m.get("nav-audit"),
        link_heading: m.get("link-heading"),
        link_intro: m.get("link-intro"),
        link_once: m.get("link-once"),
        copy: m.get("copy"),
        new_link: m.get("new-link"),
        revoke_link: m.get("revoke-link"),
        reopen_sheet: m.get("reopen-sheet"),
        mark_submitted: m.get("mark-submitted"),
        mark_submitted_hint: m.get("mark-submitted-hint"),
        col_link: m.get("col-link"),
        col_status: m.get("col-status"),
        status_not_started: m.get("status-not-started"),
        status_in_progress: m.get("status-in-progress"),
        status_submitted: m.get("status-submitted"),
        link_active: m.get("link-active"),
        link_none: m.get("link-none"),
        submit_heading: m.get("submit-heading"),
        submit_intro: m.get("submit-intro"),
        submit_button: m.get("submit-button"),
        unanswered_left: m.get("unanswered-left"),
        submitted_banner: m.get("submitted-banner"),
        err_submitted: m.get("err-submitted"),
        account_heading: m.get("account-heading"),
        change_password: m.get("change-password"),
        current_password: m.get("current-password"),
        password_again: m.get("password-again"),
        password_changed: m.get("password-changed"),
        err_current_password: m.get("err-current-password"),
        err_password_mismatch: m.get("err-password-mismatch"),
        setup_heading: m.get("setup-heading"),
        setup_intro: m.get("setup-intro"),
        your_name: m.get("your-name"),
        workspace_name: m.get("workspace-name"),
        workspace_help: m.get("workspace-help"),
        new_password: m.get("new-password"),
        password_help: m.get("password-help"),
        setup_button: m.get("setup-button"),
        err_email: m.get("err-email"),
        err_person_name: m.get("err-person-name"),
        err_workspace_name: m.get("err-workspace-name"),
        err_password_short: m.get("err-password-short"),
        err_password_long: m.get("err-password-long"),
        err_password_guessable: m.get("err-password-guessable"),
        err_email_taken: m.get("err-email-taken"),
        login_heading: m.get("login-heading"),
        login_intro: m.get("login-intro"),
        email: m.get("email"),
        password: m.get("password"),
        login_button: m.get("login-button"),
        logout_button: m.get("logout-button"),
        login_failed: m.get("login-failed"),
    }
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
        let typ = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../isomm-report/templates/report.typ");
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
        assert!(
            found.is_empty(),
            "words outside the message files: {found:#?}"
        );
    }
}
