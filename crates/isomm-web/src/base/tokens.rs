//! Secrets handed to people (private links, invitations, sessions, the setup link): random bits from
//! the operating system, written as hex, of which the database keeps only the SHA-256; and the
//! constant-time comparison every secret is checked with.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Random bytes from the operating system's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without randomness there is no safe token; a failure here is an OS failure worth stopping for.
    getrandom::fill(&mut bytes).expect("the operating system's random generator");
    bytes
}

/// What the database keeps of a token: its SHA-256.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A new token of 256 random bits (64 hex digits) and its hash.
pub fn new_token() -> (String, Vec<u8>) {
    let token = hex::encode(random_bytes::<32>());
    let hash = hash(&token);
    (token, hash)
}

/// Is `token` shaped like one of [`new_token`]'s (64 hex digits)? Anything else is not looked up.
pub fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Are `a` and `b` equal? In time that depends on their lengths only.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_new_each_time_and_kept_as_their_hash() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert!(well_formed(&a) && well_formed(&b));
        assert_eq!(hash_a, hash(&a));
        assert_eq!(hash_a.len(), 32);
        assert!(!well_formed("abc") && !well_formed(&"g".repeat(64)));
    }

    #[test]
    fn comparison_tells_equal_from_different() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        assert!(same(b"", b""));
    }
}
