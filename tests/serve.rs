//! `isomm serve` as a process: the URL it prints, the refusal to listen remotely without accounts,
//! and an acknowledged save that survives killing the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `isomm serve` on a free port and reads the port from the line it prints.
fn serve(database: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}", database.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start isomm serve");
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

/// One HTTP/1.1 request; returns the status, the headers and the body.
fn http(port: u16, method: &str, path: &str, cookie: &str, body: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

const COOKIE: &str = "isomm_csrf=00000000000000000000000000000000";
const TOKEN: &str = "csrf=00000000000000000000000000000000";

#[test]
fn an_acknowledged_save_survives_killing_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isomm.db");
    let mut server = serve(&db);
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    let form = format!(
        "{TOKEN}&organization=Kill+test&title=t&current_pattern=hybrid&target_pattern=hybrid&target_level=4"
    );
    let (status, head, _) = http(server.port, "POST", "/assessments", COOKIE, &form);
    assert_eq!(status, 303, "{head}");
    assert!(head.contains("location: /assessments/1"), "{head}");
    let (status, _, _) = http(
        server.port,
        "POST",
        "/assessments/1/respondents",
        COOKIE,
        &format!("{TOKEN}&name=Sato&position=staff"),
    );
    assert_eq!(status, 303);
    let (status, _, body) = http(
        server.port,
        "POST",
        "/assessments/1/respondents/1/answers/A-1",
        COOKIE,
        &format!("{TOKEN}&in=4&out=&note=kept"),
    );
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"ok":true,"answered":1}"#)
    );

    // SIGKILL: no shutdown, no flush of ours.
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let again = serve(&db);
    let (status, _, page) = http(
        again.port,
        "GET",
        "/assessments/1/respondents/1",
        COOKIE,
        "",
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("name=\"A-1.in\" value=\"4\""),
        "the level is kept"
    );
    assert!(page.contains(">kept</textarea>"), "the note is kept");
    let (_, _, json) = http(again.port, "GET", "/assessments/1/result.json", "", "");
    assert!(json.contains("\"organization\": \"Kill test\""), "{json}");
}

#[test]
fn listening_beyond_loopback_needs_allow_remote() {
    let output = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args([
            "serve",
            "--bind",
            "0.0.0.0:0",
            "--database-url",
            "sqlite::memory:",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(
        message.contains("refusing to listen on 0.0.0.0:0: isomm has no accounts yet"),
        "{message}"
    );
    assert!(message.contains("--allow-remote"));
}
