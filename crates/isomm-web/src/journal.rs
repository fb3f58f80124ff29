//! The audit lines of downloads, written in batches: every download that carries answers is
//! audited (`export.*`), and a script reading `result.json` in a loop would otherwise commit one
//! transaction per request. Each request hands its line to one task and waits for the commit that
//! holds it (so a line is in the database before its download leaves); the task writes every line
//! waiting at that moment in one transaction (at most [`BATCH`]).
//!
//! The wait is bounded: handing a line over (the queue holds [`QUEUE`]) and its commit take at
//! most the request timeout together; past that the download answers 503.

use std::sync::Arc;
use std::time::Duration;

use isomm_store::Store;
use isomm_store::accounts::AuditEntry;
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;

/// Lines written in one transaction at most.
pub const BATCH: usize = 256;
/// Lines waiting at most.
const QUEUE: usize = 4096;

type Waiting = (AuditEntry, oneshot::Sender<bool>);

/// The writer's queue; cheap to clone.
#[derive(Clone)]
pub struct Journal {
    queue: mpsc::Sender<Waiting>,
    wait: Duration,
}

impl Journal {
    /// Starts the writer on the current runtime; `wait` bounds each request's wait.
    pub fn start(store: Arc<dyn Store>, wait: Duration) -> Journal {
        let (queue, mut lines) = mpsc::channel::<Waiting>(QUEUE);
        tokio::spawn(async move {
            while let Some(first) = lines.recv().await {
                let mut batch = vec![first];
                while batch.len() < BATCH {
                    match lines.try_recv() {
                        Ok(line) => batch.push(line),
                        Err(_) => break,
                    }
                }
                let entries: Vec<AuditEntry> = batch.iter().map(|(e, _)| e.clone()).collect();
                let written = match store.audit_many(&entries).await {
                    Ok(()) => true,
                    Err(e) => {
                        tracing::warn!(error = %e, lines = entries.len(), "audit lines not written");
                        false
                    }
                };
                for (_, reply) in batch {
                    // The request may have gone away: nothing to tell it.
                    let _ = reply.send(written);
                }
            }
        });
        Journal { queue, wait }
    }

    /// Writes `entry` and returns once it is committed; 503 when the database does not take it
    /// in time.
    pub async fn write(&self, entry: AuditEntry) -> Result<(), AppError> {
        let (reply, written) = oneshot::channel();
        let committed = tokio::time::timeout(self.wait, async {
            self.queue.send((entry, reply)).await.ok()?;
            written.await.ok()
        })
        .await;
        match committed {
            Ok(Some(true)) => Ok(()),
            _ => Err(AppError::Store(isomm_store::StoreError::Unavailable)),
        }
    }
}
