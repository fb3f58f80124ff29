//! The outside programs some tests read the reports with (poppler's `pdftotext`, `pdffonts` and
//! `pdfinfo`; LibreOffice's `soffice`; Chromium, which prints the HTML report). Each test that
//! needs one is ignored with `#[ignore = "needs …"]` naming the program, so that a bare `cargo
//! test` needs only the Rust toolchain; with `--include-ignored` they run, and a missing program
//! fails the test with its name and its Debian package: never a skip.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A program a test runs, and the Debian package that installs it.
pub struct Tool {
    pub program: &'static str,
    pub package: &'static str,
}

pub const PDFTOTEXT: Tool = Tool {
    program: "pdftotext",
    package: "poppler-utils",
};
pub const PDFFONTS: Tool = Tool {
    program: "pdffonts",
    package: "poppler-utils",
};
pub const PDFINFO: Tool = Tool {
    program: "pdfinfo",
    package: "poppler-utils",
};
pub const CHROMIUM: Tool = Tool {
    program: "chromium",
    package: "chromium",
};
pub const SOFFICE: Tool = Tool {
    program: "soffice",
    package: "libreoffice-calc-nogui",
};

/// How long a program may take before the test gives up on it (LibreOffice's first start in a
/// fresh profile is the slowest).
const LIMIT: Duration = Duration::from_secs(120);

impl Tool {
    /// Runs the program with what `configure` adds (arguments, environment) and returns what it
    /// wrote to standard output. Panics, naming the program and its package, when it is not
    /// installed; when it fails; or when it has not finished within [`LIMIT`] (it is then killed).
    pub fn run(&self, configure: impl FnOnce(&mut Command) -> &mut Command) -> String {
        let mut command = Command::new(self.program);
        configure(&mut command)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                panic!(
                    "`{program}` is not installed, and this test needs it: install the Debian \
                     package {package} (apt-get install {package}), or run ./scripts/test, which \
                     installs it",
                    program = self.program,
                    package = self.package
                )
            }
            panic!("`{}` could not be started: {e}", self.program)
        });
        // Both pipes are read to their end on threads of their own (a program blocks when a pipe
        // it writes to is full); the end of standard output is the program finishing, waited for
        // on the channel with a deadline.
        let (done, finished) = mpsc::channel();
        let mut stdout = child.stdout.take().expect("a piped standard output");
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let read = stdout.read_to_end(&mut out).map(|_| out);
            let _ = done.send(read);
        });
        let mut stderr = child.stderr.take().expect("a piped standard error");
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let out = match finished.recv_timeout(LIMIT) {
            Ok(read) => read.unwrap_or_else(|e| panic!("reading `{}`'s output: {e}", self.program)),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("`{}` did not finish within {LIMIT:?}", self.program);
            }
        };
        let status = child
            .wait()
            .unwrap_or_else(|e| panic!("waiting for `{}`: {e}", self.program));
        let errors = errors.join().unwrap_or_default();
        assert!(
            status.success(),
            "`{}` failed ({status}): {errors}",
            self.program
        );
        String::from_utf8(out)
            .unwrap_or_else(|e| panic!("`{}` wrote other than UTF-8: {e}", self.program))
    }
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("isomm-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
