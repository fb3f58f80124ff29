//! The audit lines of downloads, written in batches: every download that carries answers is
//! audited (`export.*`), and a script reading `result.json` in a loop would otherwise commit one
//! transaction per request (a write on what is a read: a third of the throughput went). A request
//! queues its line and goes on; one task commits every line waiting in one transaction (at most
//! [`BATCH`]), and keeps a batch the database refused to write it again (after [`RETRY`]), so a
//! line is lost only when the process dies between its download and the next commit (a few
//! milliseconds). On a graceful stop, the lines waiting are written before the process ends
//! ([`Journal::drained`]), and the audit log's page and CSV wait for the lines queued before them
//! ([`Journal::flush`]), so an owner reads every download made until then.
//!
//! Answers being edited (`audit_pending`, see [`isomm_store::Pending`]) become lines here too:
//! every [`TICK`] those whose edits paused, and all of them when the audit log is about to be read
//! ([`Journal::flush`]).
//!
//! The wait is bounded: the queue holds [`QUEUE`] lines; a request that cannot queue its line
//! within the request timeout answers 503 (the database is not keeping up), never a download
//! without its line.

use std::sync::Arc;
use std::time::Duration;

use isomm_store::accounts::AuditEntry;
use isomm_store::{Pending, Store};
use tokio::sync::{mpsc, oneshot, watch};

use crate::base::error::AppError;

/// Lines written in one transaction at most.
pub const BATCH: usize = 256;
/// Lines waiting at most.
const QUEUE: usize = 4096;
/// The pause before a refused batch is written again.
const RETRY: Duration = Duration::from_millis(200);
/// How often the answers whose edits paused become lines of the audit log.
const TICK: Duration = Duration::from_secs(5);

/// What the writer is handed: a line, or a request to say when every line before it is written.
enum Item {
    Line(AuditEntry),
    Flush(oneshot::Sender<()>),
}

/// The writer's queue; cheap to clone.
#[derive(Clone)]
pub struct Journal {
    store: Arc<dyn Store>,
    queue: mpsc::Sender<Item>,
    wait: Duration,
    done: watch::Receiver<bool>,
}

impl Journal {
    /// Starts the writer on the current runtime; `wait` bounds each request's wait to queue.
    pub fn start(store: Arc<dyn Store>, wait: Duration) -> Journal {
        let (queue, mut items) = mpsc::channel::<Item>(QUEUE);
        let (finished, done) = watch::channel(false);
        // The answers whose edits paused, until the application stops (the queue's last sender
        // is gone).
        let alive = queue.downgrade();
        let ticking = store.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(TICK);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if alive.upgrade().is_none() {
                    break;
                }
                let now = isomm_store::now();
                if let Err(e) = ticking.flush_audit(Pending::Quiet { now }).await {
                    tracing::warn!(error = %e, "answers being edited not written to the audit log yet");
                }
            }
        });
        let writer = store.clone();
        tokio::spawn(async move {
            while let Some(first) = items.recv().await {
                let mut batch = Vec::new();
                let mut flushes = Vec::new();
                let mut next = Some(first);
                while let Some(item) = next.take() {
                    match item {
                        Item::Line(line) => batch.push(line),
                        Item::Flush(reply) => flushes.push(reply),
                    }
                    if batch.len() < BATCH {
                        next = items.try_recv().ok();
                    }
                }
                while !batch.is_empty()
                    && let Err(e) = writer.audit_many(&batch).await
                {
                    tracing::warn!(error = %e, lines = batch.len(), "audit lines not written yet");
                    tokio::time::sleep(RETRY).await;
                }
                for reply in flushes {
                    let _ = reply.send(());
                }
            }
            // Every sender is gone (the application stopped) and every line is written.
            let _ = finished.send(true);
        });
        Journal {
            store,
            queue,
            wait,
            done,
        }
    }

    /// Queues `entry` for the next commit; 503 when the queue stays full past the wait.
    pub async fn write(&self, entry: AuditEntry) -> Result<(), AppError> {
        match tokio::time::timeout(self.wait, self.queue.send(Item::Line(entry))).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(AppError::Store(isomm_store::StoreError::Unavailable)),
        }
    }

    /// Returns once every line queued before this call is written and every answer being edited
    /// is a line (or the wait has passed: the caller then reads what is there).
    pub async fn flush(&self) {
        let (reply, written) = oneshot::channel();
        let _ = tokio::time::timeout(self.wait, async {
            if self.queue.send(Item::Flush(reply)).await.is_ok() {
                let _ = written.await;
            }
            if let Err(e) = self.store.flush_audit(Pending::All).await {
                tracing::warn!(error = %e, "answers being edited not written to the audit log");
            }
        })
        .await;
    }

    /// Resolves once the writer has written every line and stopped (after the last clone of the
    /// queue is dropped); a handle to wait on at shutdown.
    pub fn drained(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut done = self.done.clone();
        async move {
            let _ = done.wait_for(|d| *d).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_store::accounts::AuditFilter;

    #[tokio::test]
    async fn every_line_is_written_flush_waits_for_them_and_a_stop_drains_the_queue() {
        let db = isomm_store::testing::Fresh::sqlite();
        let store = db.store().await;
        let journal = Journal::start(store.clone(), Duration::from_secs(10));
        let line = |i: usize| AuditEntry::new("user:1", "cli", "export.json", format!("a:{i}"));
        // More than a batch, from many requests at once.
        let writes: Vec<_> = (0..600)
            .map(|i| {
                let journal = journal.clone();
                tokio::spawn(async move { journal.write(line(i)).await })
            })
            .collect();
        for w in writes {
            w.await.unwrap().unwrap();
        }
        journal.flush().await;
        let all = AuditFilter {
            limit: 1000,
            ..Default::default()
        };
        assert_eq!(store.audit_log(None, &all).await.unwrap().len(), 600);
        // The last line, then the stop: written before `drained` resolves.
        let drained = journal.drained();
        journal.write(line(600)).await.unwrap();
        drop(journal);
        tokio::time::timeout(Duration::from_secs(10), drained)
            .await
            .expect("the writer stops once its queue is empty");
        assert_eq!(store.audit_log(None, &all).await.unwrap().len(), 601);
    }
}
