//! `isomm serve` as a process: the URL it prints, the refusal to listen remotely without accounts,
//! and an acknowledged save that survives killing the server.

use crate::common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

#[test]
fn an_acknowledged_save_survives_killing_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("isomm.db");
    let mut server = serve(&db);
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    let (cookie, field) = token(server.port);
    let (cookie, field) = (cookie.as_str(), field.as_str());
    let form = format!(
        "{field}&organization=Kill+test&title=t&current_pattern=hybrid&target_pattern=hybrid&target_level=4"
    );
    let (status, head, _) = http(server.port, "POST", "/assessments", cookie, &form);
    assert_eq!(status, 303, "{head}");
    assert!(head.contains("location: /assessments/1"), "{head}");
    let (status, _, _) = http(
        server.port,
        "POST",
        "/assessments/1/respondents",
        cookie,
        &format!("{field}&name=Sato&position=staff"),
    );
    assert_eq!(status, 201, "added, with its private link");
    let (status, _, body) = http(
        server.port,
        "POST",
        "/assessments/1/respondents/1/answers/A-1",
        cookie,
        &format!("{field}&in=4&out=&note=kept"),
    );
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"ok":true,"answered":1}"#)
    );

    // SIGKILL: no shutdown, no flush of ours.
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let again = serve(&db);
    // The key tokens are bound to is kept in the database: the browser's token still works.
    let (status, _, _) = http(
        again.port,
        "POST",
        "/assessments/1/respondents",
        cookie,
        &format!("{field}&name=Suzuki&position=staff"),
    );
    assert_eq!(status, 201, "a session survives a restart");
    let (status, _, page) = http(
        again.port,
        "GET",
        "/assessments/1/respondents/1",
        cookie,
        "",
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("name=\"A-1.in\" value=\"4\""),
        "the level is kept"
    );
    assert!(page.contains(">kept</textarea>"), "the note is kept");
    let (_, _, json) = http(again.port, "GET", "/assessments/1/result.json", cookie, "");
    assert!(json.contains("\"organization\": \"Kill test\""), "{json}");
}

/// A first start on a database without accounts: any address may be listened on, the one-time
/// setup link is printed, it makes the first admin (logged in at once), and it works once.
#[test]
fn the_first_admin_is_made_through_the_setup_link_printed_at_start() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("isomm.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args([
            "serve",
            "--bind",
            "0.0.0.0:0",
            "--allow-remote",
            "--database-url",
            &url,
        ])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next = || lines.next().unwrap().unwrap();
    let (open, setup, notice) = (next(), next(), next());
    let server = Server {
        child,
        port: open["isomm: open http://127.0.0.1:".len()..]
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap(),
    };
    assert!(open.starts_with("isomm: open http://127.0.0.1:"), "{open}");
    assert!(
        notice.contains("--allow-remote is no longer needed"),
        "{notice}"
    );
    let link = setup
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("a link: {setup}"));
    let path = &link[link.find("/setup/").unwrap()..];
    assert_eq!(path.len(), "/setup/".len() + 32, "128 random bits: {path}");
    // Nothing else is open.
    let (status, head, _) = http(server.port, "GET", "/", "", "");
    assert_eq!(status, 303);
    assert!(head.contains("location: /login?next=/"), "{head}");
    assert_eq!(
        http(
            server.port,
            "GET",
            "/setup/00000000000000000000000000000000",
            "",
            ""
        )
        .0,
        404
    );
    let (status, head, _) = http(server.port, "GET", path, "", "");
    assert_eq!(status, 200);
    let anonymous = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: isomm_csrf="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    let form = |password: &str| {
        format!(
            "csrf={anonymous}&email=admin%40example.jp&name=Admin&workspace=Example+SOC&password={password}"
        )
    };
    let cookie = format!("isomm_csrf={anonymous}");
    let (status, _, page) = http(server.port, "POST", path, &cookie, &form("password1234"));
    assert_eq!(status, 422, "a guessable password is refused");
    assert!(page.contains("推測されやすい"), "{page}");
    let (status, head, _) = http(
        server.port,
        "POST",
        path,
        &cookie,
        &form(PASSWORD.replace(' ', "+").as_str()),
    );
    assert_eq!(status, 303, "{head}");
    assert!(
        head.contains("set-cookie: isomm_session="),
        "logged in at once: {head}"
    );
    let session = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    let (status, _, home) = http(server.port, "GET", "/", &session, "");
    assert_eq!(status, 200);
    assert!(home.contains("Admin"), "the admin's name in the page");
    assert_eq!(
        http(server.port, "GET", path, "", "").0,
        404,
        "the link works once"
    );
}

/// The peak resident memory of a process so far (`VmHWM`), in bytes.
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    kb * 1024
}

/// A multipart upload of one file with the form's token.
fn upload(
    port: u16,
    path: &str,
    cookie: &str,
    field: &str,
    name: &str,
    content: &[u8],
) -> (u16, String) {
    let boundary = "servetestboundary";
    let token = field.trim_start_matches("csrf=");
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response)
}

/// A real check sheet from `isomm template` with `open`, `piece` repeated `times`, and `close`
/// written into one of its parts after `marker` (streamed, so the test never holds the result):
/// small on the wire, huge inflated.
fn bomb_of(part: &str, marker: &[u8], [open, piece, close]: [&[u8]; 3], times: usize) -> Vec<u8> {
    let catalog = isomm_core::Catalog::builtin();
    let mut sheet = Vec::new();
    // A respondent's name makes the template hold a shared-string table.
    let options = isomm_report::sheet::SheetOptions {
        respondent: Some("Bomb".into()),
        ..Default::default()
    };
    isomm_report::sheet::write_xlsx_template(&mut sheet, catalog, isomm_core::Lang::Ja, &options)
        .unwrap();
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(sheet)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let per_block = ((1 << 20) / piece.len()).min(times);
    let block = piece.repeat(per_block);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut xml = Vec::new();
        entry.read_to_end(&mut xml).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        if name == part {
            let at = xml
                .windows(marker.len())
                .position(|w| w == marker)
                .unwrap_or_else(|| panic!("{part} has no {}", String::from_utf8_lossy(marker)))
                + marker.len();
            out.write_all(&xml[..at]).unwrap();
            out.write_all(open).unwrap();
            for _ in 0..times / per_block {
                out.write_all(&block).unwrap();
            }
            out.write_all(close).unwrap();
            out.write_all(&xml[at..]).unwrap();
        } else {
            out.write_all(&xml).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A workbook with one value in A1 and one in XFD1048576, the last cell a sheet has.
fn sparse_bomb() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "ID").unwrap();
    sheet.write_number(1_048_575, 16_383, 1).unwrap();
    workbook.save_to_buffer().unwrap()
}

/// The server's peak resident memory may not pass this while it refuses hostile workbooks (it
/// starts around 30 MB; the bombs below inflate to 200 MB and 17 billion cells).
const MEMORY_BUDGET: u64 = 128 * 1024 * 1024;
/// The address space `isomm report` runs in for the same files (virtual memory: the binary, thread
/// stacks and allocator arenas count too).
const CLI_ADDRESS_SPACE_KB: u64 = 1024 * 1024;

#[test]
fn hostile_workbooks_are_refused_within_a_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(&dir.path().join("isomm.db"), &[]);
    let pid = server.child.id();
    let (cookie, field) = token(server.port);
    let sparse = sparse_bomb();
    // Each kind of bomb, built here: whitespace, one huge inline string, millions of cells, a
    // shared-string table of millions of entries, besides the value in the last cell.
    let sheet = "xl/worksheets/sheet2.xml";
    let bomb = bomb_of(sheet, b"<sheetData>", [b"", b" ", b""], 200 << 20);
    let inline = bomb_of(
        sheet,
        b"<sheetData>",
        [
            b"<row r=\"1\"><c r=\"H1\" t=\"inlineStr\"><is><t>",
            b"a",
            b"</t></is></c></row>",
        ],
        200 << 20,
    );
    let cells = bomb_of(
        sheet,
        b"<sheetData>",
        [b"", b"<row><c><v>1</v></c></row>", b""],
        2_000_000,
    );
    let strings = bomb_of(
        "xl/sharedStrings.xml",
        b"\">",
        [b"", b"<si><t>x</t></si>", b""],
        2_000_000,
    );
    for (name, bytes) in [
        ("sparse.xlsx", &sparse),
        ("whitespace.xlsx", &bomb),
        ("inline.xlsx", &inline),
        ("cells.xlsx", &cells),
        ("strings.xlsx", &strings),
    ] {
        assert!(
            bytes.len() < 2 << 20,
            "{name} is {} bytes on the wire",
            bytes.len()
        );
        let (status, page) = upload(
            server.port,
            "/assessments/import",
            &cookie,
            &field,
            name,
            bytes,
        );
        assert_eq!(status, 422, "{name}: {page}");
        assert!(page.contains(name), "the file is named: {page}");
        assert!(
            page.contains("まで") || page.contains("超え"),
            "{name}: the limit is named, in the page's language: {page}"
        );
    }
    assert!(
        upload(
            server.port,
            "/assessments/import",
            &cookie,
            &field,
            "s.xlsx",
            &sparse
        )
        .1
        .contains("XFD1048576")
    );
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    upload(
                        server.port,
                        "/assessments/import",
                        &cookie,
                        &field,
                        "w.xlsx",
                        &bomb,
                    )
                    .0
                })
            })
            .collect();
        for r in runs {
            assert_eq!(r.join().unwrap(), 422);
        }
    });
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    let (_, _, home) = http(server.port, "GET", "/", &cookie, "");
    assert!(home.contains("まだ評価はありません"), "nothing stored");
    let peak = peak_memory(pid);
    eprintln!(
        "isomm serve: peak resident memory after the workbook bombs: {} MiB",
        peak >> 20
    );
    assert!(
        peak < MEMORY_BUDGET,
        "peak resident memory {} MiB",
        peak >> 20
    );

    // The command line under an address-space limit: refused with exit 2, not killed.
    let file = dir.path().join("bomb.xlsx");
    std::fs::write(&file, &bomb).unwrap();
    let sparse_file = dir.path().join("sparse.xlsx");
    std::fs::write(&sparse_file, &sparse).unwrap();
    for f in [&file, &sparse_file] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v {CLI_ADDRESS_SPACE_KB}; exec \"$0\" report \"$1\""
            ))
            .arg(env!("CARGO_BIN_EXE_isomm"))
            .arg(f)
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("at most"), "{stderr}");
    }
}

#[test]
fn idle_and_slow_connections_are_closed_and_never_block_others() {
    let dir = tempfile::tempdir().unwrap();
    // All from one address: this test is about timeouts, not the per-address cap.
    let server = serve_with(
        &dir.path().join("isomm.db"),
        &[
            "--header-timeout",
            "1",
            "--max-connections-per-address",
            "4096",
        ],
    );
    // 1,100 connections that never send anything (fewer where this process may not open that
    // many files), and 20 that send a header a byte at a time.
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|l| {
            l.lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3)?.parse::<usize>().ok())
        })
        .unwrap_or(1024);
    let count = 1100.min(limit.saturating_sub(200));
    if count < 1100 {
        eprintln!("only {count} idle connections: this process may open {limit} files");
    }
    let mut idle: Vec<TcpStream> = (0..count)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    let slow: Vec<_> = (0..20)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                // One byte every 100 ms: the head would take 10 s; the server gives it 1 s.
                for b in b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
                    if s.write_all(&[*b]).is_err() {
                        return true;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                // The server closed the connection (writes fail once it is gone) or answered 408.
                let mut buf = [0u8; 64];
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                matches!(s.read(&mut buf), Ok(0) | Err(_))
            })
        })
        .collect();
    // Meanwhile a new client is served.
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    // Each idle connection is closed by the server once its header timeout has passed.
    for s in &mut idle {
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut buf = [0u8; 16];
        match s.read(&mut buf) {
            Ok(0) => {}
            Ok(n) => panic!("unexpected {n} bytes on an idle connection"),
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
        }
    }
    for t in slow {
        assert!(t.join().unwrap(), "a slow sender is cut off");
    }
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
}

#[test]
fn sigterm_finishes_within_the_grace_period_whatever_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = serve_with(&dir.path().join("isomm.db"), &["--shutdown-grace", "1"]);
    // A keep-alive connection that has been answered and stays open.
    let mut kept = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 512];
    kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert!(kept.read(&mut buf).unwrap() > 0);
    // A request whose body never comes.
    let mut stuck = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stuck
        .write_all(b"POST /assessments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncsrf=")
        .unwrap();
    // A connection made after it is answered: the accept loop has taken the stuck one, which is
    // now a request in flight.
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    let term = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    // The process ends on its own (the bound here is generous; the grace period is 1 s).
    let mut status = None;
    for _ in 0..200 {
        if let Some(s) = server.child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = status.expect("isomm serve exited after SIGTERM");
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_burst_of_pdfs_waits_its_turn_and_never_stalls_other_requests() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(
        &dir.path().join("isomm.db"),
        &["--heavy-jobs", "1", "--job-wait", "1"],
    );
    let (cookie, field) = token(server.port);
    let example = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/hybrid-soc-mssp.toml"
    ))
    .unwrap();
    // Eight assessments, so that no PDF comes from the cache.
    for _ in 0..8 {
        let (status, page) = upload(
            server.port,
            "/assessments/import",
            &cookie,
            &field,
            "x.toml",
            &example,
        );
        assert_eq!(status, 303, "{page}");
    }
    let statuses = std::thread::scope(|s| {
        let pdfs: Vec<_> = (1..=8)
            .map(|id| {
                let (port, cookie) = (server.port, cookie.clone());
                s.spawn(move || {
                    http(
                        port,
                        "GET",
                        &format!("/assessments/{id}/report.pdf"),
                        &cookie,
                        "",
                    )
                })
            })
            .collect();
        // While they run, light requests are answered.
        for _ in 0..5 {
            assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
            let (status, _, _) = http(server.port, "GET", "/login", "", "");
            assert_eq!(status, 200);
        }
        pdfs.into_iter()
            .map(|p| {
                let (status, head, _) = p.join().unwrap();
                if status == 503 {
                    assert!(head.contains("retry-after: 5"), "{head}");
                }
                status
            })
            .collect::<Vec<u16>>()
    });
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200), "{statuses:?}");
}

/// Two instances on one PostgreSQL database are one service: started together (migrations run
/// once), a token of one is good at the other, a save through one is in the other's next result,
/// and a respondent saving through one while an assessor edits through the other loses nothing.
#[test]
#[ignore = "needs PostgreSQL on 127.0.0.1:5432; ./scripts/test starts it"]
fn two_instances_on_one_postgresql_database_agree() {
    let db = isomm_store::testing::Fresh::postgres();
    let (a, b) = (start_on(&db.url, &[]), start_on(&db.url, &[]));
    let (a, b) = (ready(a), ready(b));
    let (cookie, field) = token(a.port);
    let example = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/hybrid-soc-mssp.toml"
    ))
    .unwrap();
    let (status, page) = upload(
        b.port,
        "/assessments/import",
        &cookie,
        &field,
        "x.toml",
        &example,
    );
    assert_eq!(
        status, 303,
        "a token made by one instance is good at the other: {page}"
    );
    let (_, head_a, json_a) = http(a.port, "GET", "/assessments/1/result.json", &cookie, "");
    let (_, head_b, json_b) = http(b.port, "GET", "/assessments/1/result.json", &cookie, "");
    assert_eq!(json_a, json_b);
    let etag = |head: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix("etag: "))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(etag(&head_a), etag(&head_b));

    // The imported sheet arrives submitted: an assessor reopens it (confirmed) to change it.
    let (status, head, _) = http(
        a.port,
        "POST",
        "/assessments/1/respondents/1/reopen",
        &cookie,
        &format!("{field}&confirm=yes"),
    );
    assert_eq!(status, 303, "{head}");
    // A respondent saves through A while an assessor renames the assessment through B.
    let form = |title: &str| {
        format!(
            "{field}&organization=Two&title={title}&current_pattern=hybrid&target_pattern=minimum-outsource&target_level=4"
        )
    };
    std::thread::scope(|s| {
        let saves = s.spawn(|| {
            for (i, role) in ["A-1", "A-2", "B-1", "C-1", "D-1"].iter().enumerate() {
                let (status, _, body) = http(
                    a.port,
                    "POST",
                    &format!("/assessments/1/respondents/1/answers/{role}"),
                    &cookie,
                    &format!("{field}&in={}&note=through-a-{i}", i % 5 + 1),
                );
                assert_eq!(status, 200, "{body}");
            }
        });
        for n in 0..5 {
            let (status, head, _) = http(
                b.port,
                "POST",
                "/assessments/1/edit",
                &cookie,
                &form(&format!("edit-{n}")),
            );
            assert_eq!(status, 303, "{head}");
        }
        saves.join().unwrap();
    });
    // Both instances now serve the same, newest result, with every save and the last title.
    let (_, head_a2, json_a) = http(a.port, "GET", "/assessments/1/result.json", &cookie, "");
    let (_, head_b2, json_b) = http(b.port, "GET", "/assessments/1/result.json", &cookie, "");
    assert_eq!(json_a, json_b);
    assert_eq!(etag(&head_a2), etag(&head_b2));
    assert_ne!(etag(&head_a), etag(&head_a2));
    assert!(json_b.contains("\"title\": \"edit-4\""), "{json_b}");
    let (_, _, csv) = http(b.port, "GET", "/assessments/1/answers.csv", &cookie, "");
    for i in 0..5 {
        assert!(csv.contains(&format!("through-a-{i}")), "{csv}");
    }
    drop((a, b));
}

/// `isomm db copy`: SQLite → PostgreSQL → SQLite keeps every row of every table (ids too) and
/// gives equal results; a target with data is refused without --force; a missing source is an
/// error, not a new database.
#[test]
#[ignore = "needs PostgreSQL on 127.0.0.1:5432; ./scripts/test starts it"]
fn a_database_moves_to_postgresql_and_back_with_equal_results() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("laptop.db");
    let server = serve_with(&sqlite, &[]);
    let (cookie, field) = token(server.port);
    for example in ["hybrid-soc-mssp.toml", "one-person-csirt.toml"] {
        let bytes =
            std::fs::read(format!("{}/examples/{example}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert_eq!(
            upload(
                server.port,
                "/assessments/import",
                &cookie,
                &field,
                example,
                &bytes
            )
            .0,
            303
        );
    }
    // Ids with a gap, so that keeping them matters.
    assert_eq!(
        http(
            server.port,
            "POST",
            "/assessments/1/delete",
            &cookie,
            &format!("{field}&confirm=yes")
        )
        .0,
        303
    );
    let (_, _, before) = http(
        server.port,
        "GET",
        "/assessments/2/result.json",
        &cookie,
        "",
    );
    drop(server);

    let isomm = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_isomm"))
            .args(args)
            .output()
            .unwrap()
    };
    let from = format!("sqlite://{}", sqlite.display());
    let pg = isomm_store::testing::Fresh::postgres();
    let out = isomm(&["db", "copy", "--from", &from, "--to", &pg.url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let source = runtime.block_on(isomm_store::copy::counts(&from)).unwrap();
    assert_eq!(
        runtime
            .block_on(isomm_store::copy::counts(&pg.url))
            .unwrap(),
        source
    );
    assert!(
        source["answers"] > 0 && source["secrets"] == 1,
        "{source:?}"
    );
    // Again: the target holds data now.
    let out = isomm(&["db", "copy", "--from", &from, "--to", &pg.url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert!(
        isomm(&["db", "copy", "--from", &from, "--to", &pg.url, "--force"])
            .status
            .success()
    );
    // And back to a new SQLite file.
    let back = format!("sqlite://{}", dir.path().join("home.db").display());
    let out = isomm(&["db", "copy", "--from", &pg.url, "--to", &back]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        runtime.block_on(isomm_store::copy::counts(&back)).unwrap(),
        source
    );
    // The result documents are equal, under the same ids, on PostgreSQL and on the copy back.
    let on_pg = ready(start_on(&pg.url, &[]));
    let (status, _, after) = http(on_pg.port, "GET", "/assessments/2/result.json", &cookie, "");
    assert_eq!(status, 200);
    assert_eq!(after, before);
    drop(on_pg);
    let on_back = ready(start_on(&back, &[]));
    assert_eq!(
        http(
            on_back.port,
            "GET",
            "/assessments/2/result.json",
            &cookie,
            ""
        )
        .2,
        before
    );
    assert_eq!(
        http(
            on_back.port,
            "GET",
            "/assessments/1/result.json",
            &cookie,
            ""
        )
        .0,
        404
    );
    drop(on_back);
    // A missing source is an error, and nothing is created.
    let missing = dir.path().join("missing.db");
    let out = isomm(&[
        "db",
        "copy",
        "--from",
        &format!("sqlite://{}", missing.display()),
        "--to",
        &back,
        "--force",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!missing.exists());
}

/// A request whose body is sent in a thread of its own (the server may answer before it has read
/// it all), and the status of the answer; `None` when the connection was reset before an answer
/// arrived.
fn post_raw(port: u16, path: &str, headers: &str, body: std::sync::Arc<Vec<u8>>) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n{headers}\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        // The server may close the connection once it has refused: the rest goes nowhere.
        let _ = writer.write_all(&body);
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let _ = sending.join();
    let text = String::from_utf8_lossy(&answer);
    text.split(' ').nth(1).and_then(|s| s.parse().ok())
}

/// Issue 19: anyone, without an account, could make the server parse an 8 MiB form of 4.2 million
/// empty fields (+273 MiB a request). Forms are now bounded per route before they are parsed.
#[test]
fn a_form_of_millions_of_fields_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(&dir.path().join("isomm.db"), &[]);
    let pid = server.child.id();
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    let before = peak_memory(pid);
    // 4.2 million fields in 8 MiB: `a&a&…`.
    let body = std::sync::Arc::new(b"a&".repeat(4 * 1024 * 1024 + 100_000)[..8 << 20].to_vec());
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        // /healthz is asked all along, and answers every time.
        let health = s.spawn(|| {
            let mut slowest = Duration::ZERO;
            let mut answered = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let started = std::time::Instant::now();
                assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
                slowest = slowest.max(started.elapsed());
                answered += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            (answered, slowest)
        });
        let attacks: Vec<_> = (0..12)
            .map(|i| {
                let body = body.clone();
                let port = server.port;
                s.spawn(move || {
                    let (path, headers) = match i % 3 {
                        0 => ("/login", format!("Content-Length: {}\r\n", body.len())),
                        1 => ("/login", "Transfer-Encoding: chunked\r\n".to_string()),
                        _ => ("/setup/x", format!("Content-Length: {}\r\n", body.len())),
                    };
                    let body = if i % 3 == 1 {
                        // One chunk of the whole body, as a client streaming it would send.
                        let mut chunked = format!("{:x}\r\n", body.len()).into_bytes();
                        chunked.extend_from_slice(&body);
                        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
                        std::sync::Arc::new(chunked)
                    } else {
                        body
                    };
                    post_raw(port, path, &headers, body)
                })
            })
            .collect();
        for a in attacks {
            let status = a.join().unwrap();
            assert!(
                matches!(status, Some(413) | None),
                "refused as too large: {status:?}"
            );
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let (answered, slowest) = health.join().unwrap();
        eprintln!(
            "/healthz answered {answered} times during the attack, the slowest in {slowest:?}"
        );
        assert!(answered > 0);
    });
    // One more, read to the end: 413 with words for a person.
    let small = std::sync::Arc::new(b"a&".repeat(100_000));
    let status = post_raw(
        server.port,
        "/login",
        &format!("Content-Length: {}\r\n", small.len()),
        small,
    );
    assert_eq!(status, Some(413));
    let grown = peak_memory(pid).saturating_sub(before);
    eprintln!(
        "isomm serve: peak resident memory grew by {} KiB under 12 forms of 4.2 million fields",
        grown >> 10
    );
    assert!(grown < 20 << 20, "grew by {} MiB", grown >> 20);
}

/// A connection from `source` (a loopback address of its own) to the server, with a request head
/// sent only in part.
async fn half_sent(source: &str, port: u16) -> std::io::Result<tokio::net::TcpStream> {
    use tokio::io::AsyncWriteExt;
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(format!("{source}:0").parse().unwrap())?;
    let mut stream = socket
        .connect(format!("127.0.0.1:{port}").parse().unwrap())
        .await?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 12")
        .await?;
    Ok(stream)
}

/// Is the connection still open a moment later (the server did not close it)?
async fn still_open(stream: &mut tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut byte = [0u8; 1];
    match tokio::time::timeout(Duration::from_millis(300), stream.read(&mut byte)).await {
        Err(_) => true,      // nothing to read: still open
        Ok(Ok(0)) => false,  // closed by the server
        Ok(Ok(_)) => false,  // an answer: not what a half-sent head gets
        Ok(Err(_)) => false, // reset
    }
}

/// `/healthz` from another loopback address, over a connection of its own.
async fn health_from(source: &str, port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(socket) = tokio::net::TcpSocket::new_v4() else {
        return false;
    };
    if socket.bind(format!("{source}:0").parse().unwrap()).is_err() {
        return false;
    }
    let Ok(mut stream) = socket
        .connect(format!("127.0.0.1:{port}").parse().unwrap())
        .await
    else {
        return false;
    };
    let request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request).await.is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    read.is_ok() && String::from_utf8_lossy(&answer).ends_with("ok")
}

/// Issue 19: one address holding 4,200 half-sent connections took all 4,096 slots. Now one
/// address gets `--max-connections-per-address` of them; the rest stay for everyone else.
#[test]
fn one_address_cannot_take_every_connection() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(
        &dir.path().join("isomm.db"),
        &[
            "--max-connections",
            "64",
            "--max-connections-per-address",
            "8",
        ],
    );
    let port = server.port;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut held = Vec::new();
        for _ in 0..100 {
            if let Ok(s) = half_sent("127.0.0.1", port).await {
                held.push(s);
            }
        }
        let mut open = 0;
        for s in &mut held {
            if still_open(s).await {
                open += 1;
            }
        }
        assert_eq!(open, 8, "the address keeps its 8 connections and no more");
        for _ in 0..16 {
            assert!(
                health_from("127.0.0.2", port).await,
                "another address is served"
            );
        }
    });
    drop(server);

    // Behind a trusted proxy every connection comes from it: no per-address limit for it.
    let server = serve_with(
        &dir.path().join("isomm2.db"),
        &[
            "--max-connections",
            "64",
            "--max-connections-per-address",
            "8",
            "--trusted-proxy",
            "127.0.0.1",
        ],
    );
    let port = server.port;
    runtime.block_on(async {
        let mut held = Vec::new();
        for _ in 0..30 {
            held.push(half_sent("127.0.0.1", port).await.unwrap());
        }
        let mut open = 0;
        for s in &mut held {
            if still_open(s).await {
                open += 1;
            }
        }
        assert_eq!(
            open, 30,
            "the proxy's connections are not capped per address"
        );
        assert!(health_from("127.0.0.1", port).await);
    });
}

/// The resident memory of a process now (`VmRSS`), in bytes.
fn resident_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status");
    kb * 1024
}

/// Issue 19: after 200 concurrent failed logins the process kept ~650 MiB (each of tokio's many
/// blocking threads kept argon2's 19 MiB in its allocator arena). Verifications now run on
/// `--heavy-jobs` threads of their own.
#[test]
fn a_burst_of_failed_logins_leaves_little_memory_behind() {
    let dir = tempfile::tempdir().unwrap();
    // Behind a proxy, each attempt from an address of its own: none is refused before its
    // password is checked.
    let server = serve_with(
        &dir.path().join("isomm.db"),
        &[
            "--trusted-proxy",
            "127.0.0.1",
            "--heavy-jobs",
            "2",
            "--job-wait",
            "60",
        ],
    );
    let pid = server.child.id();
    let (_, head, _) = http(server.port, "GET", "/login", "", "");
    let anonymous = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: isomm_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("a token cookie")
        .to_string();
    let before = resident_memory(pid);
    std::thread::scope(|s| {
        let attempts: Vec<_> = (0..200)
            .map(|i| {
                let anonymous = anonymous.clone();
                let port = server.port;
                s.spawn(move || {
                    let body = format!(
                        "csrf={anonymous}&email=guess{i}%40example.jp&password=not+the+password"
                    );
                    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(120)))
                        .unwrap();
                    let request = format!(
                        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
                         X-Forwarded-For: 10.1.{}.{}\r\nCookie: isomm_csrf={anonymous}\r\n\
                         Content-Type: application/x-www-form-urlencoded\r\n\
                         Content-Length: {}\r\n\r\n{body}",
                        i / 250,
                        i % 250 + 1,
                        body.len()
                    );
                    stream.write_all(request.as_bytes()).unwrap();
                    let mut answer = String::new();
                    let _ = stream.read_to_string(&mut answer);
                    answer.split(' ').nth(1).unwrap_or("").to_string()
                })
            })
            .collect();
        for a in attempts {
            assert_eq!(
                a.join().unwrap(),
                "401",
                "a failed login, its password checked"
            );
        }
    });
    assert_eq!(http(server.port, "GET", "/healthz", "", "").2, "ok");
    let kept = resident_memory(pid).saturating_sub(before);
    eprintln!(
        "isomm serve: resident memory after 200 concurrent failed logins: +{} MiB",
        kept >> 20
    );
    // Two threads' worth of argon2 (19 MiB each) and change.
    assert!(kept < 80 << 20, "kept {} MiB", kept >> 20);
}

/// A request that takes longer than `--request-timeout` (here a body announced and never sent)
/// gets the page that says so, in the reader's language, with the headers every page carries —
/// not an empty 408.
#[test]
fn a_request_past_its_time_gets_the_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(&dir.path().join("isomm.db"), &["--request-timeout", "1"]);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.write_all(
        b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: isomm_lang=en\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
    )
    .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("took too long"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("content-security-policy"),
        "{answer}"
    );
}
