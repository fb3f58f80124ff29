//! How a mean becomes the one decimal people read: rounded as Excel shows a "0.0" cell (first to 15
//! significant digits, then half away from zero), so that every format and every rule judged on
//! shown numbers (the tendencies, the shared results' snapshot) agrees with the digits on screen.
//!
//! Only the rounding lives here; writing the digits ("2.3", "—") is the reports' part.

/// A value in tenths as people see it: 2.25 → 23, 41/20 (stored as 2.0499…) → 21, −2.25 → −23.
/// A value that is not finite gives 0 (callers show such values as a dash, never as a number).
pub fn tenths(value: f64) -> i64 {
    if !value.is_finite() {
        return 0;
    }
    // 15 significant digits: d.dddddddddddddde±x.
    let text = format!("{:.14e}", value.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: u64 = mantissa.replace('.', "").parse().unwrap_or(0);
    // value × 10 = digits × 10^(exponent − 13); round that to a whole number, half up.
    let shift = exponent - 13;
    let tenths: u64 = if shift >= 0 {
        digits.saturating_mul(10u64.saturating_pow(shift as u32))
    } else if shift < -18 {
        0
    } else {
        let p = 10u64.pow((-shift) as u32);
        digits / p + u64::from(digits % p >= p.div_ceil(2) && p > 1)
    };
    let tenths = i64::try_from(tenths).unwrap_or(i64::MAX);
    if value < 0.0 { -tenths } else { tenths }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half away from zero after 15 significant digits; what is not a number counts as 0.
    #[test]
    fn values_round_to_the_tenths_excel_shows() {
        let cases: [(f64, i64); 18] = [
            (2.25, 23),
            (41.0 / 20.0, 21),
            (23.0 / 20.0, 12),
            (4.75, 48),
            (0.05, 1),
            (2.0, 20),
            (5.0, 50),
            (0.0, 0),
            (1.0 / 3.0, 3),
            (10.0 / 3.0, 33),
            (2.24999, 22),
            (-2.25, -23),
            (0.04, 0),
            (1234.56, 12346),
            (1e-30, 0),
            (f64::NAN, 0),
            (f64::INFINITY, 0),
            (1e300, i64::MAX),
        ];
        for (value, expected) in cases {
            assert_eq!(tenths(value), expected, "{value}");
        }
    }
}
