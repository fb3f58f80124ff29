//! The web application's tests, one test binary (each module a part): every route and caller
//! (`access`), bodies and their bounds, results and downloads, logins, privacy, the audit log, the
//! edges (hosts, headers, errors) and, with a browser, a team's whole assessment (`e2e`). Each runs
//! on SQLite, or on PostgreSQL with `ISOMM_TEST_BACKEND=postgres` (`common`).

mod access;
mod audit;
mod bounds;
mod common;
mod counting;
mod e2e;
mod edges;
mod handlers;
mod login;
mod plan;
mod privacy;
mod rounds;
mod team;
