//! The words of the reports, read from the message files (`messages/{ja,en}/report.ftl`, Fluent)
//! into [`Ui`], one typed field per message, once per language.
//!
//! Adding a text means adding a field and a message in every language's file (a test checks).

use isomm_core::Lang;

isomm_core::words! {
    /// Every word of the reports in one language, each read from the message of its name in
    /// `report.ftl` (`report_title` from `report-title`).
    #[derive(serde::Serialize)]
    pub struct Ui {
        lang,
        report_title,
        organization,
        title,
        date,
        model,
        current_pattern,
        target_pattern,
        target_level,
        in_house_areas,
        outsourced_areas,
        none,
        overall,
        overall_note,
        respondents,
        position,
        answered,
        radar_heading,
        radar_note,
        series_combined,
        series_insource,
        series_outsource,
        table_heading,
        function,
        maturity,
        insource,
        outsource,
        roles_counted,
        roles_not_applicable,
        strengths,
        weaknesses,
        strengths_note,
        weaknesses_note,
        strong_roles,
        weak_roles,
        roles_heading,
        roles_note,
        legend_insourced,
        legend_outsourced,
        legend_both,
        legend_unanswered,
        /// Short marks of how a role is sourced, after its value and in the legend.
        mark_insourced,
        mark_outsourced,
        mark_both,
        mark_unanswered,
        legend_target,
        not_applicable,
        role,
        area,
        level,
        sourcing,
        mismatches_heading,
        mismatches_note,
        mismatches_none,
        expected,
        actual,
        improvements_heading,
        improvements_note,
        improvements_none,
        rank,
        side,
        gap,
        now,
        priority,
        reason,
        gaps_heading,
        gaps_note,
        gaps_none,
        lowest,
        highest,
        spread,
        positions_heading,
        positions_note,
        advice_heading,
        advice[3],
        about_heading,
        about,
        generated_by,
        none_dash,
        summary_heading,
        top_actions,
        changes_heading,
        largest_gap,
        counted,
        plan_more,
        thin_note,
        appendix,
        keep_together,
        answers_heading,
        answers_note,
        notes,
        axis_outsource,
        axis_insource,
        gaps_filter,
        gaps_all,
        plan_all_points,
        to_target,
        /// ": " in English, "：" in Japanese, between a label and what follows.
        colon,
        /// Between the items of a list in a sentence.
        list_separator,
        /// Between two sentences of one paragraph (none in Japanese, a space in English).
        sentence_gap,
    }
}

use isomm_core::messages::Messages;

/// The message file of the reports in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Report)
}

/// [`Ui`] from the messages of one language.
fn fill(m: &mut Messages) -> Ui {
    // Messages with arguments, formatted when needed by `say`: asked here so the test checks them.
    let _ = m.format("who", &[("name", "n"), ("position", "p")]);
    let _ = m.format("area-named", &[("area", "I"), ("name", "n")]);
    for count in ["1", "30"] {
        let _ = m.format("respondents-in-appendix", &[("count", count)]);
        let _ = m.format("answers-in-workbook", &[("count", count)]);
    }
    // The trend chart's words are a section of the same file.
    crate::trend::ask(m);
    Ui::read(m)
}

/// A message of `report.ftl` with its arguments, formatted when it is needed.
pub fn say(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: isomm_core::messages::Live = isomm_core::messages::Live::new();
    MESSAGES.format(lang, source, key, args)
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
