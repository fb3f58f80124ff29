//! The words of the reports, read from the message files (`messages/{ja,en}/report.ftl`, Fluent)
//! into [`Ui`], one typed field per message, once per language.
//!
//! Adding a text means adding a field and a message in every language's file (a test checks).

use isomm_core::Lang;

pub struct Ui {
    pub lang: &'static str,
    pub report_title: &'static str,
    pub organization: &'static str,
    pub title: &'static str,
    pub date: &'static str,
    pub model: &'static str,
    pub current_pattern: &'static str,
    pub target_pattern: &'static str,
    pub target_level: &'static str,
    pub in_house_areas: &'static str,
    pub outsourced_areas: &'static str,
    pub none: &'static str,
    pub overall: &'static str,
    pub overall_note: &'static str,
    pub respondents: &'static str,
    pub position: &'static str,
    pub answered: &'static str,
    pub radar_heading: &'static str,
    pub radar_note: &'static str,
    pub series_combined: &'static str,
    pub series_insource: &'static str,
    pub series_outsource: &'static str,
    pub table_heading: &'static str,
    pub function: &'static str,
    pub maturity: &'static str,
    pub insource: &'static str,
    pub outsource: &'static str,
    pub roles_counted: &'static str,
    pub roles_not_applicable: &'static str,
    pub strengths: &'static str,
    pub weaknesses: &'static str,
    pub strengths_note: &'static str,
    pub weaknesses_note: &'static str,
    pub strong_roles: &'static str,
    pub weak_roles: &'static str,
    pub roles_heading: &'static str,
    pub roles_note: &'static str,
    pub legend_insourced: &'static str,
    pub legend_outsourced: &'static str,
    pub legend_both: &'static str,
    pub legend_unanswered: &'static str,
    pub legend_target: &'static str,
    pub not_applicable: &'static str,
    pub role: &'static str,
    pub area: &'static str,
    pub level: &'static str,
    pub sourcing: &'static str,
    pub mismatches_heading: &'static str,
    pub mismatches_note: &'static str,
    pub mismatches_none: &'static str,
    pub expected: &'static str,
    pub actual: &'static str,
    pub improvements_heading: &'static str,
    pub improvements_note: &'static str,
    pub improvements_none: &'static str,
    pub rank: &'static str,
    pub side: &'static str,
    pub gap: &'static str,
    pub now: &'static str,
    pub transition: &'static str,
    pub priority: &'static str,
    pub reason: &'static str,
    pub gaps_heading: &'static str,
    pub gaps_note: &'static str,
    pub gaps_none: &'static str,
    pub lowest: &'static str,
    pub highest: &'static str,
    pub spread: &'static str,
    pub positions_heading: &'static str,
    pub positions_note: &'static str,
    pub advice_heading: &'static str,
    pub advice: [&'static str; 3],
    pub about_heading: &'static str,
    pub about: &'static str,
    pub generated_by: &'static str,
    pub none_dash: &'static str,
}

use isomm_core::messages::Messages;

/// The message file of the reports in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Report)
}

/// [`Ui`] from the messages of one language.
fn fill(m: &mut Messages) -> Ui {
    Ui {
        lang: m.get("lang"),
        report_title: m.get("report-title"),
        organization: m.get("organization"),
        title: m.get("title"),
        date: m.get("date"),
        model: m.get("model"),
        current_pattern: m.get("current-pattern"),
        target_pattern: m.get("target-pattern"),
        target_level: m.get("target-level"),
        in_house_areas: m.get("in-house-areas"),
        outsourced_areas: m.get("outsourced-areas"),
        none: m.get("none"),
        overall: m.get("overall"),
        overall_note: m.get("overall-note"),
        respondents: m.get("respondents"),
        position: m.get("position"),
        answered: m.get("answered"),
        radar_heading: m.get("radar-heading"),
        radar_note: m.get("radar-note"),
        series_combined: m.get("series-combined"),
        series_insource: m.get("series-insource"),
        series_outsource: m.get("series-outsource"),
        table_heading: m.get("table-heading"),
        function: m.get("function"),
        maturity: m.get("maturity"),
        insource: m.get("insource"),
        outsource: m.get("outsource"),
        roles_counted: m.get("roles-counted"),
        roles_not_applicable: m.get("roles-not-applicable"),
        strengths: m.get("strengths"),
        weaknesses: m.get("weaknesses"),
        strengths_note: m.get("strengths-note"),
        weaknesses_note: m.get("weaknesses-note"),
        strong_roles: m.get("strong-roles"),
        weak_roles: m.get("weak-roles"),
        roles_heading: m.get("roles-heading"),
        roles_note: m.get("roles-note"),
        legend_insourced: m.get("legend-insourced"),
        legend_outsourced: m.get("legend-outsourced"),
        legend_both: m.get("legend-both"),
        legend_unanswered: m.get("legend-unanswered"),
        legend_target: m.get("legend-target"),
        not_applicable: m.get("not-applicable"),
        role: m.get("role"),
        area: m.get("area"),
        level: m.get("level"),
        sourcing: m.get("sourcing"),
        mismatches_heading: m.get("mismatches-heading"),
        mismatches_note: m.get("mismatches-note"),
        mismatches_none: m.get("mismatches-none"),
        expected: m.get("expected"),
        actual: m.get("actual"),
        improvements_heading: m.get("improvements-heading"),
        improvements_note: m.get("improvements-note"),
        improvements_none: m.get("improvements-none"),
        rank: m.get("rank"),
        side: m.get("side"),
        gap: m.get("gap"),
        now: m.get("now"),
        transition: m.get("transition"),
        priority: m.get("priority"),
        reason: m.get("reason"),
        gaps_heading: m.get("gaps-heading"),
        gaps_note: m.get("gaps-note"),
        gaps_none: m.get("gaps-none"),
        lowest: m.get("lowest"),
        highest: m.get("highest"),
        spread: m.get("spread"),
        positions_heading: m.get("positions-heading"),
        positions_note: m.get("positions-note"),
        advice_heading: m.get("advice-heading"),
        advice: [m.get("advice-1"), m.get("advice-2"), m.get("advice-3")],
        about_heading: m.get("about-heading"),
        about: m.get("about"),
        generated_by: m.get("generated-by"),
        none_dash: m.get("none-dash"),
    }
}

/// The words of `lang`, read from its message file the first time they are asked for.
pub fn ui(lang: Lang) -> &'static Ui {
    static WORDS: isomm_core::messages::PerLang<Ui> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of [`Ui`] has a message in every language's file, and every message is used.
    #[test]
    fn every_report_word_is_in_every_language() {
        assert_eq!(
            isomm_core::messages::problems(source, fill),
            Vec::<String>::new()
        );
        assert_eq!(ui(Lang::En).lang, "en");
    }
}
