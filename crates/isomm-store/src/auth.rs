//! Passwords: hashed with argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane: the
//! argon2 crate's defaults), checked against zxcvbn's estimate of how easily they are guessed, and
//! verified with the same work whether or not the account exists (no timing difference tells an
//! unknown e-mail from a wrong password).

use std::sync::LazyLock;

use crate::accounts::{Access, AuditEntry, Email, UserAdded};
use crate::{Id, Store, StoreError, now};
use argon2::password_hash::PasswordHasher;
use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use isomm_core::limits::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

/// Why a new password is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// zxcvbn rates it as guessed within about 10^8 tries or fewer (a common word, a name, a
    /// keyboard pattern, the user's own e-mail or name), or it is built from words an attacker of
    /// an isomm tries first ([`built_from_known_words`]).
    TooGuessable,
}

/// Words an attacker of an isomm site tries first: the product's and the field's own words,
/// seasons, and the passwords everyone has read about. Compared after lower-casing and undoing
/// look-alike digits and signs (`Tr0ub4dor` is `troubador`).
const KNOWN_WORDS: &[&str] = &[
    // isomm and its field
    "isomm",
    "isog",
    "isogj",
    "soc",
    "csirt",
    "cert",
    "sirt",
    "mssp",
    "siem",
    "maturity",
    "model",
    "security",
    "secure",
    "cyber",
    "incident",
    "self",
    "check",
    "assessment",
    "isms",
    // seasons and the like (years are digits, counted as such)
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "haru",
    "natsu",
    "aki",
    "fuyu",
    "春",
    "夏",
    "秋",
    "冬",
    // passwords everyone has read about
    "password",
    "passwd",
    "pass",
    "letmein",
    "welcome",
    "admin",
    "qwerty",
    "iloveyou",
    "monkey",
    "dragon",
    "correct",
    "horse",
    "battery",
    "staple",
    "troubador",
    "troubadour",
];

/// Characters people put in place of letters.
fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        c => c,
    }
}

/// At most this many characters outside known words and digits still make a password "built
/// from known words" (`Tr0ub4dor&3xx`: `troubador` and 3 more).
const LEFTOVER: usize = 4;

/// The longest run of digits taken as one known thing (`20261206`).
const MAX_KNOWN_DIGITS: usize = 8;

/// Is the password, lower-cased, without spaces and signs, made of known words (isomm's own,
/// [`KNOWN_WORDS`], and each word of `known`: the person's name and e-mail, the workspace) and
/// runs of digits (years), with at most [`LEFTOVER`] characters besides? zxcvbn alone rates
/// `soc csirt maturity model` and `Summer2026!!` as strong; this catches what an attacker who
/// knows the site tries first.
pub fn built_from_known_words(password: &str, known: &[&str]) -> bool {
    let mut words: Vec<Vec<char>> = KNOWN_WORDS.iter().map(|w| w.chars().collect()).collect();
    for text in known {
        for word in text
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2)
        {
            words.push(word.chars().collect());
        }
    }
    let raw: Vec<char> = password
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | ',' | '&' | '#' | '*'))
        .collect();
    // Cheapest cover of raw[i..]: leftover characters used (dynamic programming from the end).
    let n = raw.len();
    let mut cost = vec![usize::MAX; n + 1];
    cost[n] = 0;
    for i in (0..n).rev() {
        let mut best = cost[i + 1].saturating_add(1);
        if raw[i].is_ascii_digit() {
            // A run of up to 8 digits counts as one known thing (a year, two, a date), taken
            // whole; a longer one is not a word (a long random number is for zxcvbn to judge).
            let end = (i..n).find(|&j| !raw[j].is_ascii_digit()).unwrap_or(n);
            if end - i <= MAX_KNOWN_DIGITS {
                best = best.min(cost[end]);
            }
        }
        for w in &words {
            let end = i + w.len();
            if end <= n
                && raw[i..end]
                    .iter()
                    .zip(w)
                    .all(|(c, w)| *c == *w || unleet(*c) == *w)
            {
                best = best.min(cost[end]);
            }
        }
        cost[i] = best;
    }
    cost[0] <= LEFTOVER
}

/// Checks a new password: length, then guessability (`known`: the person's e-mail and name, the
/// workspace's name, which an attacker knows too).
pub fn check_password(password: &str, known: &[&str]) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let mut inputs: Vec<&str> = known.to_vec();
    inputs.extend_from_slice(KNOWN_WORDS);
    if built_from_known_words(password, known)
        || zxcvbn::zxcvbn(password, &inputs).score() < zxcvbn::Score::Three
    {
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
///
/// The work memory (19 MiB at isomm's cost) is kept by the thread and used again for its next
/// verification: allocating it anew each time, a burst of logins left hundreds of MiB behind in
/// the allocator (freed, but in pieces it could not give back). Verifications run on a pool of
/// `--heavy-jobs` threads of their own (`AppState::passwords`), so at most that many such
/// buffers exist.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        // Never hash unbounded input; still spend the same time.
        let _ = verify_password("", &DUMMY);
        return false;
    }
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        Algorithm::try_from(parsed.algorithm.as_str()),
        Params::try_from(&parsed),
        parsed.salt.as_ref(),
        parsed.hash.as_ref(),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    // A hash isomm did not make could ask for any amount of memory: not more than 64 MiB.
    if params.block_count() > MAX_BLOCKS {
        return false;
    }
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let hashed = WORK.with(|work| {
        let mut blocks = work.borrow_mut();
        if blocks.len() < params.block_count() {
            blocks.resize(params.block_count(), Block::default());
        }
        argon2.hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            &mut out,
            &mut blocks[..params.block_count()],
        )
    });
    hashed.is_ok() && bool::from(subtle::ConstantTimeEq::ct_eq(&out[..], expected.as_bytes()))
}

/// The most argon2 memory blocks (1 KiB each) a verification may use.
const MAX_BLOCKS: usize = 64 * 1024;

thread_local! {
    /// Each thread's argon2 work memory, kept between verifications.
    static WORK: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
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
        for good in [
            "夜明けのインシデント対応手順書を改訂",
            "a long and unusual passphrase 7431",
            "My SOC runs 24x7 on coffee and grit",
            "vq7-Lmz2-Rtw9-pk4H",
            "481920573615092847",
        ] {
            assert_eq!(
                check_password(good, &["sato@example.jp", "佐藤 健", "Example SOC"]),
                Ok(()),
                "{good}"
            );
        }
    }

    /// Issue 19: each of these passed the check before; each is built from words an attacker of an
    /// isomm site tries first.
    #[test]
    fn passwords_built_from_isomms_own_words_are_refused() {
        let known = ["tanaka@example.jp", "田中 誠", "Hokusei CSIRT"];
        for weak in [
            "Summer2026!!",
            "correcthorsebatterystaple",
            "correct horse battery staple",
            "isomm isomm isomm",
            "ISOMM-ISOMM-2026",
            "soc csirt maturity model",
            "Tr0ub4dor&3xx",
            "Winter-2025-SOC",
            "hokusei csirt 2026",
            "tanaka-hokusei-2027",
            "冬のCSIRT2026年",
        ] {
            assert_eq!(
                check_password(weak, &known),
                Err(PasswordProblem::TooGuessable),
                "{weak}"
            );
        }
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

/// A new account as given (the command line's `isomm user add`, the first-start setup page).
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    /// The workspace to join (made when missing) and the access there.
    pub workspace: Option<(&'a str, Access)>,
    pub admin: bool,
}

/// Why an account was not made (nothing was stored).
#[derive(Debug)]
pub enum AccountError {
    Email,
    Name,
    WorkspaceName,
    Password(PasswordProblem),
    EmailTaken,
    Store(StoreError),
}

impl From<StoreError> for AccountError {
    fn from(e: StoreError) -> AccountError {
        AccountError::Store(e)
    }
}

/// A name of a person or a workspace: trimmed, not empty, within the bound on names.
pub fn name_ok(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && name.chars().count() <= isomm_core::limits::MAX_TEXT_CHARS
        && isomm_core::limits::unsafe_in_name(name).is_none()
}

/// What the first account brings with it.
#[derive(Debug, PartialEq, Eq)]
pub struct AccountMade {
    pub user: Id,
    /// The first account of a database is an admin whatever was asked.
    pub admin: bool,
    /// Assessments made before accounts existed, moved into the first account's workspace.
    pub adopted: u64,
}

/// Checks and stores a new account, its workspace and membership, and writes the audit log. The
/// first account of a database is made an admin; when it owns a workspace, the assessments made
/// before accounts existed move into it.
/// Every problem of a new account's fields, in the order of the forms (e-mail, name, workspace,
/// password), so that a form or the command line tells them all at once. The password's check is
/// CPU work: the server runs this on its heavy-job pool.
pub fn account_problems(new: &NewAccount<'_>) -> Vec<AccountError> {
    let mut found = Vec::new();
    if Email::parse(new.email).is_none() {
        found.push(AccountError::Email);
    }
    if !name_ok(new.name) {
        found.push(AccountError::Name);
    }
    if let Some((workspace, _)) = new.workspace
        && !name_ok(workspace)
    {
        found.push(AccountError::WorkspaceName);
    }
    let workspace = new.workspace.map_or("", |(w, _)| w.trim());
    if let Err(problem) = check_password(
        new.password,
        &[new.email.trim(), new.name.trim(), workspace],
    ) {
        found.push(AccountError::Password(problem));
    }
    found
}

pub async fn add_account(
    store: &dyn Store,
    new: &NewAccount<'_>,
    actor: &str,
    client: &str,
) -> Result<AccountMade, AccountError> {
    let email = Email::parse(new.email).ok_or(AccountError::Email)?;
    if !name_ok(new.name) {
        return Err(AccountError::Name);
    }
    if let Some((workspace, _)) = new.workspace
        && !name_ok(workspace)
    {
        return Err(AccountError::WorkspaceName);
    }
    let workspace = new.workspace.map_or("", |(w, _)| w.trim());
    let hash = checked_hash(new.password, &[email.as_str(), new.name.trim(), workspace]).await?;
    let first = store.user_count().await? == 0;
    let admin = new.admin || first;
    let user = match store
        .add_user(&email, new.name.trim(), &hash, admin)
        .await?
    {
        UserAdded::User(id) => id,
        UserAdded::EmailTaken => return Err(AccountError::EmailTaken),
    };
    store
        .audit(&AuditEntry {
            new_value: Some(if admin { "admin" } else { "user" }.into()),
            ..AuditEntry::new(
                actor,
                client,
                "account.create",
                format!("user:{user} {email}"),
            )
        })
        .await?;
    let mut adopted = 0;
    if let Some((name, access)) = new.workspace {
        let workspace = store
            .workspace_named(name.trim(), true)
            .await?
            .ok_or_else(|| StoreError::Corrupt("a workspace just made is missing".into()))?;
        store.set_access(workspace.id, user, Some(access)).await?;
        store
            .audit(&AuditEntry {
                workspace: Some(workspace.id),
                new_value: Some(access.as_str().into()),
                ..AuditEntry::new(actor, client, "member.set", format!("user:{user} {email}"))
            })
            .await?;
        if first && access == Access::Owner {
            adopted = store.adopt_unassigned(workspace.id).await?;
            if adopted > 0 {
                store
                    .audit(&AuditEntry {
                        workspace: Some(workspace.id),
                        new_value: Some(format!("workspace:{}", workspace.id)),
                        ..AuditEntry::new(
                            actor,
                            client,
                            "assessment.adopt",
                            format!("{adopted} assessments made before accounts"),
                        )
                    })
                    .await?;
            }
        }
    }
    Ok(AccountMade {
        user,
        admin,
        adopted,
    })
}

/// Sets a new password (checked as a new one) and ends every session of the account but `keep`.
pub async fn set_password(
    store: &dyn Store,
    email: &str,
    password: &str,
    keep: Option<&[u8]>,
    actor: &str,
    client: &str,
) -> Result<Id, AccountError> {
    let email = Email::parse(email).ok_or(AccountError::Email)?;
    let Some((user, _)) = store.credentials(&email).await? else {
        return Err(AccountError::Email);
    };
    // Hashing is CPU work: on a blocking thread, not on the async workers.
    // The workspaces the person belongs to are words an attacker knows too.
    let workspaces: Vec<String> = store
        .memberships(user.id)
        .await?
        .into_iter()
        .map(|(w, _)| w.name)
        .collect();
    let mut known = vec![email.as_str(), user.name.as_str()];
    known.extend(workspaces.iter().map(String::as_str));
    let hash = checked_hash(password, &known).await?;
    store.set_password(user.id, &hash).await?;
    store.end_sessions(user.id, keep, now()).await?;
    // A reset ends a lockout: the account's failures are forgotten (the address's are not).
    store.clear_failures(&format!("account:{email}")).await?;
    store
        .audit(&AuditEntry::new(
            actor,
            client,
            "account.password",
            format!("user:{} {email}", user.id),
        ))
        .await?;
    Ok(user.id)
}

/// New passwords hashed at once, at most (argon2 takes 19 MiB for each): as many as the machine has
/// cores, whoever asks (the web application's forms, `isomm user`).
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    &SLOTS
}

/// How long a new password waits for a hashing slot before the request is answered "busy".
const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Checks a new password and hashes it, on a blocking thread (both are CPU work), once one of
/// [`hashing_slots`] is free (else `StoreError::Busy` after [`HASHING_WAIT`]).
async fn checked_hash(password: &str, known: &[&str]) -> Result<String, AccountError> {
    let _slot = tokio::time::timeout(HASHING_WAIT, hashing_slots().acquire())
        .await
        .map_err(|_| AccountError::Store(StoreError::Busy))?
        .map_err(|_| AccountError::Store(StoreError::Busy))?;
    let password = password.to_string();
    let known: Vec<String> = known.iter().map(|k| k.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        check_password(&password, &known).map(|()| hash_password(&password))
    })
    .await
    .map_err(|e| AccountError::Store(StoreError::Corrupt(format!("a hashing job failed: {e}"))))?
    .map_err(AccountError::Password)
}
