//! What nearly every handler uses, in one import: `use crate::base::prelude::*;`.

pub use crate::base::access::{AssessmentId, Caller};
pub use crate::base::ctx::Ctx;
pub use crate::base::error::{AppError, Result};
pub use crate::base::forms::{Errors, FormData, Path, Posted, Query, Upload};
pub use crate::base::http::{not_modified, page, see_other, unprocessable, with_validators};
pub use crate::base::{AppState, ClientAddr};
