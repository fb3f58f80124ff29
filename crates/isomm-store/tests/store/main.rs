//! The store's integration tests, in one binary. Each suite runs on SQLite (a file in a temporary
//! folder) by default; its PostgreSQL run, and the tests of PostgreSQL alone, are ignored unless
//! asked for: `cargo test -p isomm-store -- --include-ignored`, with PostgreSQL on 127.0.0.1:5432
//! (user `postgres`, trust authentication; each test makes a database of its own and drops it
//! afterwards, see `isomm_store::testing::Fresh`).

/// Two tests of one suite, `async fn NAME(db: &Fresh)`: `NAME::sqlite`, run by default, and
/// `NAME::postgres`, ignored unless PostgreSQL is asked for. Arguments of `#[tokio::test]` (a
/// multi-threaded runtime) may follow the name in parentheses.
macro_rules! on_both_backends {
    ($suite:ident $(($($runtime:tt)*))?) => {
        mod $suite {
            #[tokio::test $(($($runtime)*))?]
            async fn sqlite() {
                super::$suite(&isomm_store::testing::Fresh::sqlite()).await;
            }

            #[tokio::test $(($($runtime)*))?]
            #[ignore = "needs PostgreSQL on 127.0.0.1:5432"]
            async fn postgres() {
                super::$suite(&isomm_store::testing::Fresh::postgres()).await;
            }
        }
    };
}

mod accounts;
mod items;
mod story;
