//! How the audit log names things: actions in people's words, times, and an assessment's fields as
//! one line.

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
    for (role, area) in &f.areas {
        text.push_str(&format!(" area:{role}={area:?}"));
    }
    text
}

/// Seconds since the epoch as `YYYY-MM-DD HH:MM:SS` (UTC), without a date library: the civil date
/// from days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn utc(secs: i64) -> String {
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
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
    ("sheet.reopen", "audit-sheet-reopen"),
    ("sheet.submit", "audit-sheet-submit"),
    ("workspace.create", "audit-workspace-create"),
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

/// Asks every action's message, so that the words' test checks them in every language.
pub fn ask_action_words(m: &mut isomm_core::messages::Messages) {
    for (_, key) in ACTIONS {
        m.format(key, &[]);
    }
    m.format("audit-export-report", &[("format", "PDF")]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(super::utc(0), "1970-01-01 00:00:00");
        assert_eq!(super::utc(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(super::utc(1_795_780_800), "2026-11-27 12:00:00");
        assert_eq!(super::utc(1_795_867_199), "2026-11-28 11:59:59");
    }
}
