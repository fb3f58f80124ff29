//! Where `isomm serve` writes its log: standard error, through a buffer that a thread of its own
//! flushes every 100 ms (and when it is dropped, at exit). A request only appends its line to the
//! buffer: it never waits for the disk or the terminal, and lines from many requests reach the
//! operating system in one write. Past 4 MiB not yet written (standard error blocked), new lines are
//! dropped and counted rather than slowing requests down; the count is written when it can be.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FLUSH_EVERY: Duration = Duration::from_millis(100);
const MAX_PENDING: usize = 4 * 1024 * 1024;

#[derive(Default)]
struct Shared {
    pending: Mutex<Vec<u8>>,
    dropped: AtomicU64,
    stop: AtomicBool,
}

impl Shared {
    fn flush(&self) {
        let lines = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        let mut err = io::stderr().lock();
        let dropped = self.dropped.swap(0, Ordering::Relaxed);
        if dropped > 0 {
            let _ = writeln!(
                err,
                "isomm: {dropped} log lines dropped (standard error was not keeping up)"
            );
        }
        let _ = err.write_all(&lines);
        let _ = err.flush();
    }
}

/// The writer the log formatter is given (one per line).
#[derive(Clone)]
pub struct Buffered(Arc<Shared>);

impl Write for Buffered {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut pending = self.0.pending.lock().unwrap_or_else(|e| e.into_inner());
        if pending.len() + bytes.len() > MAX_PENDING {
            self.0.dropped.fetch_add(1, Ordering::Relaxed);
        } else {
            pending.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffered {
    type Writer = Buffered;

    fn make_writer(&'a self) -> Buffered {
        self.clone()
    }
}

/// Flushes what is left when dropped; keep it until the process ends.
pub struct Guard {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.shared.flush();
    }
}

/// A buffered writer to standard error and the guard that flushes it.
pub fn buffered() -> (Buffered, Guard) {
    let shared = Arc::new(Shared::default());
    let flusher = shared.clone();
    let thread = std::thread::Builder::new()
        .name("isomm-log".into())
        .spawn(move || {
            while !flusher.stop.load(Ordering::Relaxed) {
                std::thread::sleep(FLUSH_EVERY);
                flusher.flush();
            }
        })
        .ok();
    (Buffered(shared.clone()), Guard { shared, thread })
}
