//! The `isomm` command line: a thin layer that reads files, calls the core and the renderers, and
//! writes the result atomically.
//!
//! Exit codes: 0 on success, 2 on invalid input (nothing is written), 1 on any other failure.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod logs;
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::compare::{self, Threshold};
use isomm_core::{Catalog, InputError, InputErrors, Lang, TextFormat};
use isomm_report::read::{self, ReadProblem, RoundRecord};
use isomm_report::sheet::{self, SheetOptions};
use isomm_report::{Format, PlanOptions, ReportOptions, write_report};
use isomm_report::{comparison, trend};

use isomm_core::limits::{self, Limits};

#[derive(Parser)]
#[command(
    name = "isomm",
    version,
    about = "SOC/CSIRT maturity self-assessment (ISOG-J ISOMM): check sheets, scoring and reports",
    long_about = "SOC/CSIRT maturity self-assessment after ISOG-J's ISOMM self-check sheet.\n\n\
        Keep an assessment as an answers file (TOML, JSON or CSV), then read its results with \
        `isomm report`. Results follow the published rules R1–R12 of isomm's model, not ISOG-J's workbook.",
    after_help = "Examples:\n  isomm template -o check.toml\n  isomm report check.toml -o report.html\n  isomm report check.toml --format json -o 2026.json\n  isomm compare 2025.json 2026.json -o since-2025.pdf\n  isomm report check.toml --previous 2025.json -o report.pdf\n  isomm trend 2024.json 2025.json 2026.json --format svg -o trend.svg\n  isomm catalog --format text --lang en"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// Language of reports and messages [default: reports in Japanese; messages in the language
    /// of LANG, ja or en, else Japanese].
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Load another model (a catalog document in TOML or JSON) instead of the built-in isomm-2.1.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// The web application: check sheets in the browser, results, imports.
    Serve(ServeArgs),
    /// Results for an answers file (.toml, .json or .csv).
    Report(ReportArgs),
    /// The functions, roles, level definitions and patterns of the model.
    Catalog(CatalogArgs),
    /// A blank check sheet to fill in offline.
    Template(TemplateArgs),
    /// Two rounds of one organisation side by side (rules C1–C6): what improved, what declined,
    /// and whether the earlier round's plan reached its target.
    Compare(CompareArgs),
    /// The rounds of one organisation over time: the overall and each function's maturity, round
    /// by round, as CSV, JSON or a line chart (SVG).
    ///
    /// Each FILE is a round: a result document (isomm report … --format json, so a round of
    /// several sheets is one file) or a single answers file (.toml, .json, .xlsx). Rounds go in
    /// the order of their dates, rounds of the same date in the order given; rounds without a
    /// date come after the dated ones, in the order given. Every round must be of the same model.
    Trend(TrendArgs),
    /// The database: copy everything to another (SQLite ↔ PostgreSQL).
    #[command(subcommand)]
    Db(DbCommand),
    /// Accounts of the web application: add one, list them, reset a password.
    #[command(subcommand)]
    User(UserCommand),
    /// The audit log kept in the database: prune lines older than a date.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Deletes every line of the audit log written before DATE (UTC), every workspace's and the
    /// instance's, and records that it did in the instance's log. The web application never
    /// changes or deletes a line; only this command does.
    Prune {
        /// YYYY-MM-DD: lines written before this day (00:00 UTC) go.
        #[arg(long, value_name = "DATE")]
        before: String,
        #[command(flatten)]
        database: DatabaseArg,
    },
}

/// The database the account commands work on, as for `serve`.
#[derive(Args)]
struct DatabaseArg {
    /// sqlite://PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (migrated first).
    #[arg(
        long,
        env = "ISOMM_DATABASE_URL",
        default_value_t = serve_defaults().database_url,
        value_name = "URL"
    )]
    database_url: String,
}

#[derive(Subcommand)]
#[command(
    after_help = "The password is read from the terminal (typed twice), or from ISOMM_PASSWORD for scripts. It needs at least 12 characters and must not be easy to guess (a common word, a name, a keyboard pattern, your e-mail, your workspace, or a password built from isomm's own words, seasons and years, such as Summer2026!!)."
)]
enum UserCommand {
    /// Adds an account, and the workspace it joins when that does not exist yet. The first account
    /// of a database is an admin; when it owns a workspace, the assessments made before accounts
    /// existed move into it.
    Add {
        /// The e-mail address the person logs in with.
        email: String,
        /// The person's name, as others see it.
        #[arg(long)]
        name: String,
        /// The workspace (the organisation assessed, or a consultant's client) to join.
        #[arg(long, value_name = "NAME", requires = "access")]
        workspace: Option<String>,
        /// Access in the workspace: owner (members and everything), assessor (assessments,
        /// respondents, answers, results) or viewer (results and reports only).
        #[arg(long, value_enum, requires = "workspace")]
        access: Option<AccessArg>,
        /// An instance admin: manages workspaces and accounts (reads no workspace's assessments
        /// without being a member).
        #[arg(long)]
        admin: bool,
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Lists every account with its workspaces.
    List {
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Sets a new password for an account and ends its sessions.
    ResetPassword {
        email: String,
        #[command(flatten)]
        database: DatabaseArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AccessArg {
    Owner,
    Assessor,
    Viewer,
}

impl From<AccessArg> for isomm_store::accounts::Access {
    fn from(a: AccessArg) -> Self {
        match a {
            AccessArg::Owner => Self::Owner,
            AccessArg::Assessor => Self::Assessor,
            AccessArg::Viewer => Self::Viewer,
        }
    }
}

#[derive(Subcommand)]
enum DbCommand {
    /// Copies every assessment, respondent, answer and note, ids kept, from one consistent
    /// snapshot of the source into the target (migrated first), e.g.
    /// isomm db copy --from sqlite://isomm.db --to postgres://isomm@db.example/isomm
    Copy {
        /// The database to copy (it must exist).
        #[arg(long, value_name = "URL")]
        from: String,
        /// The database to copy into: sqlite://PATH or postgres://…
        #[arg(long, value_name = "URL")]
        to: String,
        /// Replace what the target already holds (otherwise a target with data is refused).
        #[arg(long)]
        force: bool,
    },
}

/// Every option can also be set from the environment variable named beside it.
#[derive(Args)]
#[command(
    after_help = "Logs go to standard error: one line per request (method, route, status, latency, request id). RUST_LOG sets the level (default info), e.g. RUST_LOG=isomm_web=debug,tower_http=debug.\n\nHealth: GET /healthz answers while the process is up; GET /readyz answers 200 when the database answers, else 503."
)]
struct ServeArgs {
    /// Address to listen on (any: people log in).
    #[arg(
        long,
        env = "ISOMM_BIND",
        default_value_t = serve_defaults().bind,
        value_name = "ADDR"
    )]
    bind: std::net::SocketAddr,
    /// Database to keep assessments in: sqlite://PATH (created with its tables on first start) or
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (migrated on start).
    #[arg(
        long,
        env = "ISOMM_DATABASE_URL",
        default_value_t = serve_defaults().database_url,
        value_name = "URL"
    )]
    database_url: String,
    /// Accepted for older scripts and ignored: people log in, so any address may be given to --bind.
    #[arg(long, env = "ISOMM_ALLOW_REMOTE")]
    allow_remote: bool,
    /// Addresses of reverse proxies whose X-Forwarded-For names the client (for login throttling
    /// and the audit log); comma-separated. From any other peer the header is ignored.
    #[arg(
        long,
        env = "ISOMM_TRUSTED_PROXY",
        value_delimiter = ',',
        value_name = "IP"
    )]
    trusted_proxy: Vec<std::net::IpAddr>,
    /// Seconds without a request after which a login session ends.
    #[arg(
        long,
        env = "ISOMM_SESSION_IDLE",
        default_value_t = serve_defaults().settings.session_times.idle.as_secs(),
        value_name = "SECS"
    )]
    session_idle: u64,
    /// Seconds after login at which a session ends whatever happens.
    #[arg(
        long,
        env = "ISOMM_SESSION_MAX",
        default_value_t = serve_defaults().settings.session_times.absolute.as_secs(),
        value_name = "SECS"
    )]
    session_max: u64,
    /// The address people use to reach isomm, such as https://isomm.example.org: requests for any
    /// other host name are refused (421), and https here makes cookies Secure.
    #[arg(long, env = "ISOMM_PUBLIC_URL", value_name = "URL")]
    public_url: Option<String>,
    /// Load another model instead of the built-in isomm-2.1.
    #[arg(long, env = "ISOMM_MODEL", value_name = "FILE")]
    model: Option<PathBuf>,
    /// The most respondents one assessment may have (imports, forms and uploads alike).
    #[arg(
        long,
        env = "ISOMM_MAX_RESPONDENTS",
        default_value_t = serve_defaults().settings.limits.max_respondents,
        value_name = "N"
    )]
    max_respondents: usize,
    /// PDF, Excel and workbook jobs run at once [default: the number of cores].
    #[arg(long, env = "ISOMM_HEAVY_JOBS", value_name = "N")]
    heavy_jobs: Option<usize>,
    /// Seconds a request waits for a job slot before it is answered 503 (try again).
    #[arg(
        long,
        env = "ISOMM_JOB_WAIT",
        default_value_t = serve_defaults().settings.job_wait.as_secs(),
        value_name = "SECS"
    )]
    job_wait: u64,
    /// Seconds a request may take, reading its body included (408 after).
    #[arg(
        long,
        env = "ISOMM_REQUEST_TIMEOUT",
        default_value_t = serve_defaults().settings.request_timeout.as_secs(),
        value_name = "SECS"
    )]
    request_timeout: u64,
    /// Seconds a connection may take to send a request's headers, or stay idle between requests.
    #[arg(
        long,
        env = "ISOMM_HEADER_TIMEOUT",
        default_value_t = serve_defaults().connections.header_timeout.as_secs(),
        value_name = "SECS"
    )]
    header_timeout: u64,
    /// The most connections open at once; a connection past that is closed at once.
    #[arg(
        long,
        env = "ISOMM_MAX_CONNECTIONS",
        default_value_t = serve_defaults().connections.max_connections,
        value_name = "N"
    )]
    max_connections: usize,
    /// The most connections open at once from one address. Trusted proxies have no such limit:
    /// behind a proxy, every connection comes from it.
    #[arg(
        long,
        env = "ISOMM_MAX_CONNECTIONS_PER_ADDRESS",
        default_value_t = serve_defaults().connections.per_address,
        value_name = "N"
    )]
    max_connections_per_address: usize,
    /// Seconds requests in flight get to finish after Ctrl-C or SIGTERM.
    #[arg(
        long,
        env = "ISOMM_SHUTDOWN_GRACE",
        default_value_t = serve_defaults().connections.grace.as_secs(),
        value_name = "SECS"
    )]
    shutdown_grace: u64,
    /// Connections to the database the server keeps open at most.
    #[arg(
        long,
        env = "ISOMM_DB_POOL_SIZE",
        default_value_t = serve_defaults().database.pool_size,
        value_name = "N"
    )]
    db_pool_size: u32,
    /// Seconds to wait for a database connection or lock before a request is answered 503.
    #[arg(
        long,
        env = "ISOMM_DB_TIMEOUT",
        default_value_t = serve_defaults().database.timeout.as_secs(),
        value_name = "SECS"
    )]
    db_timeout: u64,
    /// MiB of rendered results kept in memory.
    #[arg(
        long,
        env = "ISOMM_CACHE_MIB",
        default_value_t = serve_defaults().settings.cache_bytes / (1024 * 1024),
        value_name = "MIB"
    )]
    cache_mib: usize,
    /// How log lines are written.
    #[arg(long, env = "ISOMM_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

/// What `isomm serve` does when an option is not given: the web crate's defaults, written once
/// there (`isomm_web::Config::default`), read here for `--help` and the options.
fn serve_defaults() -> isomm_web::Config {
    isomm_web::Config::default()
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Args)]
struct ReportArgs {
    /// Answers files: .toml or .json (isomm-answers/1), .csv (answers only; give the patterns as
    /// options), or .xlsx (a filled-in check sheet). Several files are merged into one assessment.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format [default: from the extension of -o, else html].
    #[arg(long, short, value_enum)]
    format: Option<ReportFormat>,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    fields: AssessmentFields,
    /// Refuse answers with more respondents than this (all files together).
    #[arg(
        long,
        env = "ISOMM_MAX_RESPONDENTS",
        default_value_t = serve_defaults().settings.limits.max_respondents,
        value_name = "N"
    )]
    max_respondents: usize,
    /// How many improvement points the report's plan shows, 1..500 (the rest are folded; the
    /// JSON result keeps them all).
    #[arg(long, default_value_t = PlanOptions::DEFAULT_SIZE, value_name = "N")]
    plan_size: usize,
    /// Leave improvement points closer than this to the target level out of the plan, 0..5.
    #[arg(long, default_value_t = PlanOptions::DEFAULT_MIN_GAP, value_name = "GAP")]
    plan_min_gap: f64,
    /// The earlier round (a result document or an answers file, as for isomm compare): adds a
    /// "since the last round" section to every format but json.
    #[arg(long, value_name = "EARLIER")]
    previous: Option<PathBuf>,
    /// With --previous: a change counts as improved or declined from this size on, 0.1..5.0.
    #[arg(
        long,
        default_value = "0.5",
        value_name = "T",
        requires = "previous",
        allow_negative_numbers = true
    )]
    threshold: String,
    #[command(flatten)]
    common: Common,
}

/// Assessment fields: required for CSV input; for TOML and JSON they replace the file's values.
#[derive(Args)]
struct AssessmentFields {
    /// The organisation assessed.
    #[arg(long)]
    organization: Option<String>,
    /// The assessment's title.
    #[arg(long)]
    title: Option<String>,
    /// The assessment's date, YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// Current pattern: minimum-insource, hybrid, minimum-outsource or full-insource.
    #[arg(long)]
    current_pattern: Option<String>,
    /// Target pattern: minimum-insource, hybrid, minimum-outsource or full-insource.
    #[arg(long)]
    target_pattern: Option<String>,
    /// Target level, 1..5 (default 4).
    #[arg(long, allow_negative_numbers = true)]
    target_level: Option<i64>,
    /// Put a role in another area than its default, such as --area B-1=II (repeatable).
    #[arg(long, value_name = "ROLE=AREA", value_parser = parse_area)]
    area: Vec<(String, String)>,
}

fn parse_area(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(r, a)| (r.trim().to_string(), a.trim().to_string()))
        .ok_or_else(|| format!("expected ROLE=AREA, such as B-1=II, found {s:?}"))
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Json,
    Html,
    Pdf,
    Xlsx,
    Svg,
    Csv,
}

impl From<ReportFormat> for Format {
    fn from(f: ReportFormat) -> Format {
        match f {
            ReportFormat::Json => Format::Json,
            ReportFormat::Html => Format::Html,
            ReportFormat::Pdf => Format::Pdf,
            ReportFormat::Xlsx => Format::Xlsx,
            ReportFormat::Svg => Format::Svg,
            ReportFormat::Csv => Format::Csv,
        }
    }
}

/// EARLIER and LATER are each a result document (isomm report … --format json, so a round of
/// several sheets is one file) or a single answers file (.toml, .json, .xlsx).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  isomm report 2025/*.xlsx --format json -o 2025.json\n  isomm compare 2025.json 2026.toml -o since-2025.pdf\n  isomm compare 2025.json 2026.json --format csv --threshold 0.3"
)]
struct CompareArgs {
    /// The earlier round: a result document (isomm report … --format json) or one answers file
    /// (.toml, .json, .xlsx).
    #[arg(value_name = "EARLIER")]
    earlier: PathBuf,
    /// The later round, likewise.
    #[arg(value_name = "LATER")]
    later: PathBuf,
    /// Output format [default: from the extension of -o, else html].
    #[arg(long, short, value_enum)]
    format: Option<CompareFormat>,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// A change counts as improved or declined from this size on (as shown, one decimal),
    /// 0.1..5.0.
    #[arg(
        long,
        default_value = "0.5",
        value_name = "T",
        allow_negative_numbers = true
    )]
    threshold: String,
    /// Refuse a round of more respondents than this.
    #[arg(
        long,
        env = "ISOMM_MAX_RESPONDENTS",
        default_value_t = serve_defaults().settings.limits.max_respondents,
        value_name = "N"
    )]
    max_respondents: usize,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CompareFormat {
    Json,
    Html,
    Pdf,
    Xlsx,
    Csv,
}

impl CompareFormat {
    const ALL: [(CompareFormat, &'static str); 5] = [
        (CompareFormat::Json, "json"),
        (CompareFormat::Html, "html"),
        (CompareFormat::Pdf, "pdf"),
        (CompareFormat::Xlsx, "xlsx"),
        (CompareFormat::Csv, "csv"),
    ];
}

/// The options of `isomm trend` (its help is the doc comment of `Command::Trend`).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  isomm trend 2024.json 2025.json 2026.toml\n  isomm trend 2024.json 2025.json 2026.json -o trend.svg --lang en\n  isomm trend rounds/*.json --format json"
)]
struct TrendArgs {
    /// The rounds, two or more.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format [default: from the extension of -o, else csv].
    #[arg(long, short, value_enum)]
    format: Option<TrendFormat>,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Refuse a round of more respondents than this.
    #[arg(
        long,
        env = "ISOMM_MAX_RESPONDENTS",
        default_value_t = serve_defaults().settings.limits.max_respondents,
        value_name = "N"
    )]
    max_respondents: usize,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TrendFormat {
    Csv,
    Json,
    Svg,
}

impl TrendFormat {
    const ALL: [(TrendFormat, &'static str); 3] = [
        (TrendFormat::Csv, "csv"),
        (TrendFormat::Json, "json"),
        (TrendFormat::Svg, "svg"),
    ];
}

#[derive(Args)]
struct CatalogArgs {
    #[arg(long, short, value_enum, default_value_t = CatalogFormat::Text)]
    format: CatalogFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogFormat {
    Json,
    Text,
}

#[derive(Args)]
struct TemplateArgs {
    #[arg(long, short, value_enum, default_value_t = TemplateFormat::Toml)]
    format: TemplateFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Pre-fill the respondent's name.
    #[arg(long, value_name = "NAME")]
    respondent: Option<String>,
    /// Pre-fill the respondent's position: manager, leader, staff or other.
    #[arg(long, value_name = "POS")]
    position: Option<String>,
    #[command(flatten)]
    fields: AssessmentFields,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Toml,
    Csv,
    Xlsx,
}

/// Why the command failed: bad input (exit 2) or anything else (exit 1), one line per problem.
enum Failure {
    Input(Vec<String>),
    Other(String),
}

impl Failure {
    fn input(line: String) -> Failure {
        Failure::Input(vec![line])
    }
}

/// Every problem of an input file, in the language of the messages.
fn input_errors(file: &Path, errors: &InputErrors) -> Failure {
    Failure::Input(errors.lines(say_lang(), Some(&file.display().to_string())))
}

fn input_error(file: &Path, err: InputError) -> Failure {
    input_errors(file, &err.into())
}

/// The language of reports: `--lang`, else Japanese.
fn lang(common: &Common) -> Lang {
    match common.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ja) | None => Lang::Ja,
    }
}

/// The language of the command line's messages, chosen once in `main`: `--lang`, else the
/// locale (`LC_ALL`, `LC_MESSAGES`, then `LANG`, as POSIX orders them): `en…` is English, anything
/// else Japanese.
static SAY_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn say_lang() -> Lang {
    *SAY_LANG.get().unwrap_or(&Lang::Ja)
}

fn locale_lang(given: Option<LangArg>) -> Lang {
    match given {
        Some(LangArg::En) => return Lang::En,
        Some(LangArg::Ja) => return Lang::Ja,
        None => {}
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if locale.starts_with("en") {
        Lang::En
    } else {
        Lang::Ja
    }
}

/// The message file of the command line's words in `lang`, compiled into the binary.
fn cli_source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Cli)
}

/// The command line's message `key` with its arguments, in the language of the messages.
fn say(key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: isomm_core::messages::Live = isomm_core::messages::Live::new();
    MESSAGES.format(say_lang(), cli_source, key, args)
}

/// Reads an input file, refusing what is larger than [`limits::MAX_FILE_BYTES`]: never more than
/// one byte past the bound is read, whatever the file claims to be (a pipe, a growing file).
fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let fail = |problem: isomm_core::Problem| input_error(path, InputError::whole("", problem));
    let file = path.display().to_string();
    let cannot = |e: io::Error| {
        Failure::input(say(
            "cannot-read",
            &[("file", &file), ("why", io_reason(&e))],
        ))
    };
    let file = fs::File::open(path).map_err(cannot)?;
    let bound = limits::MAX_FILE_BYTES as u64;
    if let Ok(meta) = file.metadata()
        && meta.len() > bound
    {
        return Err(fail(limits::file_too_large(meta.len())));
    }
    let mut bytes = Vec::new();
    file.take(bound + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > bound {
        return Err(fail(limits::file_too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Why a file could not be read or written: the selector of the message that says it in words
/// (an OS error's own text is not shown).
fn io_reason(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::NotFound => "missing",
        io::ErrorKind::PermissionDenied => "denied",
        io::ErrorKind::IsADirectory => "folder",
        _ => "other",
    }
}

/// Reads a text input file: UTF-8, a leading BOM dropped.
fn read_input(path: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to() + 1;
        input_error(
            path,
            InputError::whole("", isomm_core::Problem::NotUtf8 { byte }),
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn load_catalog(common: &Common) -> Result<Catalog, Failure> {
    let Some(path) = &common.model else {
        return Ok(Catalog::builtin().clone());
    };
    let text = read_input(path)?;
    let format = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("toml") => TextFormat::Toml,
        Some("json") => TextFormat::Json,
        _ => {
            return Err(Failure::input(say(
                "unknown-model-type",
                &[("file", &path.display().to_string())],
            )));
        }
    };
    Catalog::parse(&text, format).map_err(|e| input_error(path, e))
}

/// Renders into memory, then writes to standard output or atomically to `output`: a temporary file
/// in the same folder, renamed into place, so a failure never leaves a partial file behind.
fn emit(
    output: Option<&Path>,
    render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> Result<(), Failure> {
    let mut bytes = Vec::new();
    render(&mut bytes).map_err(|_| Failure::Other(say("cannot-render", &[])))?;
    match output {
        None => {
            let mut stdout = io::stdout().lock();
            stdout
                .write_all(&bytes)
                .and_then(|_| stdout.flush())
                .or_else(|e| {
                    // A closed pipe (`isomm report … | head`) is not a failure of ours.
                    if e.kind() == io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
        }
        .map_err(|_| Failure::Other(say("cannot-write-stdout", &[]))),
        Some(path) => {
            let fail = |e: io::Error| {
                Failure::Other(say(
                    "cannot-write",
                    &[
                        ("file", &path.display().to_string()),
                        ("why", io_reason(&e)),
                    ],
                ))
            };
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            // Readable like any file the user writes (umask applies), not 0600 like a temp file.
            let mut builder = tempfile::Builder::new();
            #[cfg(unix)]
            builder.permissions(
                <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o666),
            );
            let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
            tmp.write_all(&bytes).map_err(fail)?;
            tmp.as_file().sync_all().map_err(fail)?;
            tmp.persist(path).map_err(|e| fail(e.error))?;
            Ok(())
        }
    }
}

fn overrides(f: &AssessmentFields) -> Overrides {
    Overrides {
        organization: f.organization.clone(),
        title: f.title.clone(),
        date: f.date.clone(),
        current_pattern: f.current_pattern.clone(),
        target_pattern: f.target_pattern.clone(),
        target_level: f.target_level,
        areas: f.area.clone(),
    }
}

/// The format asked for, else the one the output file's extension names, else HTML.
fn report_format(args: &ReportArgs) -> Format {
    if let Some(f) = args.format {
        return f.into();
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Format::ALL
        .into_iter()
        .find(|f| Some(f.as_str()) == ext.as_deref())
        .unwrap_or(Format::Html)
}

fn report(args: ReportArgs) -> Result<(), Failure> {
    let plan = PlanOptions::new(args.plan_size, args.plan_min_gap).ok_or_else(|| {
        Failure::input(say(
            "plan-options",
            &[
                ("max-size", &PlanOptions::MAX_SIZE.to_string()),
                ("max-gap", &PlanOptions::MAX_MIN_GAP.to_string()),
            ],
        ))
    })?;
    let catalog = load_catalog(&args.common)?;
    let limits = Limits {
        max_respondents: args.max_respondents,
    };
    let overrides = overrides(&args.fields);
    let mut parsed = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let name = file.to_string_lossy();
        let Some(input_format) = AnswersFormat::from_extension(&name) else {
            return Err(Failure::input(say(
                "unknown-answers-type",
                &[("file", &file.display().to_string())],
            )));
        };
        let bytes = read_bytes(file)?;
        let assessment =
            answers::parse_bytes_within(&bytes, input_format, &catalog, &overrides, &limits)
                .map_err(|e| input_errors(file, &e))?;
        parsed.push((file.display().to_string(), assessment));
    }
    let assessment = answers::merge(&catalog, parsed, &limits)
        .map_err(|e| Failure::Input(vec![e.text(say_lang())]))?;
    let format = report_format(&args);
    // Whoever holds the answers file reads every answer in it.
    let options = ReportOptions {
        plan,
        ..ReportOptions::new(lang(&args.common))
    };
    let Some(previous_path) = &args.previous else {
        return emit(args.output.as_deref(), |out| {
            write_report(out, format, &catalog, &assessment, options)
        });
    };
    let threshold = Threshold::parse(&args.threshold)
        .ok_or_else(|| Failure::input(say("threshold", &[("value", &args.threshold)])))?;
    let previous = load_round(previous_path, &catalog, &limits)?;
    let now = RoundRecord::of(
        &catalog,
        &assessment,
        &isomm_core::evaluate(&catalog, &assessment),
        plan,
    );
    compare::compare(&previous.round, &now.round, threshold)
        .map_err(|why| incomparable(previous_path, &args.files[0], why))?;
    of_model(previous_path, &previous, &catalog)?;
    warn_rounds((previous_path, &previous), (&args.files[0], &now));
    emit(args.output.as_deref(), |out| {
        isomm_report::write_report_since(
            out,
            format,
            &catalog,
            &assessment,
            options,
            &previous,
            threshold,
        )
    })
}

/// One round read from a file: a result document (`isomm-result/1`), or answers read as
/// `isomm report` reads them (no assessment-field options) and evaluated with the default plan.
/// Whether a result document is of the loaded model is [`of_model`]'s to check.
fn load_round(path: &Path, catalog: &Catalog, limits: &Limits) -> Result<RoundRecord, Failure> {
    let file = path.display().to_string();
    let Some(input_format) = AnswersFormat::from_extension(&path.to_string_lossy()) else {
        return Err(Failure::input(say(
            "unknown-round-type",
            &[("file", &file)],
        )));
    };
    if input_format == AnswersFormat::Csv {
        // A CSV holds answers only; the patterns it needs are not options of these commands.
        return Err(Failure::input(say("round-csv", &[("file", &file)])));
    }
    let bytes = read_bytes(path)?;
    let text = (input_format == AnswersFormat::Json)
        .then(|| std::str::from_utf8(&bytes).ok())
        .flatten()
        .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
    // JSON of another kind (a comparison, a trend) is named as such, not read as answers.
    if let Some(found) = text
        .and_then(read::format_of)
        .filter(|f| f != isomm_report::json::RESULT_FORMAT && f != answers::ANSWERS_FORMAT)
    {
        return Err(Failure::input(say(
            "round-other-format",
            &[("file", &file), ("found", &found)],
        )));
    }
    if let Some(text) = text.filter(|t| read::is_result(t)) {
        let record = read::read_result(text, limits).map_err(|p| {
            Failure::input(match p {
                ReadProblem::Shape { line, column } => say(
                    "result-shape",
                    &[
                        ("file", &file),
                        ("line", &line.to_string()),
                        ("column", &column.to_string()),
                    ],
                ),
                // `is_result` has seen the format.
                ReadProblem::Format { .. } => say("unknown-round-type", &[("file", &file)]),
                ReadProblem::Side { role, found } => say(
                    "result-side",
                    &[("file", &file), ("role", &role), ("found", &found)],
                ),
                ReadProblem::Value { field } => {
                    say("result-value", &[("file", &file), ("field", &field)])
                }
                ReadProblem::Respondents { found, max } => say(
                    "result-respondents",
                    &[
                        ("file", &file),
                        ("found", &found.to_string()),
                        ("max", &max.to_string()),
                    ],
                ),
            })
        })?;
        return Ok(record);
    }
    let assessment =
        answers::parse_bytes_within(&bytes, input_format, catalog, &Overrides::default(), limits)
            .map_err(|e| input_errors(path, &e))?;
    let e = isomm_core::evaluate(catalog, &assessment);
    Ok(RoundRecord::of(
        catalog,
        &assessment,
        &e,
        PlanOptions::default(),
    ))
}

/// A result document read from `path` is of the loaded model (C1 against it), so the model's
/// names can label it.
fn of_model(path: &Path, record: &RoundRecord, catalog: &Catalog) -> Result<(), Failure> {
    compare::fits(catalog, &record.round).map_err(|_| {
        Failure::input(say(
            "result-other-model",
            &[
                ("file", &path.display().to_string()),
                ("model", &record.round.model),
                ("loaded", catalog.model()),
            ],
        ))
    })
}

/// C1's refusal, naming both files and what differs.
fn incomparable(earlier: &Path, later: &Path, why: compare::Incomparable) -> Failure {
    use compare::Incomparable as I;
    let (e, l) = (earlier.display().to_string(), later.display().to_string());
    let (what, a, b) = match why {
        I::Model { earlier, later } => ("model", earlier, later),
        I::Functions { earlier, later } => ("functions", earlier.join(", "), later.join(", ")),
        I::Role {
            role,
            earlier_function: Some(in_earlier),
            later_function: Some(in_later),
        } => {
            let args = [
                ("earlier", e.as_str()),
                ("later", l.as_str()),
                ("role", role.as_str()),
                ("in-earlier", in_earlier.as_str()),
                ("in-later", in_later.as_str()),
            ];
            return Failure::input(say("incomparable-role", &args));
        }
        I::Role {
            role,
            earlier_function,
            ..
        } => {
            // Missing (or listed twice) in one round: the one without a function for it.
            let which = if earlier_function.is_some() {
                "later"
            } else {
                "earlier"
            };
            let args = [
                ("earlier", e.as_str()),
                ("later", l.as_str()),
                ("role", role.as_str()),
                ("which", which),
            ];
            return Failure::input(say("incomparable-role-missing", &args));
        }
    };
    Failure::input(say(
        "incomparable",
        &[
            ("earlier", &e),
            ("later", &l),
            ("what", what),
            ("in-earlier", &a),
            ("in-later", &b),
        ],
    ))
}

/// What is likely a mistake but not wrong, said on standard error: the later round dated before
/// the earlier, rounds of different organisations, the same round twice.
fn warn_rounds(earlier: (&Path, &RoundRecord), later: (&Path, &RoundRecord)) {
    let (e, l) = (&earlier.1.info, &later.1.info);
    let mut what = Vec::new();
    if let (Some(a), Some(b)) = (&e.date, &l.date)
        && b < a
    {
        what.push("dates");
    }
    if e.organization != l.organization {
        what.push("organizations");
    }
    if earlier.1 == later.1 {
        what.push("same");
    }
    let (a, b) = (
        earlier.0.display().to_string(),
        later.0.display().to_string(),
    );
    for w in what {
        eprintln!(
            "{}",
            say(
                "compare-warning",
                &[("earlier", &a), ("later", &b), ("what", w)]
            )
        );
    }
}

fn compare_rounds(args: CompareArgs) -> Result<(), Failure> {
    let threshold = Threshold::parse(&args.threshold)
        .ok_or_else(|| Failure::input(say("threshold", &[("value", &args.threshold)])))?;
    let catalog = load_catalog(&args.common)?;
    let limits = Limits {
        max_respondents: args.max_respondents,
    };
    let earlier = load_round(&args.earlier, &catalog, &limits)?;
    let later = load_round(&args.later, &catalog, &limits)?;
    let c = isomm_report::comparison::compared(&earlier, &later, threshold)
        .map_err(|why| incomparable(&args.earlier, &args.later, why))?;
    of_model(&args.earlier, &earlier, &catalog)?;
    of_model(&args.later, &later, &catalog)?;
    warn_rounds((&args.earlier, &earlier), (&args.later, &later));
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = args.format.unwrap_or_else(|| {
        CompareFormat::ALL
            .into_iter()
            .find(|(_, e)| Some(*e) == ext.as_deref())
            .map_or(CompareFormat::Html, |(f, _)| f)
    });
    let doc = comparison::ComparisonDocument::new(&earlier, &later, &c);
    let view =
        || comparison::ComparisonView::new(&catalog, &earlier, &later, &c, lang(&args.common));
    emit(args.output.as_deref(), |out| match format {
        CompareFormat::Json => comparison::write_json(out, &doc),
        CompareFormat::Html => comparison::write_html(out, &view()),
        CompareFormat::Pdf => isomm_report::pdf::write_comparison_pdf(out, &view()),
        CompareFormat::Xlsx => {
            isomm_report::xlsx::comparison::write_comparison_xlsx(out, &view(), lang(&args.common))
        }
        CompareFormat::Csv => comparison::write_csv(out, &doc),
    })
}

/// The rounds of `args.files` in date order (`isomm_report::trend`), each of the loaded model.
fn trend(args: TrendArgs) -> Result<(), Failure> {
    let too_few = |given: usize| {
        Failure::input(say(
            "trend-too-few",
            &[
                ("count", &given.to_string()),
                ("min", &trend::MIN_ROUNDS.to_string()),
            ],
        ))
    };
    if args.files.len() < trend::MIN_ROUNDS {
        return Err(too_few(args.files.len()));
    }
    let catalog = load_catalog(&args.common)?;
    let limits = Limits {
        max_respondents: args.max_respondents,
    };
    let mut rounds = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let record = load_round(file, &catalog, &limits)?;
        rounds.push((file.display().to_string(), record));
    }
    let trend = trend::Trend::new(rounds).map_err(|problem| match problem {
        trend::TrendProblem::TooFew { given } => too_few(given),
        // The same refusal as `isomm compare`'s, naming both files and what differs.
        trend::TrendProblem::Mixed { first, other, why } => {
            incomparable(Path::new(&first), Path::new(&other), why)
        }
    })?;
    for (file, record) in trend.rounds() {
        of_model(Path::new(file), record, &catalog)?;
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = args.format.unwrap_or_else(|| {
        TrendFormat::ALL
            .into_iter()
            .find(|(_, e)| Some(*e) == ext.as_deref())
            .map_or(TrendFormat::Csv, |(f, _)| f)
    });
    let lang = lang(&args.common);
    let doc = trend::TrendDocument::new(&trend);
    emit(args.output.as_deref(), |out| match format {
        TrendFormat::Csv => trend::write_csv(out, &doc),
        TrendFormat::Json => trend::write_json(out, &doc),
        TrendFormat::Svg => trend::write_svg(out, &doc, &catalog, lang),
    })
}

fn catalog(args: CatalogArgs) -> Result<(), Failure> {
    let catalog = load_catalog(&args.common)?;
    let lang = lang(&args.common);
    emit(args.output.as_deref(), |out| match args.format {
        CatalogFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &catalog.document())?;
            out.write_all(b"\n")
        }
        CatalogFormat::Text => sheet::write_catalog_text(out, &catalog, lang),
    })
}

fn template(args: TemplateArgs) -> Result<(), Failure> {
    let catalog = load_catalog(&args.common)?;
    let lang = lang(&args.common);
    // Pre-filled values are checked like the answers they will become; every problem is told.
    let f = &args.fields;
    answers::check_options(&catalog, &overrides(f), args.position.as_deref()).map_err(
        |errors| Failure::Input(errors.errors().iter().map(|e| e.text(say_lang())).collect()),
    )?;
    let target_level = f.target_level.and_then(|v| u8::try_from(v).ok());
    let options = SheetOptions {
        organization: f.organization.clone(),
        title: f.title.clone(),
        date: f.date.clone(),
        current_pattern: f.current_pattern.clone(),
        target_pattern: f.target_pattern.clone(),
        target_level,
        respondent: args.respondent.clone(),
        position: args.position.clone(),
        areas: f.area.clone(),
        answers: None,
        back: sheet::SheetReturn::Command,
        drafts: None,
    };
    if matches!(args.format, TemplateFormat::Xlsx)
        && args.output.is_none()
        && io::IsTerminal::is_terminal(&io::stdout())
    {
        // A workbook is not text: it belongs in a file, not on a terminal.
        return Err(Failure::input(say("xlsx-to-terminal", &[])));
    }
    emit(args.output.as_deref(), |out| match args.format {
        TemplateFormat::Toml => sheet::write_toml_template(out, &catalog, lang, &options),
        TemplateFormat::Csv => sheet::write_csv_template(out, &catalog, lang, &options),
        TemplateFormat::Xlsx => sheet::write_xlsx_template(out, &catalog, lang, &options),
    })
}

/// Logs to standard error, at the level RUST_LOG gives (info by default), through the buffer of
/// `logs.rs`; the guard flushes what is left when it is dropped (at exit).
fn init_logs(format: LogFormat) -> logs::Guard {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let (writer, guard) = logs::buffered();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(io::IsTerminal::is_terminal(&io::stderr()))
        .with_writer(writer);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    guard
}

fn serve(args: ServeArgs) -> Result<(), Failure> {
    let _logs = init_logs(args.log_format);
    let common = Common {
        lang: None,
        model: args.model.clone(),
    };
    let catalog = load_catalog(&common)?;
    let public_url = args
        .public_url
        .as_deref()
        .map(|url| {
            isomm_web::PublicUrl::parse(url).map_err(|problem| {
                use isomm_web::PublicUrlProblem as P;
                let key = match problem {
                    P::NotAnAddress => "public-url-not-an-address",
                    P::NotHttp => "public-url-not-http",
                    P::NotJustTheSite => "public-url-not-just-the-site",
                };
                Failure::input(say(key, &[("url", url)]))
            })
        })
        .transpose()?;
    for (arg, value) in [
        ("--session-idle", args.session_idle),
        ("--session-max", args.session_max),
    ] {
        if value < isomm_web::base::session::MIN_SESSION_SECS {
            let min = isomm_web::base::session::MIN_SESSION_SECS.to_string();
            return Err(Failure::input(say(
                "session-too-short",
                &[("arg", arg), ("value", &value.to_string()), ("min", &min)],
            )));
        }
    }
    let secs = std::time::Duration::from_secs;
    let defaults = serve_defaults().settings;
    let settings = isomm_web::Settings {
        limits: Limits {
            max_respondents: args.max_respondents,
        },
        public_url,
        heavy_jobs: args.heavy_jobs.unwrap_or(defaults.heavy_jobs),
        job_wait: secs(args.job_wait),
        request_timeout: secs(args.request_timeout),
        cache_bytes: args.cache_mib.saturating_mul(1024 * 1024),
        session_times: isomm_web::base::session::SessionTimes {
            idle: secs(args.session_idle),
            absolute: secs(args.session_max),
        },
        trusted_proxies: args.trusted_proxy.clone(),
        listen_origin: None,
        link_writes: defaults.link_writes,
    };
    let runtime = runtime()?;
    runtime.block_on(async {
        let config = isomm_web::Config {
            bind: args.bind,
            database_url: args.database_url.clone(),
            settings,
            connections: isomm_web::ConnectionLimits {
                header_timeout: secs(args.header_timeout),
                max_connections: args.max_connections,
                per_address: args.max_connections_per_address,
                exempt: args.trusted_proxy.clone(),
                grace: secs(args.shutdown_grace),
            },
            database: isomm_store::DbOptions {
                pool_size: args.db_pool_size,
                timeout: secs(args.db_timeout),
            },
        };
        let app = isomm_web::Application::build(config, catalog)
            .await
            .map_err(start_failure)?;
        let origin = app.local_origin();
        let url = format!("{origin}/");
        let database = isomm_store::redacted(&args.database_url);
        println!(
            "{}",
            say("serving", &[("url", &url), ("database", &database)])
        );
        if let Some(link) = app.setup_link(&origin) {
            println!("{}", say("setup-link", &[("link", &link)]));
        }
        if args.allow_remote {
            println!("{}", say("allow-remote", &[]));
        }
        app.run().await;
        Ok(())
    })
}

fn db_copy(from: &str, to: &str, force: bool) -> Result<(), Failure> {
    let _logs = init_logs(LogFormat::Text);
    let (from_shown, to_shown) = (isomm_store::redacted(from), isomm_store::redacted(to));
    let counts = runtime()?
        .block_on(isomm_store::copy::copy(from, to, force))
        .map_err(|e| {
            use isomm_store::CopyRefusal;
            match e {
                isomm_store::StoreError::Copy(CopyRefusal::NoSource(url)) => {
                    Failure::input(say("copy-no-source", &[("url", &url)]))
                }
                isomm_store::StoreError::Copy(CopyRefusal::UnknownTable(table)) => {
                    Failure::input(say("copy-unknown-table", &[("table", &table)]))
                }
                isomm_store::StoreError::Copy(CopyRefusal::TargetHasData(url)) => {
                    Failure::input(say("copy-target-has-data", &[("url", &url)]))
                }
                other => {
                    tracing::error!(error = %other, "isomm db copy failed");
                    Failure::Other(say(
                        "cannot-copy",
                        &[("from", &from_shown), ("to", &to_shown)],
                    ))
                }
            }
        })?;
    let summary: Vec<String> = counts.iter().map(|(t, n)| format!("{t} {n}")).collect();
    println!(
        "{}",
        say(
            "copied",
            &[
                ("from", &from_shown),
                ("to", &to_shown),
                ("counts", &summary.join(", "))
            ]
        )
    );
    Ok(())
}

/// The runtime the commands that talk to a database or serve run on.
fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Runtime::new().map_err(|_| Failure::Other(say("cannot-start", &[])))
}

/// Why the server could not start, in words; the database's own error goes to the log.
fn start_failure(e: isomm_web::StartError) -> Failure {
    match e {
        isomm_web::StartError::Bind(address, error) => {
            let why = match error.kind() {
                io::ErrorKind::AddrInUse => "in-use",
                io::ErrorKind::PermissionDenied => "denied",
                _ => "other",
            };
            Failure::Other(say(
                "cannot-listen",
                &[("address", &address.to_string()), ("why", why)],
            ))
        }
        isomm_web::StartError::Store(url, error) => open_failure(&url, &error),
    }
}

/// A database that cannot be opened: the URL's form, or the reason in the log.
fn open_failure(url: &str, error: &isomm_store::StoreError) -> Failure {
    let why = match error {
        isomm_store::StoreError::UnsupportedUrl(_) => "url",
        other => {
            tracing::error!(database = url, error = %other, "cannot open the database");
            "other"
        }
    };
    Failure::Other(say("cannot-open-db", &[("url", url), ("why", why)]))
}

/// A new password: from `ISOMM_PASSWORD`, else typed twice on the terminal.
fn new_password() -> Result<String, Failure> {
    if let Ok(password) = std::env::var("ISOMM_PASSWORD") {
        return Ok(password);
    }
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() {
        return Err(Failure::input(say("no-terminal", &[])));
    }
    let cannot = |_: io::Error| Failure::Other(say("cannot-read-password", &[]));
    let first = rpassword::prompt_password(say("password-prompt", &[])).map_err(cannot)?;
    let again = rpassword::prompt_password(say("password-again", &[])).map_err(cannot)?;
    if first != again {
        return Err(Failure::input(say("passwords-differ", &[])));
    }
    Ok(first)
}

/// What a person is told when an account cannot be made or changed.
fn account_failure(e: isomm_store::auth::AccountError, email: &str) -> Failure {
    use isomm_core::limits::{MAX_PASSWORD_CHARS, MAX_TEXT_CHARS, MIN_PASSWORD_CHARS};
    use isomm_store::auth::{AccountError, PasswordProblem};
    let (text, min, max) = (
        MAX_TEXT_CHARS.to_string(),
        MIN_PASSWORD_CHARS.to_string(),
        MAX_PASSWORD_CHARS.to_string(),
    );
    Failure::input(match e {
        AccountError::Email => say("account-email", &[("email", email)]),
        AccountError::Name => say("account-name", &[("max", &text)]),
        AccountError::WorkspaceName => say("account-workspace", &[("max", &text)]),
        AccountError::Password(PasswordProblem::TooShort) => {
            say("password-short", &[("min", &min)])
        }
        AccountError::Password(PasswordProblem::TooLong) => say("password-long", &[("max", &max)]),
        AccountError::Password(PasswordProblem::TooGuessable) => say("password-guessable", &[]),
        AccountError::EmailTaken => say("email-taken", &[("email", email)]),
        AccountError::Store(e) => {
            tracing::error!(error = %e, "the database refused an account change");
            return Failure::Other(say("database-failed", &[]));
        }
    })
}

fn user_command(command: UserCommand) -> Result<(), Failure> {
    let _logs = init_logs(LogFormat::Text);
    let runtime = runtime()?;
    let open = |url: &str| {
        let url = url.to_string();
        async move {
            isomm_store::connect(&url)
                .await
                .map_err(|e| open_failure(&isomm_store::redacted(&url), &e))
        }
    };
    runtime.block_on(async {
        match command {
            UserCommand::Add {
                email,
                name,
                workspace,
                access,
                admin,
                database,
            } => {
                let store = open(&database.database_url).await?;
                let password = new_password()?;
                let new = isomm_store::auth::NewAccount {
                    email: &email,
                    name: &name,
                    password: &password,
                    workspace: workspace.as_deref().zip(access.map(Into::into)),
                    admin,
                };
                // Every problem of the fields at once, before anything is stored.
                let problems = isomm_store::auth::account_problems(&new);
                if !problems.is_empty() {
                    let lines = problems.into_iter().map(|e| account_failure(e, &email));
                    return Err(Failure::Input(
                        lines
                            .flat_map(|f| match f {
                                Failure::Input(lines) => lines,
                                Failure::Other(line) => vec![line],
                            })
                            .collect(),
                    ));
                }
                let made = isomm_store::auth::add_account(&*store, &new, "cli", "cli")
                    .await
                    .map_err(|e| account_failure(e, &email))?;
                let shown = email.trim().to_lowercase();
                let is_admin = if made.admin { "yes" } else { "no" };
                match (&workspace, access) {
                    (Some(w), Some(a)) => {
                        let access = isomm_store::accounts::Access::from(a);
                        let args = [
                            ("admin", is_admin),
                            ("email", shown.as_str()),
                            ("access", access.as_str()),
                            ("workspace", w.as_str()),
                        ];
                        println!("{}", say("added-member", &args));
                    }
                    _ => println!(
                        "{}",
                        say("added", &[("admin", is_admin), ("email", &shown)])
                    ),
                }
                if made.admin && !admin {
                    println!("{}", say("first-admin", &[]));
                }
                if made.adopted > 0 {
                    let count = made.adopted.to_string();
                    println!("{}", say("adopted", &[("count", &count)]));
                }
            }
            UserCommand::List { database } => {
                let store = open(&database.database_url).await?;
                let other = |e: isomm_store::StoreError| {
                    tracing::error!(error = %e, "cannot list the accounts");
                    Failure::Other(say("database-failed", &[]))
                };
                let users = store.users().await.map_err(other)?;
                if users.is_empty() {
                    println!("{}", say("no-accounts", &[]));
                }
                for user in users {
                    let workspaces: Vec<String> = store
                        .memberships(user.id)
                        .await
                        .map_err(other)?
                        .into_iter()
                        .map(|(w, a)| format!("{} ({})", w.name, a.as_str()))
                        .collect();
                    println!(
                        "{}\t{}\t{}\t{}",
                        user.email,
                        user.name,
                        if user.admin { "admin" } else { "-" },
                        workspaces.join(", ")
                    );
                }
            }
            UserCommand::ResetPassword { email, database } => {
                let store = open(&database.database_url).await?;
                let password = new_password()?;
                isomm_store::auth::set_password(&*store, &email, &password, None, "cli", "cli")
                    .await
                    .map_err(|e| account_failure(e, &email))?;
                let shown = email.trim().to_lowercase();
                println!("{}", say("password-set", &[("email", &shown)]));
            }
        }
        Ok(())
    })
}

/// Seconds since the Unix epoch at 00:00 UTC of a `YYYY-MM-DD` date (checked to be one).
fn day_start(date: &str) -> Option<i64> {
    if !answers::valid_date(date) {
        return None;
    }
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    // Days from 1970-01-01 to the date in the proleptic Gregorian calendar (March-based years).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some((era * 146_097 + day_of_era - 719_468) * 86_400)
}

/// `isomm audit prune --before DATE`.
fn audit_prune(before: &str, url: &str) -> Result<(), Failure> {
    let _logs = init_logs(LogFormat::Text);
    let at = day_start(before)
        .ok_or_else(|| Failure::input(say("audit-bad-date", &[("value", before)])))?;
    let runtime = runtime()?;
    runtime.block_on(async {
        let store = isomm_store::connect(url)
            .await
            .map_err(|e| open_failure(&isomm_store::redacted(url), &e))?;
        let gone = store
            .prune_audit(at, "cli")
            .await
            .map_err(|e| open_failure(&isomm_store::redacted(url), &e))?;
        println!(
            "{}",
            say(
                "audit-pruned",
                &[("count", &gone.to_string()), ("date", before)]
            )
        );
        Ok(())
    })
}

/// The `--lang` of a command line clap could not read (to say why in that language).
fn lang_in_args() -> Option<LangArg> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().enumerate().find_map(|(i, a)| {
        let value = a.strip_prefix("--lang=").or_else(|| {
            (a == "--lang")
                .then(|| args.get(i + 1).map(String::as_str))
                .flatten()
        })?;
        match value {
            "en" => Some(LangArg::En),
            "ja" => Some(LangArg::Ja),
            _ => None,
        }
    })
}

/// A command line clap cannot read, said in the language of the messages (exit 2); help and the
/// version are printed as clap writes them.
fn usage_failure(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let _ = SAY_LANG.set(locale_lang(lang_in_args()));
    let get = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let (key, args): (&'static str, Vec<(&str, String)>) = match e.kind() {
        ErrorKind::UnknownArgument => (
            "usage-unknown-argument",
            vec![("arg", get(ContextKind::InvalidArg))],
        ),
        ErrorKind::InvalidSubcommand => (
            "usage-unknown-command",
            vec![("command", get(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::InvalidValue if e.get(ContextKind::ValidValue).is_some() => (
            "usage-invalid-value",
            vec![
                ("arg", get(ContextKind::InvalidArg)),
                ("value", get(ContextKind::InvalidValue)),
                ("values", get(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            "usage-bad-value",
            vec![
                ("arg", get(ContextKind::InvalidArg)),
                ("value", get(ContextKind::InvalidValue)),
            ],
        ),
        ErrorKind::MissingRequiredArgument => {
            ("usage-missing", vec![("arg", get(ContextKind::InvalidArg))])
        }
        _ => ("usage-other", Vec::new()),
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    eprintln!("{}", say("error", &[("message", &say(key, &args))]));
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_failure(e),
    };
    let given = match &cli.command {
        Command::Report(a) => a.common.lang,
        Command::Catalog(a) => a.common.lang,
        Command::Template(a) => a.common.lang,
        Command::Compare(a) => a.common.lang,
        Command::Trend(a) => a.common.lang,
        _ => None,
    };
    let _ = SAY_LANG.set(locale_lang(given));
    let result = match cli.command {
        Command::Serve(args) => serve(args),
        Command::Report(args) => report(args),
        Command::Catalog(args) => catalog(args),
        Command::Template(args) => template(args),
        Command::Compare(args) => compare_rounds(args),
        Command::Trend(args) => trend(args),
        Command::Db(DbCommand::Copy { from, to, force }) => db_copy(&from, &to, force),
        Command::User(command) => user_command(command),
        Command::Audit(AuditCommand::Prune { before, database }) => {
            audit_prune(&before, &database.database_url)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(lines)) => {
            for line in lines {
                eprintln!("{}", say("error", &[("message", &line)]));
            }
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            eprintln!("{}", say("error", &[("message", &message)]));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_the_start_of_its_day_in_utc() {
        for (date, secs) in [
            ("1970-01-01", 0),
            ("1969-12-31", -86_400),
            ("2000-03-01", 951_868_800),
            ("2024-02-29", 1_709_164_800),
            ("2026-12-06", 1_796_515_200),
        ] {
            assert_eq!(day_start(date), Some(secs), "{date}");
        }
        assert_eq!(day_start("2025-02-29"), None);
        assert_eq!(day_start("2025-1-1x"), None);
    }

    /// Every message the command line says, with every value of its selectors.
    fn ask_all(m: &mut isomm_core::messages::Messages) {
        m.format("error", &[("message", "m")]);
        for key in ["cannot-read", "cannot-write"] {
            for why in ["missing", "denied", "folder", "other"] {
                m.format(key, &[("file", "f"), ("why", why)]);
            }
        }
        m.format("cannot-write-stdout", &[]);
        m.format("cannot-render", &[]);
        m.format("unknown-model-type", &[("file", "f")]);
        m.format("unknown-answers-type", &[("file", "f")]);
        m.format("cannot-start", &[]);
        for why in ["in-use", "denied", "other"] {
            m.format("cannot-listen", &[("address", "a"), ("why", why)]);
        }
        for why in ["url", "other"] {
            m.format("cannot-open-db", &[("url", "u"), ("why", why)]);
        }
        m.format("serving", &[("url", "u"), ("database", "d")]);
        m.format("setup-link", &[("link", "l")]);
        m.format("allow-remote", &[]);
        m.format("copied", &[("from", "f"), ("to", "t"), ("counts", "c")]);
        m.format("copy-no-source", &[("url", "u")]);
        m.format("copy-unknown-table", &[("table", "t")]);
        m.format("copy-target-has-data", &[("url", "u")]);
        m.format("cannot-copy", &[("from", "f"), ("to", "t")]);
        for key in [
            "password-prompt",
            "password-again",
            "no-terminal",
            "cannot-read-password",
            "passwords-differ",
            "password-guessable",
            "database-failed",
            "first-admin",
            "no-accounts",
        ] {
            m.format(key, &[]);
        }
        m.format("account-email", &[("email", "e")]);
        m.format("account-name", &[("max", "200")]);
        m.format("account-workspace", &[("max", "200")]);
        m.format("password-short", &[("min", "12")]);
        m.format("password-long", &[("max", "256")]);
        m.format("email-taken", &[("email", "e")]);
        for admin in ["yes", "no"] {
            m.format("added", &[("admin", admin), ("email", "e")]);
            let member = [
                ("admin", admin),
                ("email", "e"),
                ("access", "a"),
                ("workspace", "w"),
            ];
            m.format("added-member", &member);
        }
        for count in ["1", "2"] {
            m.format("adopted", &[("count", count)]);
            m.format("audit-pruned", &[("count", count), ("date", "d")]);
        }
        m.format("password-set", &[("email", "e")]);
        m.format("audit-pruned", &[("count", "1"), ("date", "d")]);
        m.format("audit-bad-date", &[("value", "v")]);
        m.format("usage-unknown-argument", &[("arg", "a")]);
        m.format("usage-unknown-command", &[("command", "c")]);
        let value = [("arg", "a"), ("value", "v"), ("values", "x, y")];
        m.format("usage-invalid-value", &value);
        m.format("usage-bad-value", &value[..2]);
        m.format("usage-missing", &[("arg", "a")]);
        m.format("usage-other", &[]);
        m.format("xlsx-to-terminal", &[]);
        m.format(
            "session-too-short",
            &[("arg", "a"), ("value", "1"), ("min", "2")],
        );
        m.format("plan-options", &[("max-size", "500"), ("max-gap", "5")]);
        m.format("unknown-round-type", &[("file", "f")]);
        m.format(
            "result-shape",
            &[("file", "f"), ("line", "1"), ("column", "2")],
        );
        m.format(
            "result-side",
            &[("file", "f"), ("role", "r"), ("found", "x")],
        );
        m.format("result-value", &[("file", "f"), ("field", "x")]);
        m.format(
            "result-respondents",
            &[("file", "f"), ("found", "2"), ("max", "1")],
        );
        m.format(
            "result-other-model",
            &[("file", "f"), ("model", "m"), ("loaded", "l")],
        );
        m.format("round-csv", &[("file", "f")]);
        let both = [
            ("earlier", "e"),
            ("later", "l"),
            ("in-earlier", "a"),
            ("in-later", "b"),
        ];
        for what in ["model", "functions"] {
            let mut args = both.to_vec();
            args.push(("what", what));
            m.format("incomparable", &args);
        }
        let mut args = both.to_vec();
        args.push(("role", "r"));
        m.format("incomparable-role", &args);
        for which in ["earlier", "later"] {
            m.format(
                "incomparable-role-missing",
                &[
                    ("earlier", "e"),
                    ("later", "l"),
                    ("role", "r"),
                    ("which", which),
                ],
            );
        }
        m.format("round-other-format", &[("file", "f"), ("found", "x")]);
        for what in ["dates", "organizations", "same"] {
            m.format(
                "compare-warning",
                &[("earlier", "e"), ("later", "l"), ("what", what)],
            );
        }
        m.format("threshold", &[("value", "v")]);
        for count in ["0", "1"] {
            m.format("trend-too-few", &[("count", count), ("min", "2")]);
        }
        for key in [
            "public-url-not-an-address",
            "public-url-not-http",
            "public-url-not-just-the-site",
        ] {
            m.format(key, &[("url", "u")]);
        }
    }

    #[test]
    fn every_command_line_message_is_in_every_language() {
        assert_eq!(
            isomm_core::messages::problems(cli_source, ask_all),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_locale_picks_the_language_of_messages() {
        assert_eq!(locale_lang(Some(LangArg::En)), Lang::En);
        assert_eq!(locale_lang(Some(LangArg::Ja)), Lang::Ja);
    }
}
