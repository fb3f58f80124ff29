//! End-to-end browser test of the web application: the real server on a fresh SQLite file, driven
//! through a real headless Chromium (chromedriver + fantoccini) the way a person uses it — create an
//! assessment, add respondents, answer check sheets by mouse and keyboard, read the results in both
//! languages, import an answers file and be told where a bad one is wrong; a manager's round with
//! ten people and its next round, compared, with axe-core on every new page; a team's second round
//! from its first, each person confirming, changing or refused with drafts left.
//!
//! Needs /usr/bin/chromium and /usr/bin/chromedriver (`./scripts/test` installs them). Screenshots
//! of the check sheet and the results go to `target/screenshots/`, and also to `docs/screenshots/`
//! when `ISOMM_UPDATE_SCREENSHOTS=1`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, Lang, evaluate};
use isomm_web::{Application, Config, ConnectionLimits, Settings};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// How long a wait lasts before the test fails, and how often the condition is checked.
const WAIT: Duration = Duration::from_secs(10);
const TICK: Duration = Duration::from_millis(100);

/// The status text of a role card once its answer is saved (Japanese, the default language).
const SAVED: &str = "保存しました";
const ORGANIZATION: &str = "東都テスト株式会社 SOC";
const TITLE: &str = "2026年度 ブラウザテスト";
const NOTE: &str = "取締役会で方針を改定、CISO承認済み";

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

/// The application, serving on a free loopback port from a database in its own temporary directory.
struct Server {
    addr: SocketAddr,
    /// The one-time link that creates the first admin (the database has no account yet).
    setup: String,
    dir: tempfile::TempDir,
    _db: isomm_store::testing::Fresh,
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().expect("a temporary directory for downloads");
        let db = isomm_store::testing::Fresh::from_env();
        let config = Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: db.url.clone(),
            // A smaller allowance of writes per link than the default (30, then 5 a second), so
            // that a person typing fast meets it and the page's waiting is seen to work.
            settings: Settings {
                link_writes: isomm_web::base::throttle::Rate {
                    burst: 10.0,
                    per_second: 2.0,
                },
                ..Settings::default()
            },
            connections: ConnectionLimits::default(),
            database: isomm_store::DbOptions::default(),
        };
        let app = Application::build(config, Catalog::builtin().clone())
            .await
            .expect("the application starts");
        let addr = app.local_addr();
        let setup = app
            .setup_link(&format!("http://{addr}"))
            .expect("a setup link: the database has no account");
        tokio::spawn(app.run());
        Server {
            addr,
            setup,
            dir,
            _db: db,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A plain GET outside the browser, with the browser's session cookie: the status and the
    /// body.
    async fn get(&self, c: &Client, path: &str) -> (u16, String) {
        let (status, body) = self.get_bytes(c, path).await;
        let body = String::from_utf8(body).unwrap_or_else(|_| panic!("GET {path}: not UTF-8"));
        (status, body)
    }

    /// [`Server::get`] of a file that is not text (a PDF).
    async fn get_bytes(&self, c: &Client, path: &str) -> (u16, Vec<u8>) {
        let session = c
            .get_named_cookie("isomm_session")
            .await
            .expect("the browser's session cookie")
            .value()
            .to_string();
        let (addr, path) = (self.addr, path.to_string());
        tokio::task::spawn_blocking(move || {
            http(addr, "GET", &path, &format!("isomm_session={session}"))
                .unwrap_or_else(|e| panic!("GET {path}: {e}"))
        })
        .await
        .expect("the GET task")
    }
}

/// One HTTP/1.1 request without a body: the status and the body of the response, read up to its
/// Content-Length (chromedriver keeps the connection open) or else to the end.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: &str,
) -> std::io::Result<(u16, Vec<u8>)> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(WAIT))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let (head, body_start) = loop {
        let n = stream.read(&mut buffer)?;
        raw.extend_from_slice(&buffer[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break (String::from_utf8_lossy(&raw[..end]).into_owned(), end + 4);
        }
        if n == 0 {
            return Err(bad("the connection closed before the end of the head"));
        }
    };
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    });
    loop {
        if length.is_some_and(|l| raw.len() >= body_start + l) {
            break;
        }
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buffer[..n]);
    }
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return Err(bad("a chunked response"));
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let end = length.map_or(raw.len(), |l| (body_start + l).min(raw.len()));
    Ok((status, raw[body_start..end].to_vec()))
}

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

/// A chromedriver child process and the temporary directory that holds Chromium's profile and
/// chromedriver's log. On drop (also when the test fails midway) it ends its browser session, so that
/// chromedriver closes Chromium, then kills chromedriver by its id.
struct Driver {
    child: Child,
    port: u16,
    session: Option<String>,
    work: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(session) = &self.session {
            // Already gone after `Client::close`: then chromedriver answers 404, which is fine.
            let driver = SocketAddr::from(([127, 0, 0, 1], self.port));
            let _ = http(driver, "DELETE", &format!("/session/{session}"), "");
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn log(&self) -> String {
        std::fs::read_to_string(self.work.path().join("chromedriver.log")).unwrap_or_default()
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Starts chromedriver on a free port and opens a headless Chromium session through it.
async fn start_browser() -> (Driver, Client) {
    assert!(
        Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
        "the browser tests need {CHROMIUM} and {CHROMEDRIVER}, which are not installed: run \
         ./scripts/test (it installs chromium, chromium-driver and fonts-noto-cjk), or \
         `apt-get install -y chromium chromium-driver fonts-noto-cjk`"
    );
    let work = tempfile::tempdir().expect("a temporary directory for the browser");
    let profile = work.path().join("profile");
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg(format!(
            "--log-path={}",
            work.path().join("chromedriver.log").display()
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
    let mut driver = Driver {
        child,
        port,
        session: None,
        work,
    };

    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--window-size=1280,900",
                // A Japanese user's browser: pages follow Accept-Language until one is chosen.
                "--lang=ja",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": { "intl.accept_languages": "ja,en" },
        }
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        unreachable!("the capabilities are an object")
    };
    let webdriver = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + WAIT;
    loop {
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&webdriver)
            .await;
        match attempt {
            Ok(client) => {
                driver.session = client.session_id().await.ok().flatten();
                return (driver, client);
            }
            Err(e) => {
                if let Ok(Some(status)) = driver.child.try_wait() {
                    panic!("chromedriver exited ({status}) before a session was opened: {e}");
                }
                if Instant::now() >= deadline {
                    panic!(
                        "no WebDriver session on {webdriver} after {WAIT:?}: {e}\n\
                         chromedriver log:\n{}",
                        driver.log()
                    );
                }
                tokio::time::sleep(TICK).await;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Waiting and reading the page
// ---------------------------------------------------------------------------------------------

/// Checks `probe` every 100 ms until it gives `Ok`; after 10 s, fails with what was awaited and
/// what was last seen instead.
async fn poll<T>(what: &str, mut probe: impl AsyncFnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        match probe().await {
            Ok(v) => return v,
            Err(seen) if Instant::now() >= deadline => {
                panic!("timed out after {WAIT:?} waiting for {what}; last seen: {seen}")
            }
            Err(_) => tokio::time::sleep(TICK).await,
        }
    }
}

fn css(selector: &str) -> Locator<'_> {
    Locator::Css(selector)
}

/// The element, waited for.
async fn find(c: &Client, selector: &str) -> fantoccini::elements::Element {
    poll(&format!("an element {selector}"), async || {
        c.find(css(selector)).await.map_err(|e| e.to_string())
    })
    .await
}

async fn click(c: &Client, selector: &str) {
    find(c, selector)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {selector}: {e}"));
}

async fn type_into(c: &Client, selector: &str, text: &str) {
    find(c, selector)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("cannot type into {selector}: {e}"));
}

/// The visible text of an element, trimmed.
async fn text(c: &Client, selector: &str) -> Result<String, String> {
    let element = c.find(css(selector)).await.map_err(|e| e.to_string())?;
    let text = element.text().await.map_err(|e| e.to_string())?;
    Ok(text.trim().to_string())
}

/// Waits until the element's text is exactly `expected`.
async fn wait_text(c: &Client, selector: &str, expected: &str) {
    poll(&format!("{selector} to read {expected:?}"), async || {
        let seen = text(c, selector).await?;
        if seen == expected {
            Ok(())
        } else {
            Err(format!("{seen:?}"))
        }
    })
    .await
}

/// Waits until the element's text contains every one of `parts`; gives the text.
async fn wait_text_containing(c: &Client, selector: &str, parts: &[&str]) -> String {
    poll(&format!("{selector} to contain {parts:?}"), async || {
        let seen = text(c, selector).await?;
        if parts.iter().all(|p| seen.contains(p)) {
            Ok(seen)
        } else {
            Err(format!("{seen:?}"))
        }
    })
    .await
}

/// Waits until `selector` matches exactly `n` elements.
async fn wait_count(c: &Client, selector: &str, n: usize) {
    poll(&format!("{n} elements {selector}"), async || {
        let found = c
            .find_all(css(selector))
            .await
            .map_err(|e| e.to_string())?
            .len();
        if found == n {
            Ok(())
        } else {
            Err(format!("{found} elements"))
        }
    })
    .await
}

async fn count(c: &Client, selector: &str) -> usize {
    c.find_all(css(selector))
        .await
        .unwrap_or_else(|e| panic!("cannot look for {selector}: {e}"))
        .len()
}

/// Waits until the browser is on a page whose path satisfies `accept`; gives the path.
async fn wait_path(c: &Client, what: &str, accept: impl Fn(&str) -> bool) -> String {
    poll(&format!("the browser to be on {what}"), async || {
        let url = c.current_url().await.map_err(|e| e.to_string())?;
        let ready = c
            .execute("return document.readyState", vec![])
            .await
            .map_err(|e| e.to_string())?;
        if accept(url.path()) && ready == "complete" {
            Ok(url.path().to_string())
        } else {
            Err(format!("{url} ({ready})"))
        }
    })
    .await
}

/// The value of the checked radio button named `name`, if any.
async fn checked(c: &Client, name: &str) -> Option<String> {
    let selector = format!(r#"input[name="{name}"]:checked"#);
    match c.find(css(&selector)).await {
        Ok(input) => input.attr("value").await.expect("the value of a radio"),
        Err(_) => None,
    }
}

async fn attr(c: &Client, selector: &str, name: &str) -> Option<String> {
    find(c, selector)
        .await
        .attr(name)
        .await
        .unwrap_or_else(|e| panic!("cannot read {name} of {selector}: {e}"))
}

/// The id in a path `/assessments/{id}`.
/// axe-core, the accessibility checker, as `scripts/test` installs it from the npm registry (or
/// where `ISOMM_AXE_JS` says). The test fails, never skips, without it.
fn axe_source() -> String {
    let path = std::env::var_os("ISOMM_AXE_JS").map_or_else(
        || {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/axe/node_modules/axe-core/axe.min.js")
        },
        std::path::PathBuf::from,
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read axe-core at {} ({e}): the browser test checks the pages for WCAG \
             A/AA violations with it; run ./scripts/test, which installs it \
             (npm install --prefix target/axe axe-core)",
            path.display()
        )
    })
}

/// Runs axe-core on the current page and gives its WCAG 2.x A and AA violations, one line each
/// (rule, impact and the elements).
async fn accessibility_violations(c: &Client, axe: &str) -> Vec<String> {
    c.execute(axe, vec![])
        .await
        .unwrap_or_else(|e| panic!("cannot load axe-core into the page: {e}"));
    let found = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
  .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => v.id + " (" +
      v.impact + "): " + v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(" | ")) }))
  .catch(e => done({ passes: 0, violations: ["axe-core failed: " + e] }));"#,
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
    // A run that checked nothing proves nothing.
    let passes = found["passes"].as_u64().unwrap_or(0);
    assert!(passes > 10, "axe-core checked too little: {found}");
    println!("axe-core: {passes} rules passed");
    serde_json::from_value(found["violations"].clone()).expect("axe-core's violations as strings")
}

fn assessment_id(path: &str) -> Option<i64> {
    path.strip_prefix("/assessments/")?.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// The check sheet
// ---------------------------------------------------------------------------------------------

/// The definition the sheet shows for a level on a side ("in" or "out"), in Japanese.
fn definition(side: &str, level: usize) -> String {
    let d = &Catalog::builtin().levels()[level];
    let text = if side == "in" {
        &d.insource
    } else {
        &d.outsource
    };
    format!("{level}: {}", text.get(Lang::Ja))
}

/// Clicks the level button of a role's side and waits for the autosave: the status of the role, the
/// progress counter and the definition beside the choice.
async fn answer(c: &Client, role: &str, side: &str, level: usize, answered: usize) {
    let fieldset = format!(r#"#role-{role} fieldset[data-side="{side}"]"#);
    let before = text(c, "#answered").await.expect("the progress counter");
    click(
        c,
        &format!(r#"{fieldset} label.choice:has(input[value="{level}"])"#),
    )
    .await;
    wait_text(c, &format!("#role-{role} .status"), SAVED).await;
    wait_text(c, "#answered", &answered.to_string()).await;
    assert!(
        before.parse::<usize>().expect("a number") < answered,
        "the progress counter went up from {before} to {answered}"
    );
    assert_eq!(
        checked(c, &format!("{role}.{side}")).await.as_deref(),
        Some(level.to_string().as_str()),
        "{role} {side} is checked at {level}"
    );
    wait_text(
        c,
        &format!("{fieldset} .definition"),
        &definition(side, level),
    )
    .await;
}

/// Checks the answers a sheet shows after a reload: (role, side, level) and the answered count.
async fn assert_sheet(c: &Client, expected: &[(&str, &str, usize)], answered: usize) {
    find(c, "#sheet").await;
    wait_text(c, "#answered", &answered.to_string()).await;
    for (role, side, level) in expected {
        assert_eq!(
            checked(c, &format!("{role}.{side}")).await,
            Some(level.to_string()),
            "after a reload, {role} {side} is still {level}"
        );
        assert_eq!(
            text(
                c,
                &format!(r#"#role-{role} fieldset[data-side="{side}"] .definition"#)
            )
            .await
            .expect("a definition"),
            definition(side, *level),
            "after a reload, {role} {side} shows the definition of {level}"
        );
    }
    // A role that was not touched stays unanswered.
    assert_eq!(checked(c, "F-1.in").await.as_deref(), Some(""));
    assert_eq!(checked(c, "F-1.out").await.as_deref(), Some(""));
}

// ---------------------------------------------------------------------------------------------
// Screenshots
// ---------------------------------------------------------------------------------------------

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let mut dirs = vec![target.join("screenshots")];
    if std::env::var("ISOMM_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots"));
    }
    for dir in dirs {
        std::fs::create_dir_all(&dir).expect("the screenshot directory");
        let path = dir.join(name);
        std::fs::write(&path, &png).expect("write the screenshot");
        eprintln!("screenshot: {}", path.display());
    }
}

/// Resizes the window, takes the focus away and scrolls to the top, so that screenshots are
/// reproducible.
async fn frame(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height)
        .await
        .expect("resize the window");
    c.execute(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)",
        vec![],
    )
    .await
    .expect("scroll to the top");
}

// ---------------------------------------------------------------------------------------------
// The story
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium, chromedriver and axe-core (npm); ./scripts/test installs them"]
async fn a_team_assesses_itself_in_real_browsers() {
    let started = Instant::now();
    let server = Server::start().await;
    let catalog = Catalog::builtin();

    // 0. The owner: the first admin, through the one-time link `isomm serve` prints; logged in at
    //    once.
    let (owner_driver, owner) = start_browser().await;
    owner
        .goto(&server.setup)
        .await
        .expect("open the setup link");
    type_into(&owner, "#email", "owner@example.jp").await;
    type_into(&owner, "#name", "佐藤 健").await;
    type_into(&owner, "#workspace", "みなと信託銀行 SOC").await;
    type_into(&owner, "#password", "violet kettle under 42 lanterns").await;
    click(&owner, r#"#setup-form button[type="submit"]"#).await;
    wait_path(&owner, "the home page after setup", |p| p == "/").await;

    // 1. The owner invites an assessor who has no account: a one-time link, shown once.
    owner
        .goto(&server.url("/members"))
        .await
        .expect("open the members page");
    type_into(&owner, "#add-member #email", "tanaka@example.jp").await;
    find(&owner, "#add-member #access")
        .await
        .select_by_value("assessor")
        .await
        .expect("choose the access");
    click(&owner, r#"#add-member button[type="submit"]"#).await;
    let invitation = attr(&owner, "#invitation-link", "value")
        .await
        .expect("the invitation link");
    assert!(
        invitation.starts_with(&format!("http://{}/invite/", server.addr)),
        "{invitation}"
    );

    // 2. The assessor, in a browser of their own, makes their account through it.
    let (_assessor_driver, c) = start_browser().await;
    c.goto(&invitation).await.expect("open the invitation");
    assert_eq!(
        attr(&c, "#email", "value").await.as_deref(),
        Some("tanaka@example.jp")
    );
    type_into(&c, "#name", "田中 一郎").await;
    type_into(&c, "#password", "kuro-neko tabi 2026 yoru").await;
    click(&c, r#"#invitation-form button[type="submit"]"#).await;
    wait_path(&c, "the home page after joining", |p| p == "/").await;

    // 3. The assessor creates an assessment from the home page.
    find(&c, "main h1").await;
    assert_eq!(
        count(&c, "#assessments tbody tr").await,
        0,
        "no assessments yet"
    );
    click(&c, r#"main a.button.primary[href="/assessments/new"]"#).await;
    wait_path(&c, "the new assessment form", |p| p == "/assessments/new").await;
    type_into(&c, "#organization", ORGANIZATION).await;
    type_into(&c, "#title", TITLE).await;
    click(
        &c,
        r#"#current_pattern label.pattern-choice:has(input[value="minimum-insource"])"#,
    )
    .await;
    click(
        &c,
        r#"#target_pattern label.pattern-choice:has(input[value="hybrid"])"#,
    )
    .await;
    assert_eq!(
        checked(&c, "current_pattern").await.as_deref(),
        Some("minimum-insource")
    );
    assert_eq!(
        checked(&c, "target_pattern").await.as_deref(),
        Some("hybrid")
    );
    click(&c, r#"form.assessment-form button[type="submit"]"#).await;
    let path = wait_path(&c, "the new assessment's page", |p| {
        assessment_id(p).is_some()
    })
    .await;
    let id = assessment_id(&path).expect("an assessment id");
    wait_text(&c, "main h1", ORGANIZATION).await;
    wait_text_containing(&c, "dl.facts", &["ミニマムインソース", "ハイブリッド"]).await;
    assert!(text(&c, "p.lead").await.expect("the lead").contains(TITLE));

    // 4. Three respondents in different positions; each one's private link is shown once.
    let mut links = Vec::new();
    for (n, (name, position)) in [("佐藤", "manager"), ("鈴木", "staff"), ("高橋", "staff")]
        .into_iter()
        .enumerate()
    {
        type_into(&c, "#add-respondent #name", name).await;
        find(&c, "#add-respondent #position")
            .await
            .select_by_value(position)
            .await
            .expect("choose a position");
        click(&c, r#"#add-respondent button[type="submit"]"#).await;
        let link = attr(&c, "#link-0", "value")
            .await
            .expect("the respondent's link");
        assert!(
            link.starts_with(&format!("http://{}/r/", server.addr)),
            "{link}"
        );
        links.push(link);
        click(&c, "p.breadcrumb a").await;
        wait_path(&c, "the assessment's page", |p| p == path).await;
        wait_count(&c, "#respondents tbody tr", n + 1).await;
    }
    let rows = text(&c, "#respondents tbody")
        .await
        .expect("the respondents");
    for expected in [
        "佐藤",
        "管理職",
        "鈴木",
        "担当者",
        "高橋",
        "0 / 54",
        "未着手",
    ] {
        assert!(
            rows.contains(expected),
            "{expected:?} in the respondents: {rows}"
        );
    }
    let mut sheets = Vec::new();
    for link in c
        .find_all(css("#respondents tbody tr td:first-child a"))
        .await
        .expect("the respondents' sheets")
    {
        sheets.push(link.attr("href").await.expect("href").expect("a link"));
    }
    assert_eq!(sheets.len(), 3, "one sheet per respondent");

    // 5. The first respondent, in a browser of their own, through their link: levels by mouse,
    //    one by keyboard, a note; nothing but their own sheet; then they submit.
    let (first_driver, r1) = start_browser().await;
    r1.goto(&links[0]).await.expect("open 佐藤's link");
    wait_text_containing(&r1, "main h1", &["佐藤", "管理職"]).await;
    assert_eq!(
        count(&r1, r#"main a[href^="/assessments/"]"#).await,
        0,
        "no way to the assessment"
    );
    wait_text(&r1, "#answered", "0").await;
    wait_text(
        &r1,
        r#"#role-A-1 fieldset[data-side="in"] .definition"#,
        "レベルを選ぶと、その定義がここに表示されます。",
    )
    .await;
    answer(&r1, "A-1", "in", 5, 1).await;
    answer(&r1, "A-2", "in", 4, 2).await;
    answer(&r1, "B-1", "out", 3, 3).await;

    // Keyboard only: Tab from A-2's note into A-3's first group, then the arrow keys.
    let a2_note = find(&r1, "#note-A-2").await;
    a2_note
        .send_keys(&Key::Tab.to_string())
        .await
        .expect("press Tab");
    let focused = r1.active_element().await.expect("the focused element");
    assert_eq!(
        focused.attr("name").await.expect("name").as_deref(),
        Some("A-3.in"),
        "Tab leads from A-2's note to A-3's insource levels"
    );
    assert_eq!(
        focused.attr("value").await.expect("value").as_deref(),
        Some("")
    );
    let arrows = format!("{}{}{}", Key::Right, Key::Right, Key::Right);
    focused.send_keys(&arrows).await.expect("press ArrowRight");
    wait_text(&r1, "#role-A-3 .status", SAVED).await;
    wait_text(&r1, "#answered", "4").await;
    assert_eq!(checked(&r1, "A-3.in").await.as_deref(), Some("2"));
    wait_text(
        &r1,
        r#"#role-A-3 fieldset[data-side="in"] .definition"#,
        &definition("in", 2),
    )
    .await;

    // Keys 0–5 choose a level of the focused side, u clears it: A-4's insource to 4, then its
    // outsource to 3 and back to unanswered; only where the keys stop is saved.
    let a4_in = find(&r1, r#"input[name="A-4.in"][value=""]"#).await;
    r1.execute(
        "arguments[0].focus()",
        vec![serde_json::to_value(&a4_in).unwrap()],
    )
    .await
    .expect("focus A-4's insource");
    let focused = r1.active_element().await.expect("the focused element");
    focused.send_keys("4").await.expect("press 4");
    wait_text(&r1, "#role-A-4 .status", SAVED).await;
    wait_text(&r1, "#answered", "5").await;
    assert_eq!(checked(&r1, "A-4.in").await.as_deref(), Some("4"));
    let a4_out = find(&r1, r#"input[name="A-4.out"][value=""]"#).await;
    r1.execute(
        "arguments[0].focus()",
        vec![serde_json::to_value(&a4_out).unwrap()],
    )
    .await
    .expect("focus A-4's outsource");
    let focused = r1.active_element().await.expect("the focused element");
    focused.send_keys("3").await.expect("press 3");
    focused.send_keys("u").await.expect("press u");
    wait_text(&r1, "#role-A-4 .status", SAVED).await;
    assert_eq!(checked(&r1, "A-4.out").await.as_deref(), Some(""));
    // The filter hides the answered roles.
    click(&r1, "label.filter").await;
    poll("answered roles to be hidden", async || {
        let shown = r1
            .find(css("#role-A-1"))
            .await
            .map_err(|e| e.to_string())?
            .is_displayed()
            .await
            .map_err(|e| e.to_string())?;
        if shown {
            Err("A-1 still shown".into())
        } else {
            Ok(())
        }
    })
    .await;
    assert!(
        find(&r1, "#role-F-1")
            .await
            .is_displayed()
            .await
            .expect("displayed"),
        "an unanswered role stays"
    );
    click(&r1, "label.filter").await;

    // The compact table view: one line per role, like the Excel sheet, so the page is far shorter;
    // descriptions and definitions are a hover away; the choice is remembered after a reload.
    frame(&r1, 1280, 900).await;
    let height = async || -> f64 {
        r1.execute("return document.documentElement.scrollHeight", vec![])
            .await
            .expect("the page height")
            .as_f64()
            .expect("a number")
    };
    let full = height().await;
    click(&r1, "label.filter:has(#compact-view)").await;
    find(&r1, "#sheet.compact").await;
    let compact = height().await;
    assert!(
        compact < full * 0.6,
        "the table view is {compact} px tall, the cards {full} px"
    );
    assert!(
        !find(&r1, "#role-A-1 .description")
            .await
            .is_displayed()
            .await
            .expect("displayed"),
        "descriptions are hidden in the table view"
    );
    let title = find(
        &r1,
        r#"#role-A-1 fieldset[data-side="in"] label.choice:not(.none)"#,
    )
    .await
    .attr("title")
    .await
    .expect("title");
    assert_eq!(title.as_deref(), Some(definition("in", 0).as_str()));
    r1.refresh().await.expect("reload");
    find(&r1, "#sheet.compact").await;
    click(&r1, "label.filter:has(#compact-view)").await;
    poll("the card view to come back", async || {
        if count(&r1, "#sheet.compact").await == 0 {
            Ok(())
        } else {
            Err("still compact".into())
        }
    })
    .await;

    // A note, saved by itself after typing stops (the assessor's browser reads it back).
    type_into(&r1, "#note-A-1", NOTE).await;
    poll("the note to be saved on the server", async || {
        let (status, body) = server.get(&c, &sheets[0]).await;
        if status == 200 && body.contains(&format!(">{NOTE}</textarea>")) {
            Ok(())
        } else {
            Err(format!("status {status}, note not in the page"))
        }
    })
    .await;
    wait_text(&r1, "#role-A-1 .status", SAVED).await;
    assert_eq!(count(&r1, ".status.failed").await, 0, "no save failed");

    frame(&r1, 1280, 900).await;
    screenshot(&r1, "sheet.png").await;

    r1.goto(&server.url(&format!("/assessments/{id}/results")))
        .await
        .expect("try the results");
    wait_path(&r1, "the login form", |p| p == "/login").await;
    r1.goto(&links[0]).await.expect("back to the sheet");
    click(&r1, r#"#submit-form button[type="submit"]"#).await;
    find(&r1, "#submitted").await;
    assert_eq!(
        count(&r1, "#submit-form").await,
        0,
        "submitted: no second time"
    );

    // 6. The second respondent sees some roles differently (perception gaps in A-1 and A-2), in a
    //    third browser, and submits.
    let (_second_driver, r2) = start_browser().await;
    r2.goto(&links[1]).await.expect("open 鈴木's link");
    wait_text_containing(&r2, "main h1", &["鈴木", "担当者"]).await;
    wait_text(&r2, "#answered", "0").await;
    answer(&r2, "A-1", "in", 2, 1).await;
    answer(&r2, "A-2", "in", 1, 2).await;
    answer(&r2, "B-1", "out", 5, 3).await;
    assert_eq!(count(&r2, ".status.failed").await, 0, "no save failed");
    click(&r2, r#"#submit-form button[type="submit"]"#).await;
    find(&r2, "#submitted").await;

    // 7. The third respondent starts, in a fourth browser, but does not submit yet.
    let (_third_driver, r3) = start_browser().await;
    r3.goto(&links[2]).await.expect("open 高橋's link");
    wait_text_containing(&r3, "main h1", &["高橋", "担当者"]).await;
    answer(&r3, "A-1", "in", 3, 1).await;
    answer(&r3, "F-2", "out", 4, 2).await;

    // 8. The assessor: every answer kept, each sheet's state.
    c.goto(&server.url(&sheets[0]))
        .await
        .expect("open 佐藤's sheet");
    assert_sheet(
        &c,
        &[
            ("A-1", "in", 5),
            ("A-2", "in", 4),
            ("B-1", "out", 3),
            ("A-3", "in", 2),
            ("A-4", "in", 4),
        ],
        5,
    )
    .await;
    assert_eq!(
        find(&c, "#note-A-1")
            .await
            .prop("value")
            .await
            .expect("the note")
            .as_deref(),
        Some(NOTE),
        "the note is kept"
    );
    assert_eq!(checked(&c, "A-1.out").await.as_deref(), Some(""));
    c.goto(&server.url(&path))
        .await
        .expect("open the assessment");
    let rows = wait_text_containing(
        &c,
        "#respondents tbody",
        &["5 / 54", "3 / 54", "2 / 54", "提出済み", "回答中"],
    )
    .await;
    assert_eq!(
        rows.matches("提出を取り消して再開").count(),
        2,
        "two submitted sheets can be reopened: {rows}"
    );

    // 9. The results count the two submitted sheets and name the one left out; the switch
    //    counts it too.
    click(&c, "#see-results").await;
    let results = format!("/assessments/{id}/results");
    wait_path(&c, "the results", |p| p == results).await;
    let counting = wait_text_containing(&c, "#counting", &["2 / 3", "高橋"]).await;
    eprintln!("who is counted: {counting}");
    click(&c, r#"#counting a.button"#).await;
    wait_text_containing(&c, "#counting", &["3 / 3"]).await;
    // 高橋 submits; the results (submitted sheets only, the default) count all three.
    click(&r3, r#"#submit-form button[type="submit"]"#).await;
    find(&r3, "#submitted").await;
    c.goto(&server.url(&results))
        .await
        .expect("open the results");
    wait_text_containing(&c, "#counting", &["3 / 3"]).await;
    find(&c, "svg.radar").await;
    let strengths = wait_text_containing(&c, "#strengths", &["強み"]).await;
    assert!(
        strengths.contains("A."),
        "function A is among the strengths: {strengths}"
    );
    let improvements = count(&c, "#improvements li.plan-line").await;
    assert!(improvements > 0, "there are improvement points");
    // The summary comes first, the radar says what it shows, its switches sit beside it.
    let verdict = wait_text_containing(&c, "#summary #verdict", &["総合成熟度"]).await;
    assert!(verdict.contains("目標レベル 4"), "{verdict}");
    find(&c, "#radar .radar-box input[data-series-toggle=\"r0\"]").await;
    find(&c, "svg.radar > title").await;
    find(&c, "svg.radar polygon.target").await;
    let violations = accessibility_violations(&c, &axe_source()).await;
    assert!(
        violations.is_empty(),
        "axe-core finds WCAG A/AA violations on the results page:\n{}",
        violations.join("\n")
    );
    let gaps = wait_text_containing(&c, "#perception-gaps", &["A-1", "A-2"]).await;
    assert!(gaps.contains("佐藤") && gaps.contains("鈴木"), "{gaps}");
    let series = r#"svg.radar g.series[data-series="r0"]"#;
    assert_eq!(attr(&c, series, "display").await.as_deref(), Some("none"));
    click(&c, r#"input[data-series-toggle="r0"]"#).await;
    poll("the first respondent's series to be shown", async || {
        let element = c.find(css(series)).await.map_err(|e| e.to_string())?;
        match element.attr("display").await.map_err(|e| e.to_string())? {
            None => Ok(()),
            Some(d) => Err(format!("display={d:?}")),
        }
    })
    .await;
    assert_eq!(
        attr(&c, r#"svg.radar g.series[data-series="r1"]"#, "display")
            .await
            .as_deref(),
        Some("none"),
        "the other respondent's series stays hidden"
    );
    frame(&c, 1280, 1600).await;
    screenshot(&c, "results.png").await;
    c.set_window_size(1280, 900)
        .await
        .expect("resize the window");

    // 10. The same page in English, then back in Japanese.
    click(&c, "#lang-en").await;
    wait_text(
        &c,
        "#improvements h2",
        "Improvement points toward the target",
    )
    .await;
    wait_path(&c, "the results in English", |p| p == results).await;
    assert_eq!(attr(&c, "html", "lang").await.as_deref(), Some("en"));
    wait_text_containing(&c, "#strengths", &["Relative strengths"]).await;
    click(&c, "#lang-ja").await;
    wait_text(&c, "#improvements h2", "将来に向けての改善点").await;
    assert_eq!(attr(&c, "html", "lang").await.as_deref(), Some("ja"));

    // 11. The assessor shares the combined results; a respondent who submitted sees them through
    //     their link: totals, no names or notes.
    c.goto(&server.url(&path))
        .await
        .expect("open the assessment");
    click(&c, r#"#share button[type="submit"]"#).await;
    wait_text_containing(&c, "#share", &["自分のリンクから見られます"]).await;
    r1.goto(&links[0]).await.expect("reopen 佐藤's link");
    click(&r1, "#see-shared").await;
    find(&r1, "svg.radar").await;
    let shared = text(&r1, "main").await.expect("the combined results");
    assert!(shared.contains("全体の結果"), "{shared}");
    for private in ["鈴木", "高橋", NOTE] {
        assert!(
            !shared.contains(private),
            "{private} is not shown: {shared}"
        );
    }

    // 12. Import an answers file: the stored assessment gives the same result as the file.
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/hybrid-soc-mssp.toml")
        .canonicalize()
        .expect("the example file");
    c.goto(&server.url("/assessments/import"))
        .await
        .expect("open the import form");
    type_into(&c, "#file", &example.display().to_string()).await;
    click(&c, r#"#import-form button[type="submit"]"#).await;
    let imported = wait_path(&c, "the imported assessment's page", |p| {
        assessment_id(p).is_some_and(|i| i != id)
    })
    .await;
    wait_text(&c, "main h1", "みなと信託銀行 SOC").await;
    wait_count(&c, "#respondents tbody tr", 3).await;
    // Respondents of an imported file arrive complete: submitted.
    let rows = wait_text_containing(&c, "#respondents tbody", &["提出済み"]).await;
    assert_eq!(rows.matches("提出済み").count(), 3, "{rows}");
    let (status, body) = server.get(&c, &format!("{imported}/result.json")).await;
    assert_eq!(status, 200, "result.json: {body}");
    let got: serde_json::Value = serde_json::from_str(&body).expect("result.json is JSON");
    let source = std::fs::read_to_string(&example).expect("read the example");
    let assessment = answers::parse(&source, AnswersFormat::Toml, catalog, &Overrides::default())
        .expect("the example parses");
    let mut expected = Vec::new();
    isomm_report::write_json(
        &mut expected,
        catalog,
        &assessment,
        &evaluate(catalog, &assessment),
        isomm_report::PlanOptions::default(),
    )
    .expect("the expected result");
    let expected: serde_json::Value = serde_json::from_slice(&expected).expect("JSON");
    assert_eq!(
        got, expected,
        "the imported assessment's result.json equals `isomm` on the same file"
    );

    // 13. A bad file: the form again, with the place of the error, and nothing imported.
    let bad = server.dir.path().join("bad-level.toml");
    std::fs::write(
        &bad,
        "format = \"isomm-answers/1\"\n\
         model = \"isomm-2.1\"\n\
         organization = \"壊れた例\"\n\
         title = \"レベル7の回答\"\n\
         current_pattern = \"hybrid\"\n\
         target_pattern = \"hybrid\"\n\
         target_level = 4\n\
         \n\
         [[respondents]]\n\
         name = \"田中\"\n\
         position = \"staff\"\n\
         \n\
         [respondents.answers]\n\
         \"A-1\" = { insource = 7 }\n",
    )
    .expect("write the bad file");
    c.goto(&server.url("/assessments/import"))
        .await
        .expect("open the import form");
    type_into(&c, "#file", &bad.display().to_string()).await;
    click(&c, r#"#import-form button[type="submit"]"#).await;
    let error =
        wait_text_containing(&c, "#file-error", &["bad-level.toml", "A-1", "14 行目"]).await;
    assert_eq!(
        c.current_url().await.expect("the url").path(),
        "/assessments/import",
        "the form is shown again: {error}"
    );
    eprintln!("the bad file's error: {error}");
    assert_eq!(
        attr(&c, "#file", "aria-invalid").await.as_deref(),
        Some("true")
    );
    c.goto(&server.url("/")).await.expect("open the home page");
    wait_count(&c, "#assessments tbody tr", 2).await;
    let list = text(&c, "#assessments tbody").await.expect("the list");
    assert!(
        list.contains(ORGANIZATION) && list.contains("みなと信託銀行 SOC"),
        "{list}"
    );
    assert!(
        !list.contains("壊れた例"),
        "the bad file made no assessment: {list}"
    );

    // 14. The owner reads what happened in the audit log.
    owner
        .goto(&server.url("/audit"))
        .await
        .expect("open the audit log");
    let log = text(&owner, "main").await.expect("the audit log");
    for action in [
        "invitation.create",
        "invitation.accept",
        "assessment.create",
        "respondent.add",
        "answer.save",
        "sheet.submit",
        "assessment.share",
        "assessment.import",
    ] {
        assert!(log.contains(action), "{action} in the audit log: {log}");
    }

    // 15. Printed, the sheet is a paper form: the roles and levels, no menu or buttons.
    c.set_window_size(1280, 900)
        .await
        .expect("resize the window");
    c.goto(&server.url(&sheets[1]))
        .await
        .expect("open 鈴木's sheet");
    find(&c, "#sheet").await;
    let pdf = c
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("print the sheet");
    let printed = server.dir.path().join("sheet.pdf");
    if let Ok(keep) = std::env::var("ISOMM_KEEP_PRINT") {
        std::fs::write(&keep, &pdf).expect("keep the printed sheet");
    }
    std::fs::write(&printed, &pdf).expect("write the printed sheet");
    let text = std::process::Command::new("pdftotext")
        .arg(&printed)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/test)");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "鈴木",
        "A-1",
        "I-",
        "インソース",
        "アウトソース",
        "チェックのしかた",
    ] {
        assert!(text.contains(expected), "{expected:?} on paper: {text}");
    }
    for absent in ["ログアウト", "まとめて保存", "Excel でオフライン記入"] {
        assert!(!text.contains(absent), "{absent:?} is not printed: {text}");
    }

    // 16. On a phone (390 px wide), no page scrolls sideways.
    let mut wide = Vec::new();
    for (browser, path) in [
        (&c, "/".to_string()),
        (&c, "/catalog".to_string()),
        (&c, path.clone()),
        (&c, results.clone()),
        (&c, sheets[1].clone()),
        (&c, "/assessments/new".to_string()),
        (&c, "/assessments/import".to_string()),
        (&c, "/account".to_string()),
        (&owner, "/members".to_string()),
        (&owner, "/audit".to_string()),
        (&owner, "/admin".to_string()),
    ]
    .into_iter()
    .chain(links.iter().map(|l| (&r1, l.clone())))
    {
        browser
            .set_window_size(390, 844)
            .await
            .expect("a phone-sized window");
        let url = if path.starts_with("http") {
            path.clone()
        } else {
            server.url(&path)
        };
        browser.goto(&url).await.expect("open the page");
        find(browser, "main").await;
        let sizes = browser
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth]",
                vec![],
            )
            .await
            .expect("the page's widths");
        let (scroll, inner) = (
            sizes[0].as_u64().unwrap_or(0),
            sizes[1].as_u64().unwrap_or(0),
        );
        if scroll > inner {
            wide.push(format!("{path}: {scroll} > {inner}"));
        }
        if path == sheets[1] {
            frame(browser, 390, 844).await;
            screenshot(browser, "sheet-phone.png").await;
        }
    }
    assert!(wide.is_empty(), "pages wider than the phone: {wide:?}");

    // 17. Someone typing fast, 40 keys a second, on a sheet of their own (added now, so that
    //     nothing above counts it): a one-letter note into each role and on with Tab, 20 saves a
    //     second, more than one link may make (the server here allows 10 at once, then 2 a
    //     second). The server asks the page to wait (429); the page waits and sends again: nothing
    //     lost, nothing failed.
    c.set_window_size(1280, 900)
        .await
        .expect("a desktop window");
    c.goto(&server.url(&path))
        .await
        .expect("the assessment's page");
    type_into(&c, "#add-respondent #name", "伊藤").await;
    click(&c, r#"#add-respondent button[type="submit"]"#).await;
    let fast_link = attr(&c, "#link-0", "value")
        .await
        .expect("the respondent's link");
    r1.set_window_size(1280, 900)
        .await
        .expect("a desktop window");
    r1.goto(&fast_link).await.expect("open the new sheet");
    let roles: Vec<String> = Catalog::builtin()
        .roles()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let typing = tokio::time::Instant::now();
    for (i, role) in roles.iter().enumerate() {
        // Two keys every 50 ms.
        tokio::time::sleep_until(typing + Duration::from_millis(50 * i as u64)).await;
        let note = find(&r1, &format!("#note-{role}")).await;
        note.send_keys(&format!("x{}", Key::Tab))
            .await
            .expect("type a key");
    }
    // The page sends again as the allowance comes back: about 25 seconds at 2 a second.
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let fast_path = fast_link.trim_start_matches(&format!("http://{}", server.addr));
        let (status, body) = server.get(&c, fast_path).await;
        let saved = body.matches(">x</textarea>").count();
        if status == 200 && saved == roles.len() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "status {status}, {saved} of {} notes saved",
            roles.len()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    for role in &roles {
        wait_text(&r1, &format!("#role-{role} .status"), SAVED).await;
    }
    assert_eq!(count(&r1, ".status.failed").await, 0, "no fast save failed");
    let waited = attr(&r1, "#sheet", "data-waited").await.unwrap_or_default();
    assert!(
        waited.parse::<u32>().is_ok_and(|n| n > 0),
        "the server asked the page to wait, and it did: {waited:?}"
    );

    for browser in [owner, c, r1, r2, r3] {
        browser.close().await.expect("close the browser");
    }
    drop((owner_driver, first_driver));
    eprintln!("e2e story: {:.1} s", started.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------------------------
// A round with a team (issue 22)
// ---------------------------------------------------------------------------------------------

/// The id of the element that has the focus.
async fn focused(c: &Client) -> String {
    c.execute(
        "const e = document.activeElement; return e.id || e.name || e.className || ''",
        vec![],
    )
    .await
    .expect("the focused element")
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Presses keys, as a person does, into whatever has the focus (WebDriver's key actions: no
/// element is targeted, so a visually hidden radio button takes them as it would from a keyboard).
async fn press(c: &Client, keys: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys.chars() {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    c.perform_actions(actions).await.expect("press keys");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium, chromedriver and axe-core (npm); ./scripts/test installs them"]
async fn a_manager_runs_a_round_with_ten_people() {
    let server = Server::start().await;
    let tokyo = isomm_core::zone::Zone::default();
    let day = |days: i64| tokyo.today(isomm_store::now() + days * 86_400);
    let axe = axe_source();

    // The manager: the first admin, with an assessment that is due in a week.
    let (_manager_driver, m) = start_browser().await;
    m.goto(&server.setup).await.expect("open the setup link");
    type_into(&m, "#email", "manager@example.jp").await;
    type_into(&m, "#name", "山本 真理").await;
    type_into(&m, "#workspace", "東都 CSIRT").await;
    type_into(&m, "#password", "violet kettle under 42 lanterns").await;
    click(&m, r#"#setup-form button[type="submit"]"#).await;
    wait_path(&m, "the home page", |p| p == "/").await;
    m.goto(&server.url("/assessments/new"))
        .await
        .expect("the form");
    type_into(&m, "#organization", "東都 CSIRT").await;
    type_into(&m, "#title", "2026年度 第1回").await;
    let due = day(7);
    // A date field takes the date as the browser's locale types it: set its value directly.
    m.execute(
        "document.getElementById('deadline').value = arguments[0]",
        vec![serde_json::json!(due)],
    )
    .await
    .expect("set the deadline");
    click(&m, r#"form.assessment-form button[type="submit"]"#).await;
    let path = wait_path(&m, "the assessment's page", |p| assessment_id(p).is_some()).await;
    let id = assessment_id(&path).expect("an assessment id");
    wait_text_containing(&m, "#deadline", &[&due, "Asia/Tokyo", "あと 7 日"]).await;

    // Ten people in one form.
    let people: Vec<(String, &str)> = (1..=10)
        .map(|i| {
            let position = ["管理職", "リーダー", "担当者", "担当者", "担当者"][i % 5];
            (format!("メンバー{i:02}"), position)
        })
        .collect();
    click(&m, "#add-many summary").await;
    let lines: String = people
        .iter()
        .map(|(name, position)| format!("{name}、{position}\n"))
        .collect();
    type_into(&m, "#lines", &lines).await;
    click(&m, r#"#add-many button[type="submit"]"#).await;
    wait_count(&m, "section.new-link", 10).await;
    frame(&m, 1100, 900).await;
    screenshot(&m, "links.png").await;
    // A message per person, ready to send: who asks, by when, who sees, the link.
    let mut links = Vec::new();
    for (i, (name, _)) in people.iter().enumerate() {
        let link = attr(&m, &format!("#link-{i}"), "value")
            .await
            .expect("a link");
        let message = find(&m, &format!("#message-{i}"))
            .await
            .prop("value")
            .await
            .expect("the message")
            .unwrap_or_default();
        for part in [
            format!("{name} さん"),
            format!("回答期限: {due} の終わりまで（Asia/Tokyo）"),
            "山本 真理 をはじめ評価の担当者が、あなたの名前とともに見ます".to_string(),
            link.clone(),
        ] {
            assert!(message.contains(&part), "{part:?} in {message}");
        }
        links.push(link);
    }
    // Copy all: the whole text is selected for the clipboard (headless Chromium has none to read).
    click(&m, r#"#all-messages button.copy[data-copy="all"]"#).await;
    assert_eq!(focused(&m).await, "all");
    let selected = m
        .execute(
            "const a = document.getElementById('all'); return [a.selectionStart, a.selectionEnd, a.value.length]",
            vec![],
        )
        .await
        .expect("the selection");
    assert_eq!(selected[0], 0);
    assert_eq!(selected[1], selected[2], "everything is selected");
    let all = find(&m, "#all")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        links.iter().all(|l| all.contains(l)),
        "every link in the text to paste"
    );
    // The other language is behind a switch.
    click(&m, "#person-0 details.other-language summary").await;
    let english = find(&m, "#message-0-other")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(english.contains("Hello メンバー01,") && english.contains(&links[0]));
    assert_eq!(
        accessibility_violations(&m, &axe).await,
        Vec::<String>::new(),
        "the page of new links"
    );

    // Member 1 answers on a phone, by keyboard, and submits.
    let (_phone_driver, p) = start_browser().await;
    p.set_window_size(390, 844)
        .await
        .expect("a phone-sized window");
    p.goto(&links[0]).await.expect("open the link");
    find(&p, "#who-sees").await;
    wait_text_containing(&p, "#deadline", &[&due, "あと 7 日"]).await;
    // By keyboard from the top of the page: Tab reaches the skip link (shown when focused), Enter
    // follows it, and the next Tab is on the first role's levels.
    let mut tabs = 0;
    while focused(&p).await != "skip-roles" {
        press(&p, &Key::Tab.to_string()).await;
        tabs += 1;
        assert!(tabs < 40, "no skip link to the first role within 40 Tabs");
    }
    press(&p, &Key::Enter.to_string()).await;
    press(&p, &Key::Tab.to_string()).await;
    assert_eq!(
        focused(&p).await,
        "A-1.in",
        "after {tabs} Tabs and the skip link"
    );
    press(&p, "3").await;
    wait_text(&p, "#role-A-1 .status", SAVED).await;
    assert_eq!(checked(&p, "A-1.in").await.as_deref(), Some("3"));
    // The submit box counts as the progress bar does.
    wait_text(&p, "#unanswered", "53").await;
    // Tab goes on to the other side, then past the empty note to the next role.
    press(&p, &Key::Tab.to_string()).await;
    press(&p, "2").await;
    wait_text(&p, "#role-A-1 .status", SAVED).await;
    assert_eq!(checked(&p, "A-1.out").await.as_deref(), Some("2"));
    press(&p, &Key::Tab.to_string()).await;
    assert_eq!(
        focused(&p).await,
        "A-2.in",
        "the empty note of A-1 costs no Tab"
    );
    press(&p, "4").await;
    wait_text(&p, "#role-A-2 .status", SAVED).await;
    wait_text(&p, "#unanswered", "52").await;
    // Radar labels and the rest of the page fit the phone.
    let widths = p
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth]",
            vec![],
        )
        .await
        .expect("widths");
    assert!(
        widths[0].as_u64() <= widths[1].as_u64(),
        "no sideways scroll: {widths}"
    );
    click(&p, r#"#submit-form button[type="submit"]"#).await;
    find(&p, "#submitted").await;
    assert_eq!(
        attr(&p, "fieldset.sheet-lock", "disabled").await.as_deref(),
        Some("true")
    );

    // The manager opens that sheet: submitted, by whom and when, and locked until reopened.
    m.goto(&server.url(&path))
        .await
        .expect("the assessment's page");
    let sheet_path = {
        let href = attr(
            &m,
            "#respondents tbody tr:first-child td:first-child a",
            "href",
        )
        .await
        .expect("the first sheet");
        href.trim_start_matches(&format!("http://{}", server.addr))
            .to_string()
    };
    m.goto(&server.url(&sheet_path)).await.expect("the sheet");
    wait_text_containing(
        &m,
        "#submitted",
        &["提出済み", "回答者本人が提出", "JST", "提出前に戻す"],
    )
    .await;
    assert_eq!(
        attr(&m, "fieldset.sheet-lock", "disabled").await.as_deref(),
        Some("true")
    );
    // A click on a level changes nothing.
    click(
        &m,
        r#"#role-A-1 fieldset[data-side="in"] label.choice:has(input[value="5"])"#,
    )
    .await;
    assert_eq!(
        checked(&m, "A-1.in").await.as_deref(),
        Some("3"),
        "the locked sheet"
    );
    // Reopening asks first; cancelled, nothing changes.
    click(&m, r#"#submitted button[type="submit"]"#).await;
    wait_text_containing(&m, "main h1", &["メンバー01", "提出前に戻しますか"]).await;
    assert_eq!(
        accessibility_violations(&m, &axe).await,
        Vec::<String>::new(),
        "the page that asks"
    );
    click(&m, "#confirm-cancel").await;
    wait_path(&m, "the assessment's page", |p| p == path).await;
    m.goto(&server.url(&sheet_path)).await.expect("the sheet");
    find(&m, "#submitted").await;

    // The deadline passes: who is late is listed, the one who submitted is not.
    m.goto(&server.url(&format!("/assessments/{id}/edit")))
        .await
        .expect("the edit form");
    m.execute(
        "document.getElementById('deadline').value = arguments[0]",
        vec![serde_json::json!(day(-1))],
    )
    .await
    .expect("move the deadline");
    click(&m, r#"form.assessment-form button[type="submit"]"#).await;
    wait_path(&m, "the assessment's page", |p| p == path).await;
    let late = wait_text_containing(&m, "#late", &["メンバー02", "メンバー10"]).await;
    assert!(!late.contains("メンバー01"), "{late}");
    assert_eq!(count(&m, "#late li").await, 9);

    // Revoking member 2's link asks first; confirmed, their link explains itself.
    click(
        &m,
        "#respondents tbody tr:nth-child(2) form[action$=\"/link/revoke\"] button",
    )
    .await;
    wait_text_containing(&m, "main h1", &["メンバー02", "リンクを無効にしますか"]).await;
    let (_second_driver, r2) = start_browser().await;
    r2.goto(&links[1]).await.expect("open member 2's link");
    find(&r2, "#sheet").await;
    click(&m, r#"#confirm-form button[type="submit"]"#).await;
    wait_path(&m, "the assessment's page", |p| p == path).await;
    r2.goto(&links[1]).await.expect("open the revoked link");
    wait_text(&r2, "main h1", "このリンクは使えません").await;
    assert!(
        text(&r2, "main")
            .await
            .unwrap()
            .contains("新しいリンクを依頼してください"),
        "says what to do"
    );

    // The audit log finds member 1 by name, with their position.
    m.goto(&server.url("/audit")).await.expect("the audit log");
    type_into(&m, "#actor", "メンバー01").await;
    click(&m, r#"#audit-filter button[type="submit"]"#).await;
    poll("the filtered log", async || {
        let url = m.current_url().await.map_err(|e| e.to_string())?;
        let ready = m
            .execute("return document.readyState", vec![])
            .await
            .map_err(|e| e.to_string())?;
        if url.query().is_some_and(|q| q.contains("actor=")) && ready == "complete" {
            Ok(())
        } else {
            Err(format!("{url} ({ready})"))
        }
    })
    .await;
    let rows = text(&m, "#audit tbody").await.expect("the log's rows");
    assert!(
        rows.contains("メンバー01 (リーダー)"),
        "named with the position: {rows}"
    );
    assert!(rows.contains("シートの提出"), "{rows}");
    assert!(!rows.contains("メンバー02"), "{rows}");
    assert!(
        rows.contains("JST"),
        "times in the workspace's zone: {rows}"
    );

    // The results on a phone: the radar laid out for it, its labels at least 11 px tall, and
    // table headings that wrap instead of hiding behind the edge.
    m.set_window_size(390, 844)
        .await
        .expect("a phone-sized window");
    m.goto(&server.url(&format!("/assessments/{id}/results?sheets=all")))
        .await
        .expect("the results");
    find(&m, ".radar-narrow svg").await;
    let measured = m
        .execute(
            "const wide = document.querySelector('.radar-wide');
             const spans = [...document.querySelectorAll('.radar-narrow svg .labels tspan')];
             const heads = [...document.querySelectorAll('main table th')]
               .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent);
             return [getComputedStyle(wide).display,
                     Math.min(...spans.map(t => t.getBoundingClientRect().height)),
                     spans.length, heads];",
            vec![],
        )
        .await
        .expect("the radar and the tables");
    assert_eq!(
        measured[0], "none",
        "the wide radar is not shown on a phone"
    );
    let smallest = measured[1].as_f64().unwrap_or(0.0);
    assert!(
        measured[2].as_u64().unwrap_or(0) >= 9 && smallest >= 11.0,
        "radar labels on a phone: {measured}"
    );
    assert_eq!(
        measured[3],
        serde_json::json!([]),
        "headings cut: {measured}"
    );

    // The next round, started from this one: its ten people each with a new link; then both
    // rounds compared, the rounds page and the closed round, none with an accessibility
    // violation.
    m.set_window_size(1280, 900)
        .await
        .expect("a desktop window");
    m.goto(&server.url(&path))
        .await
        .expect("the assessment's page");
    find(&m, "#next-title")
        .await
        .clear()
        .await
        .expect("clear the title");
    type_into(&m, "#next-title", "2027年度 第1回").await;
    click(&m, r#"#next-round button[type="submit"]"#).await;
    wait_text_containing(&m, "main h1", &["東都 CSIRT", "次の回を始めますか"]).await;
    assert_eq!(
        accessibility_violations(&m, &axe).await,
        Vec::<String>::new(),
        "the confirmation of the next round"
    );
    click(&m, r#"#confirm-form button[type="submit"]"#).await;
    wait_text(&m, "main h1", "次の回の回答者と新しい専用リンク").await;
    wait_count(&m, "section.new-link", 10).await;
    let next = attr(&m, ".breadcrumb a", "href")
        .await
        .and_then(|href| assessment_id(&href))
        .expect("the next round's page");
    assert_ne!(next, id);
    for (url, ready, what) in [
        (
            format!("/assessments/{next}/compare/{id}"),
            "#compare-roles",
            "the comparison",
        ),
        (
            format!("/assessments/{id}"),
            "#round-closed",
            "the closed round",
        ),
        (
            format!("/assessments/{next}"),
            "#started-from",
            "the next round",
        ),
    ] {
        m.goto(&server.url(&url)).await.expect(what);
        find(&m, ready).await;
        assert_eq!(
            accessibility_violations(&m, &axe).await,
            Vec::<String>::new(),
            "{what}"
        );
    }
    let series = attr(&m, "#series-link", "href")
        .await
        .expect("the rounds page's link");
    m.goto(&server.url(&series)).await.expect("the rounds page");
    wait_count(&m, "#rounds tbody tr", 2).await;
    assert_eq!(
        accessibility_violations(&m, &axe).await,
        Vec::<String>::new(),
        "the rounds page"
    );
}

/// The next round from the last, in browsers: three people answered and submitted round 1; the
/// manager starts round 2 from their answers; one person confirms every draft with the keyboard
/// alone, one changes three roles on a phone, one is refused submission while drafts remain and
/// is taken to the next one; then the comparison and the rounds page, which a viewer reads too.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium, chromedriver and axe-core (npm); ./scripts/test installs them"]
async fn a_team_checks_itself_again_from_the_last_round() {
    let server = Server::start().await;
    let axe = axe_source();
    let (_manager_driver, m, first, links) = a_manager_with_an_assessment(
        &server,
        "2025年度",
        &["佐藤、管理職", "田中、リーダー", "鈴木、担当者"],
    )
    .await;

    // Round 1: each person answers three roles and submits.
    let (_respondent_driver, r) = start_browser().await;
    for (i, link) in links.iter().enumerate() {
        r.goto(link).await.expect("open the link");
        for (n, role) in ["A-1", "A-2", "A-3"].into_iter().enumerate() {
            answer(&r, role, "in", 2 + i, n + 1).await;
        }
        click(&r, r#"#submit-form button[type="submit"]"#).await;
        find(&r, "#submitted").await;
    }

    // The manager starts round 2 from the last: answers carried as drafts (the default).
    m.goto(&server.url(&format!("/assessments/{first}")))
        .await
        .expect("the page");
    find(&m, "#next-title")
        .await
        .clear()
        .await
        .expect("clear the title");
    type_into(&m, "#next-title", "2026年度").await;
    assert_eq!(checked(&m, "start").await.as_deref(), Some("previous"));
    click(&m, r#"#next-round button[type="submit"]"#).await;
    wait_text_containing(&m, "main h1", &["次の回を始めますか"]).await;
    click(&m, r#"#confirm-form button[type="submit"]"#).await;
    wait_count(&m, "section.new-link", 3).await;
    let mut next_links = Vec::new();
    for i in 0..3 {
        next_links.push(
            attr(&m, &format!("#link-{i}"), "value")
                .await
                .expect("a link"),
        );
    }
    let next = attr(&m, ".breadcrumb a", "href")
        .await
        .and_then(|href| assessment_id(&href))
        .expect("the next round's page");

    // 佐藤, by keyboard alone: the link to the next draft, then one key per draft.
    r.goto(&next_links[0]).await.expect("open the new link");
    wait_text(&r, "#drafts-left", "3").await;
    wait_text(&r, "#answered", "0").await;
    assert_eq!(
        accessibility_violations(&r, &axe).await,
        Vec::<String>::new(),
        "a sheet with drafts"
    );
    frame(&r, 1100, 900).await;
    r.execute(
        "document.getElementById('role-A-1').scrollIntoView({block: 'start'}); window.scrollBy(0, -70)",
        vec![],
    )
    .await
    .expect("scroll to the first draft");
    screenshot(&r, "drafts.png").await;
    let mut tabs = 0;
    while focused(&r).await != "next-draft" {
        press(&r, &Key::Tab.to_string()).await;
        tabs += 1;
        assert!(tabs < 60, "no link to the next draft within 60 Tabs");
    }
    press(&r, &Key::Enter.to_string()).await;
    press(&r, &Key::Tab.to_string()).await;
    let card = async |c: &Client| {
        c.execute(
            "const e = document.activeElement; const card = e.closest('.role-card');
             return (card ? card.id : '') + ' ' + (e.name || e.id)",
            vec![],
        )
        .await
        .expect("the focused card")
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    for (role, left) in [("A-1", "2"), ("A-2", "1"), ("A-3", "0")] {
        assert_eq!(card(&r).await, format!("role-{role} keep"));
        press(&r, &Key::Enter.to_string()).await;
        wait_text(&r, "#drafts-left", left).await;
        wait_text(&r, &format!("#role-{role} .draft-state"), "前回のまま確定").await;
        assert_eq!(
            checked(&r, &format!("{role}.in")).await.as_deref(),
            Some("2")
        );
    }
    wait_text(&r, "#answered", "3").await;
    click(&r, r#"#submit-form button[type="submit"]"#).await;
    find(&r, "#submitted").await;

    // 田中, on a phone: three roles changed by a tap each.
    let (_phone_driver, p) = start_browser().await;
    p.set_window_size(390, 844)
        .await
        .expect("a phone-sized window");
    p.goto(&next_links[1]).await.expect("open the new link");
    wait_text(&p, "#drafts-left", "3").await;
    for (n, role) in ["A-1", "A-2", "A-3"].into_iter().enumerate() {
        answer(&p, role, "in", 5, n + 1).await;
        wait_text(&p, &format!("#role-{role} .draft-state"), "変更済み").await;
    }
    wait_text(&p, "#drafts-left", "0").await;
    let widths = p
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth]",
            vec![],
        )
        .await
        .expect("widths");
    assert!(
        widths[0].as_u64() <= widths[1].as_u64(),
        "no sideways scroll: {widths}"
    );
    click(&p, r#"#submit-form button[type="submit"]"#).await;
    find(&p, "#submitted").await;

    // 鈴木 submits without looking: refused, told how many are left, and taken to the first.
    r.goto(&next_links[2]).await.expect("open the new link");
    click(&r, r#"#submit-form button[type="submit"]"#).await;
    wait_text_containing(&r, "#drafts-refused", &["3 件"]).await;
    assert_eq!(
        accessibility_violations(&r, &axe).await,
        Vec::<String>::new(),
        "the refused submission"
    );
    click(&r, "#next-draft").await;
    poll("the first draft", async || {
        let url = r.current_url().await.map_err(|e| e.to_string())?;
        (url.fragment() == Some("role-A-1"))
            .then_some(())
            .ok_or(url.to_string())
    })
    .await;

    // The comparison: 2 of 3 counted in round 2 (鈴木 has not submitted), both on one radar.
    m.goto(&server.url(&format!("/assessments/{next}/compare/{first}")))
        .await
        .expect("the comparison");
    find(&m, "#compare-roles").await;
    let page = text(&m, "main").await.expect("the page");
    assert!(
        page.contains("2025年度") && page.contains("2026年度"),
        "{page}"
    );

    // The plan of round 2 becomes items; the page passes axe-core with its forms.
    m.goto(&server.url(&format!("/assessments/{next}/plan")))
        .await
        .expect("the plan page");
    click(&m, r#"#plan-track button[name="all"]"#).await;
    find(&m, ".plan-item-form").await;
    assert_eq!(
        accessibility_violations(&m, &axe).await,
        Vec::<String>::new(),
        "the plan page, to an assessor"
    );

    // A viewer reads the comparison and the rounds page, and no sheet.
    let (_viewer_driver, v) = a_viewer_invited_by(&server, &m).await;
    v.goto(&server.url(&format!("/assessments/{next}/compare/{first}")))
        .await
        .expect("the comparison");
    find(&v, "#compare-roles").await;
    v.goto(&server.url(&format!("/assessments/{next}/results")))
        .await
        .expect("the round's results");
    let series = attr(&v, "#series-link", "href")
        .await
        .expect("the rounds page's link");
    v.goto(&server.url(&series)).await.expect("the rounds page");
    wait_count(&v, "#rounds tbody tr", 2).await;
    assert_eq!(
        accessibility_violations(&v, &axe).await,
        Vec::<String>::new(),
        "the rounds page, as a viewer"
    );
    v.goto(&server.url(&format!("/assessments/{next}/plan")))
        .await
        .expect("the plan page");
    find(&v, ".plan-facts").await;
    assert_eq!(
        count(&v, ".plan-item-form").await,
        0,
        "a viewer edits nothing"
    );
    assert_eq!(
        accessibility_violations(&v, &axe).await,
        Vec::<String>::new(),
        "the plan page, to a viewer"
    );
    let (status, _) = server
        .get(&v, &format!("/assessments/{next}/respondents/4"))
        .await;
    assert_eq!(status, 403, "a viewer opens no sheet");
}

/// The first admin (a manager of 東都 CSIRT) set up through the one-time link, in a browser of
/// their own; an assessment of `title` made on the form, with a link for each of `people`
/// ("name、position"): the browser, its driver, the assessment's id and the links.
async fn a_manager_with_an_assessment(
    server: &Server,
    title: &str,
    people: &[&str],
) -> (Driver, Client, i64, Vec<String>) {
    let (driver, m) = start_browser().await;
    m.goto(&server.setup).await.expect("open the setup link");
    type_into(&m, "#email", "manager@example.jp").await;
    type_into(&m, "#name", "山本 真理").await;
    type_into(&m, "#workspace", "東都 CSIRT").await;
    type_into(&m, "#password", "violet kettle under 42 lanterns").await;
    click(&m, r#"#setup-form button[type="submit"]"#).await;
    wait_path(&m, "the home page", |p| p == "/").await;
    m.goto(&server.url("/assessments/new"))
        .await
        .expect("the form");
    type_into(&m, "#organization", "東都 CSIRT").await;
    type_into(&m, "#title", title).await;
    click(&m, r#"form.assessment-form button[type="submit"]"#).await;
    let path = wait_path(&m, "the assessment's page", |p| assessment_id(p).is_some()).await;
    let id = assessment_id(&path).expect("an assessment id");
    click(&m, "#add-many summary").await;
    let lines: String = people.iter().map(|p| format!("{p}\n")).collect();
    type_into(&m, "#lines", &lines).await;
    click(&m, r#"#add-many button[type="submit"]"#).await;
    wait_count(&m, "section.new-link", people.len()).await;
    let mut links = Vec::new();
    for i in 0..people.len() {
        links.push(
            attr(&m, &format!("#link-{i}"), "value")
                .await
                .expect("a link"),
        );
    }
    (driver, m, id, links)
}

/// A viewer invited by `m` on the members page, who makes their account through the invitation in
/// a browser of their own: its driver and the browser, on the home page.
async fn a_viewer_invited_by(server: &Server, m: &Client) -> (Driver, Client) {
    m.goto(&server.url("/members")).await.expect("members");
    type_into(m, "#add-member #email", "viewer@example.jp").await;
    find(m, "#add-member #access")
        .await
        .select_by_value("viewer")
        .await
        .expect("choose the access");
    click(m, r#"#add-member button[type="submit"]"#).await;
    let invitation = attr(m, "#invitation-link", "value")
        .await
        .expect("the invitation link");
    let (driver, v) = start_browser().await;
    v.goto(&invitation).await.expect("open the invitation");
    type_into(&v, "#name", "閲覧 花子").await;
    type_into(&v, "#password", "kuro-neko tabi 2026 yoru").await;
    click(&v, r#"#invitation-form button[type="submit"]"#).await;
    wait_path(&v, "the home page", |p| p == "/").await;
    (driver, v)
}

/// Issue 25's story: a manager makes the plan's lines into items and gives them owners (the
/// workspace's members offered), due dates and statuses on the plan page, which saves as one
/// types and says a missing reason beside its field; the home page lists the overdue item; the
/// PDF report shows who does what by when; a viewer reads the items and cannot change them.
#[tokio::test]
#[ignore = "needs Chromium, chromedriver and axe-core (npm); ./scripts/test installs them"]
async fn a_team_follows_its_plan_on_the_plan_page() {
    let server = Server::start().await;
    let axe = axe_source();
    let (_manager_driver, m, id, links) =
        a_manager_with_an_assessment(&server, "2026年度", &["佐藤、管理職"]).await;
    let link = &links[0];
    let (_respondent_driver, r) = start_browser().await;
    r.goto(link).await.expect("open the link");
    for (n, role) in ["A-1", "A-2", "A-3"].into_iter().enumerate() {
        answer(&r, role, "in", 2, n + 1).await;
    }
    click(&r, r#"#submit-form button[type="submit"]"#).await;
    find(&r, "#submitted").await;

    // The plan's lines become items; the owner is offered from the workspace's members.
    m.goto(&server.url(&format!("/assessments/{id}/plan")))
        .await
        .expect("the plan page");
    click(&m, r#"#plan-track button[name="all"]"#).await;
    find(&m, ".plan-item-form").await;
    assert_eq!(
        count(&m, r#"#plan-owners option[value="山本 真理"]"#).await,
        1
    );
    let ids: Vec<String> = {
        let mut ids = Vec::new();
        for item in m.find_all(css(".plan-item")).await.expect("the items") {
            ids.push(item.attr("id").await.expect("an id").expect("an id"));
        }
        ids
    };
    assert!(ids.len() >= 3, "{ids:?}");
    let (first, second) = (
        format!(r#"[id="{}"]"#, ids[0]),
        format!(r#"[id="{}"]"#, ids[1]),
    );
    let first_key = ids[0].trim_start_matches("item-").to_string();

    // Typed and chosen, saved without a button: an owner, a due date already past, in progress.
    type_into(&m, &format!(r#"{first} input[name="owner"]"#), "鈴木 一郎").await;
    type_into(&m, &format!(r#"{first} input[name="due"]"#), "2020-01-31").await;
    find(&m, &format!(r#"{first} select[name="status"]"#))
        .await
        .select_by_value("in_progress")
        .await
        .expect("choose the status");
    wait_text(&m, &format!("{first} .status"), SAVED).await;
    poll(
        "the item saved with its owner, due date and status",
        async || {
            let (_, csv) = server.get(&m, &format!("/assessments/{id}/plan.csv")).await;
            let row = csv
                .lines()
                .find(|l| l.starts_with(&first_key))
                .unwrap_or_default()
                .to_string();
            if row.contains(",鈴木 一郎,2020-01-31,in_progress,") {
                Ok(())
            } else {
                Err(row)
            }
        },
    )
    .await;

    // "Won't do" without a reason: refused, said beside the reason; typing one saves it.
    find(&m, &format!(r#"{second} select[name="status"]"#))
        .await
        .select_by_value("wont_do")
        .await
        .expect("choose the status");
    wait_text_containing(&m, &format!("{second} .field.invalid p.error"), &["理由"]).await;
    type_into(
        &m,
        &format!(r#"{second} input[name="reason"]"#),
        "MSSP の契約で対応",
    )
    .await;
    find(&m, &format!(r#"{second} textarea[name="note"]"#))
        .await
        .click()
        .await
        .expect("leave the reason");
    wait_text(&m, &format!("{second} .status"), SAVED).await;
    assert_eq!(count(&m, &format!("{second} .field.invalid")).await, 0);

    // Opened again: as saved, the overdue item marked; the page passes axe-core.
    m.goto(&server.url(&format!("/assessments/{id}/plan")))
        .await
        .expect("the plan page again");
    find(&m, "#plan-overdue").await;
    assert_eq!(
        attr(&m, &format!(r#"{first} input[name="owner"]"#), "value")
            .await
            .as_deref(),
        Some("鈴木 一郎")
    );
    assert_eq!(
        attr(&m, &format!(r#"{second} input[name="reason"]"#), "value")
            .await
            .as_deref(),
        Some("MSSP の契約で対応")
    );
    assert_eq!(
        accessibility_violations(&m, &axe).await,
        Vec::<String>::new(),
        "the plan page with its items, to an assessor"
    );
    frame(&m, 1280, 1000).await;
    screenshot(&m, "plan.png").await;

    // The home page lists the overdue item.
    m.goto(&server.url("/")).await.expect("the home page");
    wait_text_containing(&m, "#overdue-items", &["鈴木 一郎", "2020-01-31"]).await;

    // The PDF report shows who does what by when.
    let (status, pdf) = server
        .get_bytes(&m, &format!("/assessments/{id}/report.pdf"))
        .await;
    assert_eq!(status, 200);
    let file = server.dir.path().join("plan-report.pdf");
    std::fs::write(&file, &pdf).expect("write the PDF");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/test)");
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for expected in ["鈴木一郎", "対応中", "2020-01-31", "実施しない"] {
        assert!(text.contains(expected), "{expected} in the PDF: {text}");
    }

    // A viewer reads the items and cannot change them.
    let (_viewer_driver, v) = a_viewer_invited_by(&server, &m).await;
    v.goto(&server.url(&format!("/assessments/{id}/plan")))
        .await
        .expect("the plan page");
    wait_text_containing(&v, "main", &["鈴木 一郎", "MSSP の契約で対応"]).await;
    assert_eq!(count(&v, ".plan-item-form").await, 0, "no form to a viewer");
    assert_eq!(count(&v, "#plan-upload").await, 0, "no upload to a viewer");
    let refused = v
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
fetch(arguments[0], { method: "POST", credentials: "same-origin",
  headers: { "x-csrf-token": csrf, "accept": "application/json",
             "content-type": "application/x-www-form-urlencoded" },
  body: "title=x&status=done&target_level=4" }).then(r => done(r.status));"#,
            vec![serde_json::json!(format!(
                "/assessments/{id}/plan/items/{first_key}"
            ))],
        )
        .await
        .expect("the viewer's request");
    assert_eq!(refused, serde_json::json!(403), "a viewer changes nothing");
    let (_, csv) = server.get(&m, &format!("/assessments/{id}/plan.csv")).await;
    assert!(csv.contains(",鈴木 一郎,2020-01-31,in_progress,"));
}
