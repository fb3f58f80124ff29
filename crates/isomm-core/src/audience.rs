//! Who reads a result, and so which fields of the answers it may carry: the one place that says
//! what a reader of results (a workspace's viewer, a respondent) never receives.
//!
//! Architecture invariant: every result isomm renders for someone is rendered from
//! [`Audience::redact`]'s output, so no renderer can show a field its reader may not read.

use crate::answers::Assessment;

/// The reader of a result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Those who may read every answer: the assessment's owners and assessors, and the command
    /// line (whoever holds the file).
    #[default]
    Everything,
    /// Those who read results only (a workspace's viewers): the numbers, the charts and each
    /// respondent's levels where a result compares them, but no note and not the answers sheet
    /// (every respondent's answer to every role, as `answers.csv` holds them).
    Results,
}

impl Audience {
    /// Notes are free text of the people who answered: passwords and names have been seen in them.
    pub fn reads_notes(self) -> bool {
        self == Audience::Everything
    }

    /// The answers sheet: every respondent's levels and notes role by role.
    pub fn reads_answers(self) -> bool {
        self == Audience::Everything
    }

    /// A short tag for cache keys and entity tags.
    pub fn tag(self) -> &'static str {
        match self {
            Audience::Everything => "e",
            Audience::Results => "r",
        }
    }

    /// The assessment as this reader may see it: without notes unless the reader reads them.
    pub fn redact(self, mut assessment: Assessment) -> Assessment {
        if !self.reads_notes() {
            for respondent in &mut assessment.respondents {
                for answer in &mut respondent.answers {
                    answer.note = None;
                }
            }
        }
        assessment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_notes() -> Assessment {
        let text = "format = \"isomm-answers/1\"\norganization = \"Org\"\ntitle = \"T\"\n\
                    current_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n\n\
                    [[respondents]]\nname = \"A\"\nposition = \"staff\"\n\
                    [respondents.answers]\n\
                    \"A-1\" = { insource = 3, note = \"the SIEM password is on a sticky note\" }\n";
        crate::answers::parse(
            text,
            crate::answers::AnswersFormat::Toml,
            crate::Catalog::builtin(),
            &crate::answers::Overrides::default(),
        )
        .expect("a valid answers file")
    }

    #[test]
    fn results_readers_get_no_note_and_keep_every_level() {
        let a = with_notes();
        let full = Audience::Everything.redact(a.clone());
        assert_eq!(full, a);
        let results = Audience::Results.redact(a.clone());
        assert!(
            results
                .respondents
                .iter()
                .flat_map(|r| &r.answers)
                .all(|x| x.note.is_none())
        );
        let levels = |a: &Assessment| {
            a.respondents
                .iter()
                .flat_map(|r| r.answers.iter().map(|x| (x.insource, x.outsource)))
                .collect::<Vec<_>>()
        };
        assert_eq!(levels(&results), levels(&a));
        assert_ne!(results, a, "the note was there to remove");
    }
}
