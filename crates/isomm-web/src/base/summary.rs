//! The overall maturity the list of assessments shows, kept up to date in the background.
//!
//! The list reads it from each assessment's row (a fixed number of queries whatever the number of
//! assessments). After a write, the assessment is queued here; a worker scores it on the render
//! pool a moment later (several saves in a row give one computation) and records the result for
//! the revision it scored — a newer write makes that record stale again and queues another. A
//! closed round's is the overall it kept ([`crate::base::rounds::overall_in`]).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use isomm_core::{Catalog, Limits};
use isomm_store::{Id, Store};
use tokio::sync::mpsc;

use crate::base::jobs::Jobs;

/// How long the worker gathers writes before it scores the assessments they touched.
const SETTLE: Duration = Duration::from_millis(200);
/// Assessments waiting at most; past that a request to refresh is dropped (the next write or visit
/// of the list asks again).
const QUEUE: usize = 1024;

#[derive(Clone)]
pub struct Summaries {
    queue: mpsc::Sender<Id>,
    /// Assessments queued and not yet taken by the worker: each is queued once however often it
    /// is asked for (every visit of the list asks for the stale ones).
    waiting: Arc<std::sync::Mutex<BTreeSet<Id>>>,
}

impl Summaries {
    /// Starts the worker on the current runtime.
    pub fn start(
        store: Arc<dyn Store>,
        catalog: Arc<Catalog>,
        limits: Limits,
        jobs: Jobs,
    ) -> Summaries {
        let (queue, mut rx) = mpsc::channel::<Id>(QUEUE);
        let waiting: Arc<std::sync::Mutex<BTreeSet<Id>>> = Arc::default();
        let taken = waiting.clone();
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                tokio::time::sleep(SETTLE).await;
                let mut due = BTreeSet::from([first]);
                while let Ok(id) = rx.try_recv() {
                    due.insert(id);
                }
                // From here a new write queues the assessment again (it may change what is scored).
                if let Ok(mut w) = taken.lock() {
                    for id in &due {
                        w.remove(id);
                    }
                }
                for id in due {
                    if let Err(e) = refresh(&*store, &catalog, limits, &jobs, id).await {
                        tracing::warn!(assessment = id, error = %e, "cannot refresh the summary");
                    }
                }
            }
        });
        Summaries { queue, waiting }
    }

    /// Asks for the overall maturity of `id` to be computed again.
    pub fn refresh(&self, id: Id) {
        let Ok(mut waiting) = self.waiting.lock() else {
            return;
        };
        if waiting.insert(id) && self.queue.try_send(id).is_err() {
            // The queue is full: forget it, so that the next write or visit asks again.
            waiting.remove(&id);
        }
    }
}

async fn refresh(
    store: &dyn Store,
    catalog: &Arc<Catalog>,
    limits: Limits,
    jobs: &Jobs,
    id: Id,
) -> Result<(), crate::base::error::AppError> {
    let Some(stored) = store.assessment(id).await? else {
        return Ok(());
    };
    let revision = stored.revision;
    let overall = crate::base::rounds::overall_in(store, catalog, limits, jobs, stored).await?;
    store.record_overall(id, revision, overall).await?;
    Ok(())
}
