//! The seed's two tendencies, as a rule: do managers and leaders score higher than staff, and do
//! outsourced items score higher than in-house ones? Each is a comparison of two means judged on
//! their difference as people see it: the unrounded difference, rounded to tenths like every
//! figure ([`crate::rounding`]), so that the verdict agrees with the difference the sentence
//! shows. The two means, rounded on their own, may then seem 0.1 further apart or closer
//! ([`Comparison::adds_up`]); the reports say why. The sentences themselves are the reports'.

use crate::answers::{Assessment, Position, Respondent};
use crate::catalog::Catalog;
use crate::rounding::tenths;
use crate::rules::{self, Evaluation};

/// The smallest difference, in tenths as shown, that shows a tendency (0.3); below it both sides
/// are even.
pub const TENDENCY_MIN_TENTHS: i64 = 3;

/// How the first mean of a comparison stands against the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Higher by [`TENDENCY_MIN_TENTHS`] or more.
    Above,
    /// Lower by [`TENDENCY_MIN_TENTHS`] or more.
    Below,
    /// Closer than that.
    Even,
}

impl Direction {
    /// The selector the reports' sentences choose their words by.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Above => "above",
            Direction::Below => "below",
            Direction::Even => "even",
        }
    }
}

/// Two means compared: `high` is the side the seed expects to score higher.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    pub high: f64,
    pub low: f64,
    /// `high − low` as shown: the unrounded difference, in tenths.
    pub diff_tenths: i64,
    pub direction: Direction,
}

impl Comparison {
    /// Compares two means by their difference as shown (3.17 against 2.94 is 0.23 apart, shown
    /// 0.2: no tendency, although the means show as 3.2 and 2.9).
    pub fn of(high: f64, low: f64) -> Comparison {
        let diff_tenths = tenths(high - low);
        let direction = if diff_tenths >= TENDENCY_MIN_TENTHS {
            Direction::Above
        } else if diff_tenths <= -TENDENCY_MIN_TENTHS {
            Direction::Below
        } else {
            Direction::Even
        };
        Comparison {
            high,
            low,
            diff_tenths,
            direction,
        }
    }

    /// Do the two means, each as shown, differ by the difference shown? When not (3.2 and 2.9 shown,
    /// 0.2 apart), a report says that the difference is taken before rounding.
    pub fn adds_up(&self) -> bool {
        tenths(self.high) - tenths(self.low) == self.diff_tenths
    }
}

/// Whether an assessment shows the seed's tendencies; a comparison is absent when either of its
/// means is (no staff, say, or no role answered on one side).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tendencies {
    /// Managers and leaders together (R7 over their answers) against staff.
    pub positions: Option<Comparison>,
    /// The mean outsource value of the roles against the mean insource value (R5).
    pub sourcing: Option<Comparison>,
}

impl Tendencies {
    pub fn of(catalog: &Catalog, assessment: &Assessment, e: &Evaluation) -> Tendencies {
        let overall = |keep: fn(Position) -> bool| {
            let members: Vec<&Respondent> = assessment
                .respondents
                .iter()
                .filter(|r| keep(r.position))
                .collect();
            rules::group_overall(catalog, &members)
        };
        let compare = |high: Option<f64>, low: Option<f64>| Some(Comparison::of(high?, low?));
        let (insource, outsource) = rules::side_means(e);
        Tendencies {
            positions: compare(
                overall(|p| matches!(p, Position::Manager | Position::Leader)),
                overall(|p| p == Position::Staff),
            ),
            sourcing: compare(outsource, insource),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{self, AnswersFormat, Overrides};

    /// The threshold is met on the difference as shown: the unrounded difference, rounded.
    #[test]
    fn a_tendency_shows_from_three_tenths_as_shown() {
        use Direction::*;
        let cases: [(f64, f64, i64, Direction); 11] = [
            (3.3, 3.0, 3, Above),
            (3.0, 3.3, -3, Below),
            (3.2, 3.0, 2, Even),
            (3.0, 3.2, -2, Even),
            (3.0, 3.0, 0, Even),
            // 0.25 apart, shown 0.3 (half away from zero).
            (2.25, 2.0, 3, Above),
            // 41/20 (2.0499…) − 1.75 is 0.2999… in binary: 0.3 at 15 significant digits.
            (41.0 / 20.0, 1.75, 3, Above),
            // 0.24 apart: shown 0.2.
            (2.24, 2.0, 2, Even),
            (1.0, 5.0, -40, Below),
            // Shown as 3.2 and 2.9, but 0.23 apart: shown 0.2, no tendency (the case).
            (3.17, 2.94, 2, Even),
            (2.94, 3.17, -2, Even),
        ];
        for (high, low, diff, direction) in cases {
            let c = Comparison::of(high, low);
            assert_eq!(
                (c.diff_tenths, c.direction),
                (diff, direction),
                "{high} vs {low}"
            );
            assert_eq!((c.high, c.low), (high, low));
        }
        // Each mean rounded on its own: 3.2 and 2.9 are 0.3 apart, the difference shown 0.2.
        assert!(!Comparison::of(3.17, 2.94).adds_up());
        assert!(Comparison::of(3.3, 3.0).adds_up());
        assert!(Comparison::of(2.24, 2.0).adds_up());
    }

    fn tendencies(respondents: &str) -> Tendencies {
        let text = format!(
            "format = \"isomm-answers/1\"\norganization = \"O\"\ntitle = \"T\"\n\
             current_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n{respondents}"
        );
        let catalog = Catalog::builtin();
        let a = answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        Tendencies::of(catalog, &a, &rules::evaluate(catalog, &a))
    }

    fn respondent(name: &str, position: &str, answers: &str) -> String {
        format!(
            "[[respondents]]\nname = \"{name}\"\nposition = \"{position}\"\n\
             [respondents.answers]\n{answers}\n"
        )
    }

    /// Which means are compared: managers with leaders against staff (others are left out),
    /// outsource against insource; a side without a mean gives no comparison.
    #[test]
    fn the_seeds_groups_are_compared() {
        use Direction::*;
        let every_role = |answer: &str| {
            Catalog::builtin()
                .roles()
                .iter()
                .map(|r| format!("\"{}\" = {answer}", r.id))
                .collect::<Vec<_>>()
                .join("\n")
        };
        // Respondents → the comparison of positions and of sides: (difference in tenths, result).
        type Case = (String, Option<(i64, Direction)>, Option<(i64, Direction)>);
        let cases: [Case; 4] = [
            (
                // Managers 4, staff 2; everything in-house only.
                respondent("M", "manager", &every_role("{ insource = 4 }"))
                    + &respondent("S", "staff", &every_role("{ insource = 2 }")),
                Some((20, Above)),
                None,
            ),
            (
                // A leader 2 (the higher side, R1) and others 5 (not counted) against staff 3;
                // outsource 1 against insource (2 + 5 + 3) / 3 = 3.3 per role.
                respondent(
                    "L",
                    "leader",
                    &every_role("{ insource = 2, outsource = 1 }"),
                ) + &respondent("O", "other", &every_role("{ insource = 5 }"))
                    + &respondent("S", "staff", &every_role("{ insource = 3 }")),
                Some((-10, Below)),
                Some((-23, Below)),
            ),
            (
                // No staff: no comparison of positions.
                respondent(
                    "M",
                    "manager",
                    &every_role("{ insource = 3, outsource = 3 }"),
                ),
                None,
                Some((0, Even)),
            ),
            (
                // Nobody answered: R1 makes every level 1; no side has a value.
                respondent("M", "manager", "") + &respondent("S", "staff", ""),
                Some((0, Even)),
                None,
            ),
        ];
        for (respondents, positions, sourcing) in cases {
            let t = tendencies(&respondents);
            let pick = |c: Option<Comparison>| c.map(|c| (c.diff_tenths, c.direction));
            assert_eq!(pick(t.positions), positions, "{respondents}");
            assert_eq!(pick(t.sourcing), sourcing, "{respondents}");
        }
    }
}
