//! What the tests of `isomm` as a process share: starting `isomm serve` and reading the port it
//! prints, one-shot HTTP requests, a CSRF token, and a keep-alive client for load.
#![allow(dead_code)] // each test binary uses a part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `isomm serve` on an SQLite file, on a free port, and reads the port from the line it
/// prints.
pub fn serve(database: &std::path::Path) -> Server {
    serve_with(database, &[])
}

/// One HTTP/1.1 request; returns the status, the headers and the body.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// The account every server of these tests has ([`add_owner`]).
pub const OWNER: &str = "owner@example.jp";
pub const PASSWORD: &str = "violet kettle under 42 lanterns";

/// Adds the owner account (of the workspace "Test SOC") to a database with `isomm user add`,
/// unless it is there already.
pub fn add_owner(url: &str) {
    let output = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args([
            "user",
            "add",
            OWNER,
            "--name",
            "Owner",
            "--workspace",
            "Test SOC",
        ])
        .args(["--access", "owner", "--database-url", url])
        .env("ISOMM_PASSWORD", PASSWORD)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run isomm user add");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() || said.contains("already has an account"),
        "isomm user add: {said}"
    );
}

/// Logs the owner in through the login form: the `Cookie` header value of the session and the
/// form field with its CSRF token.
pub fn token(port: u16) -> (String, String) {
    let (_, head, _) = http(port, "GET", "/login", "", "");
    let anonymous = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: isomm_csrf="))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("a token cookie: {head}"))
        .to_string();
    let form = format!(
        "csrf={anonymous}&email={}&password={}",
        OWNER.replace('@', "%40"),
        PASSWORD.replace(' ', "+")
    );
    let (status, head, body) = http(
        port,
        "POST",
        "/login",
        &format!("isomm_csrf={anonymous}"),
        &form,
    );
    assert_eq!(status, 303, "log in: {head}{body}");
    let session = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .filter(|v| v.starts_with("isomm_session="))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("a session cookie: {head}"))
        .to_string();
    let (_, _, page) = http(port, "GET", "/catalog", &session, "");
    let token = page
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page's CSRF token")
        .to_string();
    (session, format!("csrf={token}"))
}

/// Starts `isomm serve` with extra options on a fresh database.
pub fn serve_with(database: &std::path::Path, extra: &[&str]) -> Server {
    ready(start_on(&format!("sqlite://{}", database.display()), extra))
}

/// Starts `isomm serve` on a database URL (and extra options) without waiting for it; [`ready`]
/// reads its port.
pub fn start_on(url: &str, extra: &[&str]) -> Child {
    add_owner(url);
    Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", url])
        .args(extra)
        .env("RUST_LOG", "warn")
        // The start line is read below, in English.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start isomm serve")
}

pub fn ready(mut child: Child) -> Server {
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("isomm: open http://127.0.0.1:"), "{line}");
    let port = line["isomm: open http://127.0.0.1:".len()..]
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    Server { child, port }
}

/// A keep-alive HTTP/1.1 connection for load: one request at a time, reconnecting after an error.
pub struct Client {
    port: u16,
    stream: Option<BufReader<TcpStream>>,
    timeout: Duration,
}

impl Client {
    pub fn new(port: u16, timeout: Duration) -> Client {
        Client {
            port,
            stream: None,
            timeout,
        }
    }

    /// Sends a form POST (or a GET when `body` is empty and `method` says so) and reads the
    /// answer: the status and the body. Any error (refused, reset, timed out, malformed) drops the
    /// connection; the next request opens a new one.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        cookie: &str,
        body: &str,
    ) -> std::io::Result<(u16, String)> {
        let result = self.try_request(method, path, cookie, body);
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    fn try_request(
        &mut self,
        method: &str,
        path: &str,
        cookie: &str,
        body: &str,
    ) -> std::io::Result<(u16, String)> {
        use std::io::{Error, ErrorKind};
        if self.stream.is_none() {
            let stream = TcpStream::connect(("127.0.0.1", self.port))?;
            stream.set_read_timeout(Some(self.timeout))?;
            stream.set_nodelay(true)?;
            self.stream = Some(BufReader::new(stream));
        }
        let reader = self.stream.as_mut().expect("connected above");
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        reader.get_mut().write_all(request.as_bytes())?;
        let bad = |what: &str| Error::new(ErrorKind::InvalidData, what.to_string());
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(Error::new(ErrorKind::UnexpectedEof, "closed"));
        }
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("status line"))?;
        let (mut length, mut close) = (None, false);
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Err(Error::new(
                    ErrorKind::UnexpectedEof,
                    "closed in the headers",
                ));
            }
            let header = line.trim_end().to_ascii_lowercase();
            if header.is_empty() {
                break;
            }
            if let Some(v) = header.strip_prefix("content-length:") {
                length = Some(v.trim().parse::<usize>().map_err(|_| bad("length"))?);
            }
            if header == "connection: close" {
                close = true;
            }
        }
        let mut body = vec![0; length.ok_or_else(|| bad("no content-length"))?];
        reader.read_exact(&mut body)?;
        if close {
            self.stream = None;
        }
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}
