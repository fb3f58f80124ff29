//! The time zone a page shows deadlines and times in: its workspace's (`Asia/Tokyo` unless an
//! owner chose another, on the members page), read at the request that shows them.

use isomm_core::zone::Zone;
use isomm_store::Id;

use crate::base::AppState;
use crate::base::error::Result;

/// The zone of `workspace`; the default zone for an assessment made before workspaces existed.
pub async fn of(state: &AppState, workspace: Option<Id>) -> Result<Zone> {
    Ok(match workspace {
        Some(w) => state
            .store
            .time_zone(w)
            .await?
            .map(|name| Zone::or_default(&name))
            .unwrap_or_default(),
        None => Zone::default(),
    })
}
