//! Passwords: hashed with argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane: the
//! argon2 crate's defaults), checked against zxcvbn's estimate of how easily they are guessed, and
//! verified with the same work whether or not the account exists (no timing difference tells an
//! unknown e-mail from a wrong password).

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use isomm_core::limits::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

/// Why a new password is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// zxcvbn rates it as guessed within about 10^8 tries or fewer (a common word, a name, a
    /// keyboard pattern, the user's own e-mail or name).
    TooGuessable,
}

/// Checks a new password: length, then guessability (the user's e-mail and name count as known
/// words).
pub fn check_password(password: &str, known: &[&str]) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    if zxcvbn::zxcvbn(password, known).score() < zxcvbn::Score::Three {
        return Err(PasswordProblem::TooGuessable);
    }
    Ok(())
}

/// The PHC string of a password (argon2id, a fresh salt).
pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2 hashes any password of bounded length")
        .to_string()
}

/// Does the password match the stored hash? A hash that does not parse matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        // Never hash unbounded input; still spend the same time.
        let _ = verify_password("", &DUMMY);
        return false;
    }
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// The hash checked against when the e-mail is unknown: the same work as a real account.
static DUMMY: LazyLock<String> = LazyLock::new(|| hash_password("not a password of anyone"));

/// Spends the time of a verification for an unknown account; always false.
pub fn verify_nobody(password: &str) -> bool {
    let _ = verify_password(password, &DUMMY);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_guessable_passwords_are_refused() {
        assert_eq!(
            check_password("Tr0ub4dor&3", &[]),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_password(&"x".repeat(MAX_PASSWORD_CHARS + 1), &[]),
            Err(PasswordProblem::TooLong)
        );
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
        ] {
            assert_eq!(
                check_password(weak, &[]),
                Err(PasswordProblem::TooGuessable),
                "{weak}"
            );
        }
        assert_eq!(
            check_password("sato@example.jp", &["sato@example.jp", "佐藤"]),
            Err(PasswordProblem::TooGuessable),
            "the user's own name and address are known words"
        );
        assert_eq!(check_password("correct horse battery staple", &[]), Ok(()));
        assert_eq!(
            check_password("夜明けのインシデント対応手順書を改訂", &[]),
            Ok(())
        );
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse battery staple");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("correct horse battery stapl", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert!(!verify_nobody("correct horse battery staple"));
        assert_ne!(
            hash,
            hash_password("correct horse battery staple"),
            "salted"
        );
    }
}
