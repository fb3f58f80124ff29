//! The `isomm` binary's tests, one test binary (each module a part): the command line as users run
//! it, the server as a process, faults injected into it, the offline sheets, and the tidy checks over
//! the source tree, and rounds compared.

mod cli;
mod common;
mod faults;
mod rounds;
mod serve;
mod sheets;
mod tidy;
