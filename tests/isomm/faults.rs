//! Faults, on real processes and real databases: many respondents autosaving at once on each
//! backend (no 5xx, every acknowledged save kept), the server killed with SIGKILL under that load
//! (every acknowledged save there after the restart), and PostgreSQL stopped and started again under
//! load (503 while it is down, never a hang; `/readyz` says so; isomm recovers by itself). The
//! PostgreSQL that is stopped is a private cluster of the test's own, on a free port.
//!
//! Short by default (3 s of load, 200 clients); `scripts/faults` runs the long versions
//! (`ISOMM_FAULT_SECS`, `ISOMM_FAULT_CLIENTS`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::*;

/// One load test at a time: they share two cores with everything else.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_secs() -> Duration {
    Duration::from_secs(setting("ISOMM_FAULT_SECS", 3))
}

fn clients() -> usize {
    setting("ISOMM_FAULT_CLIENTS", 200) as usize
}

/// Longest any request may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(30);

/// One save a client sent: which role, with which level, and whether the server acknowledged it.
struct Attempt {
    role: String,
    seq: u64,
    level: u8,
    acknowledged: bool,
}

/// What one client (one respondent) did.
struct Log {
    respondent: i64,
    attempts: Vec<Attempt>,
    statuses: BTreeMap<u16, usize>,
    /// Requests that got no answer (refused, reset), with the first error's text.
    failures: usize,
    first_failure: Option<String>,
    slowest: Duration,
}

/// The assessment every client saves into, with a respondent per client.
struct Setup {
    assessment: i64,
    respondents: Vec<i64>,
    cookie: String,
    field: String,
}

fn set_up(url: &str, port: u16, respondents: usize) -> Setup {
    let (cookie, field) = token(port);
    let form = format!(
        "{field}&organization=Fault+test&title=load&current_pattern=hybrid&target_pattern=hybrid&target_level=4"
    );
    let (status, head, _) = http(port, "POST", "/assessments", &cookie, &form);
    assert_eq!(status, 303, "{head}");
    let assessment = location_id(&head, "/assessments/");
    for n in 0..respondents {
        let (status, head, body) = http(
            port,
            "POST",
            &format!("/assessments/{assessment}/respondents"),
            &cookie,
            &format!("{field}&name=r{n}&position=staff"),
        );
        assert_eq!(status, 201, "{head}{body}");
    }
    // The respondents' ids, by name, in the order they were added.
    let stored = stored(url, assessment);
    let respondents = (0..respondents)
        .map(|n| {
            stored
                .respondents
                .iter()
                .find(|r| r.name == format!("r{n}"))
                .expect("every respondent added is there")
                .id
        })
        .collect();
    Setup {
        assessment,
        respondents,
        cookie,
        field,
    }
}

/// The id after `prefix` in the response's `Location`.
fn location_id(head: &str, prefix: &str) -> i64 {
    let location = head
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or_else(|| panic!("a location: {head}"));
    let rest = &location[location.rfind(prefix).expect(prefix) + prefix.len()..];
    rest.split(['/', '?', '#'])
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("an id in {location}"))
}

/// Clients autosaving until stopped, each as its own respondent, going through the roles of the
/// catalog with a new level and a note that names the attempt.
struct Load {
    stop: Arc<AtomicBool>,
    clients: Vec<JoinHandle<Log>>,
}

impl Load {
    fn start(port: &Arc<std::sync::atomic::AtomicU16>, setup: &Setup) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let roles: Arc<Vec<String>> = Arc::new(
            isomm_core::Catalog::builtin()
                .roles()
                .iter()
                .map(|r| r.id.clone())
                .collect(),
        );
        let clients = setup
            .respondents
            .iter()
            .enumerate()
            .map(|(n, &respondent)| {
                let (stop, roles, port) = (stop.clone(), roles.clone(), port.clone());
                let path = format!(
                    "/assessments/{}/respondents/{respondent}/answers/",
                    setup.assessment
                );
                let (cookie, field) = (setup.cookie.clone(), setup.field.clone());
                std::thread::spawn(move || {
                    let mut log = Log {
                        respondent,
                        attempts: Vec::new(),
                        statuses: BTreeMap::new(),
                        failures: 0,
                        first_failure: None,
                        slowest: Duration::ZERO,
                    };
                    let mut current = port.load(Ordering::SeqCst);
                    let mut client = Client::new(current, HANG);
                    let mut seq = 0u64;
                    while !stop.load(Ordering::SeqCst) {
                        // A restarted server listens on another port.
                        let now = port.load(Ordering::SeqCst);
                        if now != current {
                            current = now;
                            client = Client::new(current, HANG);
                        }
                        seq += 1;
                        let role = &roles[(n + seq as usize) % roles.len()];
                        let level = (seq % 5 + 1) as u8;
                        let body = format!("{field}&in={level}&out=&note=c{n}s{seq}");
                        let started = Instant::now();
                        let answer =
                            client.request("POST", &format!("{path}{role}"), &cookie, &body);
                        log.slowest = log.slowest.max(started.elapsed());
                        let acknowledged = match answer {
                            Ok((status, body)) => {
                                *log.statuses.entry(status).or_default() += 1;
                                status == 200 && body.starts_with(r#"{"ok":true"#)
                            }
                            Err(e) => {
                                log.failures += 1;
                                log.first_failure.get_or_insert(e.to_string());
                                // Refused while the server is away: do not spin.
                                std::thread::sleep(Duration::from_millis(20));
                                false
                            }
                        };
                        log.attempts.push(Attempt {
                            role: role.clone(),
                            seq,
                            level,
                            acknowledged,
                        });
                    }
                    log
                })
            })
            .collect();
        Load { stop, clients }
    }

    fn finish(self) -> Vec<Log> {
        self.stop.store(true, Ordering::SeqCst);
        self.clients
            .into_iter()
            .map(|c| c.join().expect("a client thread"))
            .collect()
    }
}

/// An assessment as the database holds it, read through isomm's store.
fn stored(url: &str, assessment: i64) -> isomm_store::StoredAssessment {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = isomm_store::connect(url).await.expect("the database opens");
        store
            .assessment(assessment)
            .await
            .expect("the assessment reads")
            .expect("the assessment is there")
    })
}

/// Every acknowledged save is in the database: for each respondent and role, the stored note names
/// the last acknowledged attempt or a later one that was sent (a save whose answer was lost may
/// have been stored), with that attempt's level; a role never acknowledged holds only a sent
/// attempt, or nothing. Returns the number of acknowledged saves.
fn check_kept(url: &str, assessment: i64, logs: &[Log]) -> usize {
    let stored = stored(url, assessment);
    let mut acknowledged = 0;
    for log in logs {
        let respondent = stored
            .respondents
            .iter()
            .find(|r| r.id == log.respondent)
            .expect("every respondent is there");
        let mut by_role: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
        for a in &log.attempts {
            by_role.entry(&a.role).or_default().push(a);
            acknowledged += usize::from(a.acknowledged);
        }
        for (role, attempts) in by_role {
            let last_ack = attempts
                .iter()
                .rev()
                .find(|a| a.acknowledged)
                .map(|a| a.seq);
            let Some(answer) = respondent.answers.get(role) else {
                assert!(
                    last_ack.is_none(),
                    "respondent {}: role {role} was acknowledged (attempt {last_ack:?}) and is gone",
                    log.respondent
                );
                continue;
            };
            let note = answer.note.as_deref().unwrap_or_default();
            let seq: u64 = note
                .rsplit_once('s')
                .and_then(|(_, s)| s.parse().ok())
                .unwrap_or_else(|| panic!("a note this test wrote: {note:?}"));
            let attempt = attempts.iter().find(|a| a.seq == seq).unwrap_or_else(|| {
                panic!(
                    "respondent {}: role {role} holds attempt {seq}, never sent for it",
                    log.respondent
                )
            });
            assert!(
                last_ack.is_none_or(|ack| seq >= ack),
                "respondent {}: role {role} holds attempt {seq}, older than the acknowledged {last_ack:?}",
                log.respondent
            );
            assert_eq!(
                answer.insource.map(|l| l.get()),
                Some(attempt.level),
                "respondent {}: role {role}, attempt {seq}",
                log.respondent
            );
        }
    }
    acknowledged
}

fn statuses(logs: &[Log]) -> BTreeMap<u16, usize> {
    let mut all = BTreeMap::new();
    for log in logs {
        for (status, n) in &log.statuses {
            *all.entry(*status).or_default() += n;
        }
    }
    all
}

fn failures(logs: &[Log]) -> (usize, Option<&str>) {
    (
        logs.iter().map(|l| l.failures).sum(),
        logs.iter().find_map(|l| l.first_failure.as_deref()),
    )
}

fn slowest(logs: &[Log]) -> Duration {
    logs.iter().map(|l| l.slowest).max().unwrap_or_default()
}

/// A fresh database of the backend: SQLite in a temporary folder, or a database on the shared
/// PostgreSQL server.
fn fresh(backend: &str) -> isomm_store::testing::Fresh {
    match backend {
        "postgres" => isomm_store::testing::Fresh::postgres(),
        _ => isomm_store::testing::Fresh::sqlite(),
    }
}

fn port_of(server: &Server) -> Arc<std::sync::atomic::AtomicU16> {
    Arc::new(std::sync::atomic::AtomicU16::new(server.port))
}

/// Load with nothing going wrong: only 200s, every acknowledged save kept.
fn load_without_faults(backend: &str) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let db = fresh(backend);
    let server = ready(start_on(&db.url, &[]));
    let setup = set_up(&db.url, server.port, clients());
    let load = Load::start(&port_of(&server), &setup);
    std::thread::sleep(load_secs());
    let logs = load.finish();
    let statuses = statuses(&logs);
    let (failed, first) = failures(&logs);
    assert_eq!(
        failed, 0,
        "{backend}: requests without an answer: {first:?}"
    );
    assert_eq!(
        statuses.keys().copied().collect::<Vec<_>>(),
        vec![200],
        "{backend}: only acknowledged saves: {statuses:?}"
    );
    let kept = check_kept(&db.url, setup.assessment, &logs);
    eprintln!(
        "{backend}: {} clients, {kept} saves acknowledged and kept in {:?}, slowest {:?}",
        logs.len(),
        load_secs(),
        slowest(&logs)
    );
    assert!(kept > 0);
}

#[test]
fn many_respondents_autosave_at_once_on_sqlite() {
    load_without_faults("sqlite");
}

#[test]
#[ignore = "needs PostgreSQL on 127.0.0.1:5432; ./scripts/test starts it"]
fn many_respondents_autosave_at_once_on_postgresql() {
    load_without_faults("postgres");
}

/// SIGKILL in the middle of the load; a new server on the same database has every acknowledged
/// save.
fn killed_under_load(backend: &str) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let db = fresh(backend);
    let mut server = ready(start_on(&db.url, &[]));
    let setup = set_up(&db.url, server.port, clients());
    let port = port_of(&server);
    let load = Load::start(&port, &setup);
    std::thread::sleep(load_secs() / 2);
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let again = ready(start_on(&db.url, &[]));
    port.store(again.port, Ordering::SeqCst);
    std::thread::sleep(load_secs() / 2);
    let logs = load.finish();
    let statuses = statuses(&logs);
    assert!(
        statuses.keys().all(|s| *s == 200),
        "{backend}: no errors but lost connections: {statuses:?}"
    );
    let (failed, _) = failures(&logs);
    let kept = check_kept(&db.url, setup.assessment, &logs);
    eprintln!(
        "{backend}: killed under load; {kept} acknowledged saves kept, {failed} requests cut off"
    );
    let (status, _, json) = http(
        again.port,
        "GET",
        &format!("/assessments/{}/result.json", setup.assessment),
        &setup.cookie,
        "",
    );
    assert_eq!(status, 200, "the session survives the restart too: {json}");
}

#[test]
fn an_acknowledged_save_survives_sigkill_under_load_on_sqlite() {
    killed_under_load("sqlite");
}

#[test]
#[ignore = "needs PostgreSQL on 127.0.0.1:5432; ./scripts/test starts it"]
fn an_acknowledged_save_survives_sigkill_under_load_on_postgresql() {
    killed_under_load("postgres");
}

/// A PostgreSQL server of this test's own: a cluster made with `initdb` in a temporary folder,
/// listening on a free port of 127.0.0.1 (as the `postgres` user when the test runs as root, which
/// PostgreSQL refuses to run as). Stopped and removed when dropped.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_root: bool,
    _dir: tempfile::TempDir,
}

/// The folder of PostgreSQL's server programs (Debian keeps them out of `PATH`).
fn postgres_bin() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .filter(|p| p.join("initdb").exists())
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
    });
    found.pop().expect(
        "PostgreSQL's initdb under /usr/lib/postgresql/*/bin: ./scripts/test installs PostgreSQL",
    )
}

impl Cluster {
    fn start() -> Cluster {
        let bin = postgres_bin();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let as_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        if as_root {
            let owned = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(owned.success(), "chown the cluster's folder to postgres");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Cluster {
            bin,
            data,
            port,
            as_root,
            _dir: dir,
        };
        let data = cluster.data.to_str().unwrap().to_string();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        );
        cluster.up();
        cluster
    }

    /// Runs one of PostgreSQL's programs (as `postgres` when we are root); panics with its output
    /// when it fails.
    fn run(&self, program: &str, args: &[&str]) {
        let path = self.bin.join(program);
        let mut command = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let output = command.args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn pg_ctl(&self, args: &[&str]) {
        let data = self.data.to_str().unwrap();
        let mut all = vec!["-D", data];
        all.extend_from_slice(args);
        self.run("pg_ctl", &all);
    }

    fn up(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {}",
            self.port,
            self.data.display()
        );
        let log = self.data.join("server.log");
        self.pg_ctl(&["-o", &options, "-l", log.to_str().unwrap(), "-w", "start"]);
    }

    fn down(&self) {
        self.pg_ctl(&["-m", "fast", "-w", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data.to_str().unwrap().to_string();
        let path = self.bin.join("pg_ctl");
        let mut command = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let _ = command
            .args(["-D", &data, "-m", "immediate", "-w", "stop"])
            .output();
    }
}

/// PostgreSQL stopped under load: saves answer 503 within the database timeout (never hang, never
/// 500), `/readyz` answers 503 and `/healthz` 200 while it is down; once it is back, isomm serves
/// again by itself, and every acknowledged save is there.
#[test]
#[ignore = "needs PostgreSQL's server programs (initdb, pg_ctl); ./scripts/test installs them"]
fn postgresql_restarted_under_load() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let cluster = Cluster::start();
    let server = ready(start_on(&cluster.url(), &["--db-timeout", "2"]));
    let setup = set_up(&cluster.url(), server.port, clients().min(50));
    let load = Load::start(&port_of(&server), &setup);
    std::thread::sleep(load_secs() / 2);

    cluster.down();
    let down = Instant::now();
    let (ready_status, _, _) = http(server.port, "GET", "/readyz", "", "");
    assert_eq!(ready_status, 503, "/readyz while the database is down");
    let (health, _, _) = http(server.port, "GET", "/healthz", "", "");
    assert_eq!(health, 200, "/healthz while the database is down");
    let started = Instant::now();
    let (status, head, body) = http(
        server.port,
        "POST",
        &format!(
            "/assessments/{}/respondents/{}/answers/{}",
            setup.assessment,
            setup.respondents[0],
            isomm_core::Catalog::builtin().roles()[0].id
        ),
        &setup.cookie,
        &format!("{}&in=3&out=&note=down", setup.field),
    );
    let took = started.elapsed();
    assert_eq!(
        status, 503,
        "a save while the database is down: {head}{body}"
    );
    assert!(head.contains("retry-after:"), "{head}");
    assert!(
        took < Duration::from_secs(10),
        "answered within the timeout: {took:?}"
    );
    std::thread::sleep(Duration::from_secs(1).saturating_sub(down.elapsed()));

    cluster.up();
    let back = Instant::now();
    loop {
        let (status, _, _) = http(server.port, "GET", "/readyz", "", "");
        if status == 200 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(30),
            "/readyz still {status} 30 s after PostgreSQL came back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let recovered = back.elapsed();
    std::thread::sleep(load_secs() / 2 + Duration::from_secs(1));
    let logs = load.finish();

    let all = statuses(&logs);
    let (failed, first) = failures(&logs);
    assert_eq!(failed, 0, "every request got an answer: {first:?}");
    assert!(
        all.keys().all(|s| matches!(s, 200 | 503)),
        "only saves and 503s: {all:?}"
    );
    assert!(
        slowest(&logs) < Duration::from_secs(10),
        "no request waited past the database timeout: {:?}",
        slowest(&logs)
    );
    // Saves succeed again after the restart: the last attempt of most clients was acknowledged.
    let last_ok = logs
        .iter()
        .filter(|l| l.attempts.last().is_some_and(|a| a.acknowledged))
        .count();
    assert!(
        last_ok * 2 > logs.len(),
        "saves go through again: {last_ok} of {} clients",
        logs.len()
    );
    let kept = check_kept(&cluster.url(), setup.assessment, &logs);
    eprintln!(
        "postgresql restarted under load: {all:?}, ready again {recovered:?} after the start, {kept} acknowledged saves kept, slowest {:?}",
        slowest(&logs)
    );
}
