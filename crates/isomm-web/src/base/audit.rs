//! How the audit log names things: actions in people's words, and an assessment's fields as one line.

/// An assessment's fields as an audit line shows them (old and new values of an edit).
pub fn describe_fields(catalog: &isomm_core::Catalog, f: &isomm_store::AssessmentFields) -> String {
    let pattern = |id: &str| {
        catalog
            .pattern_index(id)
            .map_or_else(|| id.to_string(), |i| catalog.patterns()[i].id.clone())
    };
    let mut text = format!(
        "organization:{} title:{} date:{} current:{} target:{} level:{} plan:{}/{}",
        f.organization,
        f.title,
        f.date.as_deref().unwrap_or("-"),
        pattern(&f.current_pattern),
        pattern(&f.target_pattern),
        f.target_level,
        f.plan.size(),
        isomm_report::view::shown(f.plan.min_gap()),
    );
    if let Some(deadline) = &f.deadline {
        text.push_str(&format!(" deadline:{deadline}"));
    }
    for (role, area) in &f.areas {
        text.push_str(&format!(" area:{role}={area:?}"));
    }
    text
}

/// Every action the audit log records, with the message of `web.ftl` that names it for people; a
/// report download is `export.FORMAT` (`audit-export-report`).
const ACTIONS: &[(&str, &str)] = &[
    ("account.create", "audit-account-create"),
    ("account.password", "audit-account-password"),
    ("answer.save", "audit-answer-save"),
    ("answer.upload", "audit-answer-upload"),
    ("assessment.adopt", "audit-assessment-adopt"),
    ("assessment.create", "audit-assessment-create"),
    ("assessment.delete", "audit-assessment-delete"),
    ("assessment.edit", "audit-assessment-edit"),
    ("assessment.import", "audit-assessment-import"),
    ("assessment.share", "audit-assessment-share"),
    ("audit.prune", "audit-audit-prune"),
    ("export.answers", "audit-export-answers"),
    ("export.audit", "audit-export-audit"),
    ("export.sheet", "audit-export-sheet"),
    ("invitation.accept", "audit-invitation-accept"),
    ("invitation.cancel", "audit-invitation-cancel"),
    ("invitation.create", "audit-invitation-create"),
    ("link.issue", "audit-link-issue"),
    ("link.revoke", "audit-link-revoke"),
    ("login", "audit-login"),
    ("login.failed", "audit-login-failed"),
    ("logout", "audit-logout"),
    ("member.remove", "audit-member-remove"),
    ("member.set", "audit-member-set"),
    ("respondent.add", "audit-respondent-add"),
    ("respondent.remove", "audit-respondent-remove"),
    ("round.close", "audit-round-close"),
    ("round.reopen", "audit-round-reopen"),
    ("round.start", "audit-round-start"),
    ("sheet.reopen", "audit-sheet-reopen"),
    ("sheet.submit", "audit-sheet-submit"),
    ("workspace.create", "audit-workspace-create"),
    ("workspace.time_zone", "audit-workspace-time-zone"),
];

/// What an action is, in words (the code itself when it is one this version does not know).
pub fn action_name(lang: isomm_core::Lang, code: &str) -> String {
    if let Some((_, key)) = ACTIONS.iter().find(|(c, _)| *c == code) {
        return crate::base::words::say(lang, key, &[]);
    }
    match code.strip_prefix("export.") {
        Some(format) => crate::base::words::say(
            lang,
            "audit-export-report",
            &[("format", &format.to_uppercase())],
        ),
        None => code.to_string(),
    }
}

/// Every action a filter may choose, by its name in `lang` (in the order of the names), with the
/// downloads of reports as one choice (`export.`, a prefix of their codes).
pub fn action_choices(lang: isomm_core::Lang) -> Vec<(String, String)> {
    let mut choices: Vec<(String, String)> = ACTIONS
        .iter()
        .map(|(code, _)| (code.to_string(), action_name(lang, code)))
        .chain(std::iter::once((
            "export.".to_string(),
            crate::base::words::say(lang, "audit-exports", &[]),
        )))
        .collect();
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    choices
}

/// Asks every action's message, so that the words' test checks them in every language.
pub fn ask_action_words(m: &mut isomm_core::messages::Messages) {
    for (_, key) in ACTIONS {
        m.format(key, &[]);
    }
    m.format("audit-export-report", &[("format", "PDF")]);
    m.format("audit-exports", &[]);
}
