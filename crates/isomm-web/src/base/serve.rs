//! The listener: HTTP/1.1 connections served with the bounds a public service needs.
//!
//! - a connection that does not send a complete request head within `header_timeout` is closed —
//!   this covers a slow sender and an idle keep-alive connection alike (hyper starts the timer
//!   whenever it waits for a head);
//! - request heads are bounded in size (`MAX_HEAD_BYTES`); bodies by the router's limits and the
//!   request timeout;
//! - at most `max_connections` connections at once, and at most `per_address` from one address
//!   (but for the trusted proxies, through which everyone comes): past that a new connection is
//!   closed at once rather than left waiting in the kernel's queue, so one address holding
//!   half-sent requests cannot take every slot;
//! - on shutdown the listener closes, idle connections end, requests in flight get `grace` to
//!   finish, then the server returns whatever is left.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// The largest request head (request line and headers) accepted, in bytes.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Bounds on connections.
#[derive(Clone, Debug)]
pub struct ConnectionLimits {
    pub header_timeout: Duration,
    pub max_connections: usize,
    /// Open connections from one address (`--max-connections-per-address`).
    pub per_address: usize,
    /// Addresses without the per-address cap: the trusted proxies (`--trusted-proxy`).
    pub exempt: Vec<IpAddr>,
    pub grace: Duration,
}

/// The unit an address is limited as: an IPv4 address, or the /64 an IPv6 address belongs to (one
/// subscriber holds a whole /64: its 2^64 addresses are one client).
pub fn address_group(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(std::net::Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

/// Open connections per address, and the slot one holds (given back when it is dropped).
#[derive(Clone, Default)]
struct PerAddress(Arc<std::sync::Mutex<HashMap<IpAddr, usize>>>);

struct AddressSlot {
    counts: PerAddress,
    address: IpAddr,
}

impl PerAddress {
    /// A slot for one more connection from `address`, unless it has `max` open.
    fn take(&self, address: IpAddr, max: usize) -> Option<AddressSlot> {
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let open = counts.entry(address).or_insert(0);
        if *open >= max {
            return None;
        }
        *open += 1;
        Some(AddressSlot {
            counts: self.clone(),
            address,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut counts = self.counts.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = counts.get_mut(&self.address) {
            *open -= 1;
            if *open == 0 {
                counts.remove(&self.address);
            }
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then drains within the grace period.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_address = PerAddress::default();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => (stream, peer),
                Err(e) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tracing::warn!(
                max = limits.max_connections,
                "too many connections: closing a new one"
            );
            drop(stream);
            continue;
        };
        let address = peer.ip().to_canonical();
        let address_slot = if limits.exempt.contains(&address) {
            None
        } else {
            match per_address.take(address_group(address), limits.per_address.max(1)) {
                Some(s) => Some(s),
                None => {
                    tracing::warn!(
                        max = limits.per_address,
                        "too many connections from one address: closing a new one"
                    );
                    drop(stream);
                    continue;
                }
            }
        };
        let _ = stream.set_nodelay(true);
        // Every request of the connection knows its peer (the client's address, or a proxy's).
        let service = TowerToHyperService::new(
            tower::ServiceBuilder::new()
                .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    request
                })
                .service(router.clone()),
        );
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .max_buf_size(MAX_HEAD_BYTES)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Errors here are the client's (reset, timed out): nothing to answer.
            let _ = connection.await;
            drop(address_slot);
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.grace) => {
            tracing::warn!(grace = ?limits.grace, "requests still running at the end of the grace period: stopping anyway");
        }
    }
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: 4096,
            per_address: 256,
            exempt: Vec::new(),
            grace: Duration::from_secs(10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_its_64_and_an_ipv4_client_its_address() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_group(a), address_group(b));
        assert_ne!(address_group(a), address_group(other));
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(address_group(v4), v4);
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_group(mapped), v4);
    }
}
