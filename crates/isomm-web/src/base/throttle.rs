//! Token buckets in memory: how often one private link may write (autosaves, the sheet form,
//! uploads, submitting). A person answering a sheet saves a role at a time, a few times a minute;
//! a script holding a link could otherwise fill the database and its audit log as fast as the disk
//! takes it. Each instance keeps its own buckets (several instances behind a proxy each allow the
//! rate): the bound is on the rate, not an exact count.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Writes through one link: a burst of [`BURST`], then [`PER_SECOND`] a second.
pub const PER_SECOND: f64 = 5.0;
pub const BURST: f64 = 30.0;

/// A rate: a burst, then so many a second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
    pub burst: f64,
    pub per_second: f64,
}

impl Default for Rate {
    fn default() -> Rate {
        Rate {
            burst: BURST,
            per_second: PER_SECOND,
        }
    }
}

/// Buckets kept at most; past that, full ones (idle long enough to have refilled) are dropped.
const MAX_BUCKETS: usize = 10_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of every link, by key, at one rate; cheap to clone (shared).
#[derive(Clone, Default)]
pub struct Buckets {
    map: Arc<Mutex<HashMap<String, Bucket>>>,
    rate: Rate,
}

impl Buckets {
    pub fn new(rate: Rate) -> Buckets {
        Buckets {
            map: Arc::default(),
            rate,
        }
    }

    /// Takes one write for `key` at `now`: `Ok` when allowed, else how long to wait.
    pub fn take(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let Rate { burst, per_second } = self.rate;
        let mut buckets = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(key) {
            let full = Duration::from_secs_f64(burst / per_second);
            buckets.retain(|_, b| now.duration_since(b.at) < full);
        }
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let buckets = Buckets::new(Rate::default());
        let t = Instant::now();
        for i in 0..BURST as usize {
            assert!(buckets.take("a", t).is_ok(), "write {i} of the burst");
        }
        let wait = buckets.take("a", t).unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(200),
            "{wait:?}"
        );
        // Another link has its own bucket.
        assert!(buckets.take("b", t).is_ok());
        // A second later, five more.
        let later = t + Duration::from_secs(1);
        for _ in 0..PER_SECOND as usize {
            assert!(buckets.take("a", later).is_ok());
        }
        assert!(buckets.take("a", later).is_err());
    }
}
