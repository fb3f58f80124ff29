//! The shared layer: everything a feature builds on and nothing that is a feature. Requests come in
//! through [`edge`] (hosts, origins, headers), [`bounds`] (body sizes), [`access`] (who may call a
//! route, as [`access::Caller`]) and [`csrf`] (the token of every write), in that order; handlers
//! then take checked values from the extractors of [`forms`] and [`links`], speak with [`words`],
//! answer with [`http`] and [`download`], and fail through one [`error::AppError`].
//!
//! Architecture invariant: nothing here imports a feature module (`tests/isomm/tidy.rs`:
//! `web_features_import_the_shared_layer_and_never_each_other`).

pub mod access;
pub mod assets;
pub mod audit;
pub mod bounds;
pub mod cache;
pub mod confirm;
pub mod csrf;
pub mod ctx;
pub mod download;
pub mod edge;
pub mod error;
pub mod forms;
pub mod http;
pub mod invitation;
pub mod jobs;
pub mod journal;
pub mod links;
pub mod prelude;
pub mod rounds;
pub mod serve;
pub mod session;
pub mod state;
pub mod summary;
pub mod throttle;
pub mod tokens;
pub mod words;
pub mod zone;

pub use state::{AppState, BODY_LIMIT, ClientAddr, Settings, Shared};
