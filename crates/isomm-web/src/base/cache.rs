//! Rendered results and comparisons, kept per (assessment, revision, language, kind, counting,
//! audience, earlier round and its revision) in a cache bounded in bytes.
//!
//! Every write bumps an assessment's revision in the database, so an entry can never be stale:
//! a request reads the current revision (one indexed query) and looks for that key; a comparison's
//! key carries both rounds' revisions (the later round's as `revision`, the earlier's in
//! `previous`). Entries of
//! older revisions are dropped when a newer one is stored; when the cache is over its size, the
//! least recently used entries go first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use isomm_core::{Audience, Lang};
use isomm_store::{Counting, Id, Revision};

/// What was rendered.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum Kind {
    /// The body of the results page (report, chart series and toggles).
    ResultsPage,
    /// A download or document in one of the report formats (`Format::as_str`).
    Report(&'static str),
    /// Every respondent's answers as CSV.
    AnswersCsv,
    /// Two rounds compared ([`Key::previous`] the earlier): the body of the comparison's page
    /// (`"page"`) or a download (its extension), at a threshold of C3 (in tenths).
    Comparison(&'static str, u8),
}

impl Kind {
    pub fn tag(self) -> std::borrow::Cow<'static, str> {
        match self {
            Kind::ResultsPage => "page".into(),
            Kind::Report(format) => format.into(),
            Kind::AnswersCsv => "answers".into(),
            Kind::Comparison(file, tenths) => format!("compare.{file}.t{tenths}").into(),
        }
    }

    /// Whether it shows a result's numbers (a closed round's are the ones it kept); the answers
    /// CSV lists answers only.
    pub fn scores(self) -> bool {
        self != Kind::AnswersCsv
    }
}

#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub struct Key {
    pub assessment: Id,
    pub revision: Revision,
    pub lang: Lang,
    pub kind: Kind,
    /// Which sheets the result counts.
    pub counting: Counting,
    /// Who reads it (which fields of the answers it carries).
    pub audience: Audience,
    /// The round it is compared with ("since the last round") and that round's revision.
    pub previous: Option<(Id, Revision)>,
}

impl Key {
    /// The entity tag of what this key names under a model (`model`: [`Cache::model`]): the same
    /// bytes for the same tag, always.
    pub fn etag(&self, model: u64) -> String {
        let counting = match self.counting {
            Counting::Submitted => "s",
            Counting::All => "a",
        };
        let previous = self
            .previous
            .map_or(String::new(), |(id, revision)| format!("-p{id}.{revision}"));
        format!(
            "\"{}-{}-{}-{}{counting}{}{previous}-{}-{model:x}\"",
            self.assessment,
            self.revision,
            self.lang.code(),
            self.kind.tag(),
            self.audience.tag(),
            env!("CARGO_PKG_VERSION")
        )
    }
}

/// Something rendered: its bytes (shared with every response that sends them, not copied) and,
/// for pages, the title to show with them.
#[derive(Debug, Default)]
pub struct Rendered {
    pub bytes: axum::body::Bytes,
    pub title: String,
}

impl Rendered {
    pub fn bytes(bytes: Vec<u8>) -> Rendered {
        Rendered {
            bytes: bytes.into(),
            title: String::new(),
        }
    }

    fn size(&self) -> usize {
        self.bytes.len() + self.title.len()
    }
}

/// Rendered output, shared between requests.
pub type Bytes = Arc<Rendered>;

struct Entry {
    bytes: Bytes,
    used: u64,
}

struct Inner {
    entries: HashMap<Key, Entry>,
    size: usize,
    clock: u64,
    /// Lookups that found their entry.
    hits: u64,
}

/// The cache; cheap to clone (shared).
#[derive(Clone)]
pub struct Cache {
    inner: Arc<Mutex<Inner>>,
    capacity: usize,
    /// A fingerprint of the model results are rendered with: a server started with another
    /// `--model` gives other results for the same revision, so other entity tags.
    pub model: u64,
}

impl Cache {
    /// A cache holding at most `capacity` bytes of rendered output, for results of `catalog`.
    pub fn new(capacity: usize, catalog: &isomm_core::Catalog) -> Cache {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&catalog.document())
            .unwrap_or_default()
            .hash(&mut hasher);
        Cache {
            model: hasher.finish(),
            inner: Arc::new(Mutex::new(Inner {
                entries: HashMap::new(),
                size: 0,
                clock: 0,
                hits: 0,
            })),
            capacity,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves consistent data (every change is one statement).
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &Key) -> Option<Bytes> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let found = inner.entries.get_mut(key).map(|e| {
            e.used = now;
            e.bytes.clone()
        });
        inner.hits += u64::from(found.is_some());
        found
    }

    /// How many lookups found what they asked for, since the start.
    pub fn hits(&self) -> u64 {
        self.lock().hits
    }

    /// Keeps `bytes` under `key` (unless they alone exceed a quarter of the capacity) and returns
    /// them shared.
    pub fn put(&self, key: Key, rendered: Rendered) -> Bytes {
        let bytes = Arc::new(rendered);
        if bytes.size() > self.capacity / 4 {
            return bytes;
        }
        let mut inner = self.lock();
        // A render that finished after a newer one (of a later revision) is not kept.
        if inner
            .entries
            .keys()
            .any(|k| k.assessment == key.assessment && k.revision > key.revision)
        {
            return bytes;
        }
        inner.clock += 1;
        let now = inner.clock;
        // Older revisions of the same assessment will never be asked for again.
        let stale: Vec<Key> = inner
            .entries
            .keys()
            .filter(|k| k.assessment == key.assessment && k.revision < key.revision)
            .copied()
            .collect();
        for k in stale {
            if let Some(e) = inner.entries.remove(&k) {
                inner.size -= e.bytes.size();
            }
        }
        if let Some(old) = inner.entries.insert(
            key,
            Entry {
                bytes: bytes.clone(),
                used: now,
            },
        ) {
            inner.size -= old.bytes.size();
        }
        inner.size += bytes.size();
        while inner.size > self.capacity {
            let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| *k)
            else {
                break;
            };
            if let Some(e) = inner.entries.remove(&oldest) {
                inner.size -= e.bytes.size();
            }
        }
        bytes
    }

    /// Bytes held now.
    pub fn size(&self) -> usize {
        self.lock().size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(assessment: Id, revision: Revision) -> Key {
        Key {
            assessment,
            revision,
            lang: Lang::Ja,
            kind: Kind::Report("json"),
            counting: Counting::Submitted,
            audience: Audience::Everything,
            previous: None,
        }
    }

    #[test]
    fn the_cache_stays_within_its_bytes_and_drops_the_least_recently_used() {
        let cache = Cache::new(400, isomm_core::Catalog::builtin());
        cache.put(key(1, 1), Rendered::bytes(vec![0; 100]));
        cache.put(key(2, 1), Rendered::bytes(vec![0; 100]));
        cache.put(key(3, 1), Rendered::bytes(vec![0; 100]));
        assert!(cache.get(&key(1, 1)).is_some()); // 1 is now more recent than 2
        cache.put(key(4, 1), Rendered::bytes(vec![0; 100]));
        cache.put(key(5, 1), Rendered::bytes(vec![0; 100]));
        assert_eq!(cache.size(), 400);
        assert!(
            cache.get(&key(2, 1)).is_none(),
            "least recently used went first"
        );
        assert!(cache.get(&key(1, 1)).is_some());
        // Too large for the cache: returned, not kept.
        assert_eq!(
            cache
                .put(key(6, 1), Rendered::bytes(vec![0; 101]))
                .bytes
                .len(),
            101
        );
        assert!(cache.get(&key(6, 1)).is_none());
        assert_eq!(cache.hits(), 2, "the lookups that found their entry");
    }

    #[test]
    fn a_new_revision_replaces_the_old_ones() {
        let cache = Cache::new(1000, isomm_core::Catalog::builtin());
        cache.put(key(1, 1), Rendered::bytes(vec![1; 10]));
        cache.put(key(1, 2), Rendered::bytes(vec![2; 10]));
        assert!(cache.get(&key(1, 1)).is_none());
        assert_eq!(cache.get(&key(1, 2)).unwrap().bytes[0], 2);
        assert_eq!(cache.size(), 10);
        assert_ne!(key(1, 1).etag(cache.model), key(1, 2).etag(cache.model));
        assert_ne!(
            key(1, 2).etag(1),
            key(1, 2).etag(2),
            "another model, another tag"
        );
        let all = Key {
            counting: Counting::All,
            ..key(1, 2)
        };
        assert_ne!(
            all.etag(cache.model),
            key(1, 2).etag(cache.model),
            "counting sheets in progress too, another tag"
        );
        let results = Key {
            audience: Audience::Results,
            ..key(1, 2)
        };
        assert_ne!(
            results.etag(cache.model),
            key(1, 2).etag(cache.model),
            "another reader, another tag: a viewer's browser never reuses an assessor's copy"
        );
        let since = Key {
            previous: Some((7, 3)),
            ..key(1, 2)
        };
        assert_ne!(
            since.etag(cache.model),
            key(1, 2).etag(cache.model),
            "compared with another round, another tag"
        );
        assert_ne!(
            since.etag(cache.model),
            Key {
                previous: Some((7, 4)),
                ..since
            }
            .etag(cache.model),
            "the earlier round's revision is in the tag"
        );
        let compared = Key {
            kind: Kind::Comparison("page", 5),
            ..since
        };
        assert_ne!(
            compared.etag(cache.model),
            Key {
                kind: Kind::Comparison("page", 3),
                ..compared
            }
            .etag(cache.model),
            "a comparison at another threshold, another tag"
        );
        assert_ne!(
            compared.etag(cache.model),
            Key {
                kind: Kind::Comparison("csv", 5),
                ..compared
            }
            .etag(cache.model),
            "another file of the comparison, another tag"
        );
        assert!(!Kind::AnswersCsv.scores() && Kind::ResultsPage.scores());
        cache.put(results, Rendered::bytes(vec![3; 10]));
        assert_eq!(cache.get(&key(1, 2)).unwrap().bytes[0], 2);
        assert_eq!(cache.get(&results).unwrap().bytes[0], 3);
        // A render of an older revision that finishes late is not kept.
        cache.put(key(1, 1), Rendered::bytes(vec![1; 10]));
        assert!(cache.get(&key(1, 1)).is_none());
        assert_eq!(cache.size(), 20, "both readers' copies of revision 2");
    }
}
