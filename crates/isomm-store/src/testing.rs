//! Fresh databases for tests (this crate's and the web application's): SQLite in a temporary
//! folder, or PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust authentication), a database
//! created for the test and dropped afterwards. Not used by isomm itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::{Store, connect};

/// A fresh, empty database of one backend, removed when dropped.
pub struct Fresh {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<String>,
}

fn psql(sql: &str) -> std::process::Output {
    std::process::Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            "5432",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        ])
        .output()
        .expect("psql (PostgreSQL's client) runs: ./scripts/test installs and starts PostgreSQL")
}

impl Fresh {
    pub fn sqlite() -> Fresh {
        let dir = tempfile::tempdir().expect("a temporary folder");
        Fresh {
            url: format!("sqlite://{}", dir.path().join("isomm.db").display()),
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A new database on the PostgreSQL server of 127.0.0.1:5432; panics, saying why, when there
    /// is none.
    pub fn postgres() -> Fresh {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("isomm_test_{}_{n}", std::process::id());
        let created = psql(&format!("CREATE DATABASE {name}"));
        assert!(
            created.status.success(),
            "cannot create a PostgreSQL database on 127.0.0.1:5432 as user postgres (is PostgreSQL running? ./scripts/test starts it): {}",
            String::from_utf8_lossy(&created.stderr)
        );
        Fresh {
            url: format!("postgres://postgres@127.0.0.1:5432/{name}"),
            _dir: None,
            postgres: Some(name),
        }
    }

    /// The backend `ISOMM_TEST_BACKEND` names (`sqlite`, the default, or `postgres`): how the web
    /// application's tests run on either.
    pub fn from_env() -> Fresh {
        match std::env::var("ISOMM_TEST_BACKEND").as_deref() {
            Ok("postgres") => Fresh::postgres(),
            Ok("sqlite") | Err(_) => Fresh::sqlite(),
            Ok(other) => panic!("ISOMM_TEST_BACKEND={other}: expected sqlite or postgres"),
        }
    }

    pub async fn store(&self) -> Arc<dyn Store> {
        connect(&self.url).await.expect("the test database opens")
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres {
            let _ = psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}
