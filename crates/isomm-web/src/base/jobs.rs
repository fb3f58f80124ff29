//! Work that would hold an async worker: scoring and rendering results, PDF and XLSX reports,
//! reading workbooks and imported files. Each pool runs its jobs on tokio's blocking threads, at
//! most `permits` at once; a request that cannot start within `wait` gets 503 with `Retry-After`.
//!
//! A job that has not started when its request is dropped (the client went away, the request timed
//! out) never starts: the wait for a permit is part of the request's future. A job that has started
//! runs to its end (every input is bounded, so that end is near) and then frees its permit.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::base::error::AppError;

/// A bounded pool of blocking work.
#[derive(Clone)]
pub struct Jobs {
    name: &'static str,
    permits: Arc<Semaphore>,
    wait: Duration,
    /// Threads of the pool's own, when it has them (else tokio's blocking threads).
    threads: Option<std::sync::mpsc::Sender<Job>>,
}

type Job = Box<dyn FnOnce() + Send>;

impl Jobs {
    pub fn new(name: &'static str, permits: usize, wait: Duration) -> Jobs {
        Jobs {
            name,
            permits: Arc::new(Semaphore::new(permits.max(1))),
            wait,
            threads: None,
        }
    }

    /// A pool with `permits` threads of its own, which live as long as the pool: for work that
    /// takes much memory for a moment (argon2's 19 MiB per password). On tokio's blocking threads,
    /// each of hundreds of threads would keep its own allocator arena with that memory in it after
    /// a burst; on these, at most `permits` arenas do.
    pub fn with_threads(name: &'static str, permits: usize, wait: Duration) -> Jobs {
        let (sender, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = Arc::new(std::sync::Mutex::new(receiver));
        for i in 0..permits.max(1) {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("isomm-{name}-{i}"))
                .spawn(move || {
                    loop {
                        // One waits for the next job while the others work.
                        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match next {
                            // A job that panics has its result dropped (the caller sees a
                            // failed job); the thread goes on.
                            Ok(job) => {
                                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                            }
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(pool = name, error = %e, "cannot start a worker thread");
            }
        }
        Jobs {
            threads: Some(sender),
            ..Jobs::new(name, permits, wait)
        }
    }

    /// Runs `work` on a blocking thread once a permit is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| {
                tracing::warn!(pool = self.name, "busy: no job slot within the wait");
                AppError::Busy
            })?
            .map_err(|_| AppError::Busy)?;
        if let Some(threads) = &self.threads {
            let (tx, rx) = tokio::sync::oneshot::channel();
            let job: Job = Box::new(move || {
                let out = work();
                drop(permit);
                let _ = tx.send(out);
            });
            threads
                .send(job)
                .map_err(|_| AppError::Job(format!("the {} pool has stopped", self.name)))?;
            return rx
                .await
                .map_err(|_| AppError::Job(format!("a job of the {} pool failed", self.name)));
        }
        tokio::task::spawn_blocking(move || {
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|e| AppError::Job(e.to_string()))
    }

    /// Jobs running or waiting right now is `permits - available`; for tests and logs.
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_pool_answers_busy_after_the_wait_and_never_starts_the_work() {
        let jobs = Jobs::new("test", 1, Duration::from_millis(50));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let running = {
            let jobs = jobs.clone();
            tokio::spawn(async move { jobs.run(move || rx.recv().ok()).await })
        };
        while jobs.available() > 0 {
            tokio::task::yield_now().await;
        }
        let started = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = started.clone();
        let refused = jobs
            .run(move || flag.store(true, std::sync::atomic::Ordering::SeqCst))
            .await;
        assert!(matches!(refused, Err(AppError::Busy)));
        tx.send(()).unwrap();
        assert!(running.await.unwrap().is_ok());
        assert!(!started.load(std::sync::atomic::Ordering::SeqCst));
        assert_eq!(jobs.run(|| 7).await.unwrap(), 7);
    }
}
