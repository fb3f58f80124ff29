//! The message an assessor sends with a private link (isomm sends no e-mail: it is copied into the
//! assessor's own mail or chat): who asks and why, how long the sheet takes, the deadline, who will
//! see the answers, and the link, in one language.

use isomm_core::Lang;
use isomm_core::zone::{Deadline, Zone};

use crate::base::words::say;

/// What every message of one assessment says, whoever it goes to.
pub struct Facts {
    pub organization: String,
    pub title: String,
    /// The assessor who sends it (their account's name).
    pub sender: String,
    pub deadline: Option<(Deadline, Zone)>,
    /// Roles on the sheet.
    pub roles: usize,
}

impl Facts {
    /// About how long a sheet takes, in minutes: half a minute to a minute a role, each end
    /// rounded up to ten minutes (54 roles: 30 to 60). isomm's estimate, not ISOG-J's.
    pub fn minutes(&self) -> (usize, usize) {
        let up = |m: usize| m.div_ceil(10).max(1) * 10;
        (up(self.roles.div_ceil(2)), up(self.roles))
    }

    /// The message to `name` with their link `url`, in `lang`: paragraphs separated by a blank
    /// line, as mail is written. With `drafts`, it says their sheet shows last round's answers to
    /// confirm.
    pub fn message(&self, lang: Lang, name: &str, url: &str, drafts: bool) -> String {
        let (low, high) = self.minutes();
        let (roles, low, high) = (self.roles.to_string(), low.to_string(), high.to_string());
        let ask = [
            ("organization", self.organization.as_str()),
            ("roles", roles.as_str()),
            ("low", low.as_str()),
            ("high", high.as_str()),
        ];
        let mut parts = vec![
            say(lang, "message-greeting", &[("name", name)]),
            if self.title.is_empty() {
                say(lang, "message-ask", &ask)
            } else {
                let titled = [ask.as_slice(), &[("title", self.title.as_str())]].concat();
                say(lang, "message-ask-titled", &titled)
            },
        ];
        if let Some((deadline, zone)) = &self.deadline {
            parts.push(say(
                lang,
                "message-deadline",
                &[("date", &deadline.as_string()), ("zone", zone.name())],
            ));
        }
        if drafts {
            parts.push(say(lang, "message-drafts", &[]));
        }
        parts.push(say(lang, "message-who-sees", &[("sender", &self.sender)]));
        parts.push(format!("{}\n{url}", say(lang, "message-link", &[])));
        parts.push(say(lang, "message-sign", &[("sender", &self.sender)]));
        parts.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(title: &str, deadline: Option<&str>) -> Facts {
        Facts {
            organization: "みなと信託銀行 SOC".into(),
            title: title.into(),
            sender: "田中 花子".into(),
            deadline: deadline.map(|d| (Deadline::parse(d).unwrap(), Zone::default())),
            roles: 54,
        }
    }

    #[test]
    fn a_sheet_of_54_roles_takes_30_to_60_minutes() {
        assert_eq!(facts("", None).minutes(), (30, 60));
        let few = Facts {
            roles: 3,
            ..facts("", None)
        };
        assert_eq!(few.minutes(), (10, 10));
    }

    /// Every message says who asks, what, how long, by when, who sees the answers, and the link.
    #[test]
    fn the_message_says_what_a_respondent_needs_to_know() {
        let url = "https://isomm.example.org/r/abc";
        let ja = facts("2026年度", Some("2026-12-20")).message(Lang::Ja, "鈴木", url, false);
        for part in [
            "鈴木 さん",
            "みなと信託銀行 SOC",
            "2026年度",
            "54 の役割",
            "約 30〜60 分",
            "回答期限: 2026-12-20 の終わりまで（Asia/Tokyo）",
            "田中 花子 をはじめ評価の担当者が、あなたの名前とともに見ます",
            "全員の合計だけ",
            url,
        ] {
            assert!(ja.contains(part), "{part:?} in {ja}");
        }
        assert!(ja.ends_with("田中 花子"), "signed: {ja}");
        let en = facts("", None).message(Lang::En, "Kim", url, false);
        for part in [
            "Hello Kim,",
            "about 30 to 60 minutes",
            "under your name",
            "only everyone's totals",
            url,
        ] {
            assert!(en.contains(part), "{part:?} in {en}");
        }
        assert!(!en.contains("submit by"), "no deadline, no sentence: {en}");
        // Fluent's isolation marks stay out of a text people paste into mail.
        assert!(!ja.contains('\u{2068}') && !en.contains('\u{2069}'));
    }

    #[test]
    fn a_next_round_from_the_last_says_its_sheet_shows_last_rounds_answers() {
        let url = "https://isomm.example.jp/r/abc";
        let f = facts("2027年度", None);
        assert!(!f.message(Lang::Ja, "鈴木", url, false).contains("前回値"));
        let ja = f.message(Lang::Ja, "鈴木", url, true);
        assert!(
            ja.contains("「前回値」") && ja.contains("前回のまま"),
            "{ja}"
        );
        assert!(f.message(Lang::En, "Kim", url, true).contains("last round"));
    }
}
