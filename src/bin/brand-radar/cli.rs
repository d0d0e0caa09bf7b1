//! Command-line parsing and the subcommands.

use crate::{eval, extract, units};
use brand_radar::adapter::{Adapter, Pack};
use brand_radar::bundle::Limits;
use brand_radar::matcher::{Matcher, Mention};
use brand_radar::normalize::utf16_len;
use brand_radar::sentiment::{Analysis, PushTag, Scorer, Signals, Target};
use brand_radar::watchlist::Watchlist;
use clap::{Parser, Subcommand};
use scraper::Html;
use serde::Serialize;
use std::io::Read;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "brand-radar",
    version,
    about = "Brand Radar: find brand mentions in saved pages and text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the mentions of watched brands in saved .html / .txt files.
    Scan {
        /// Watchlist JSON file (see docs/watchlist.md).
        #[arg(long, value_name = "FILE")]
        watchlist: Option<PathBuf>,
        /// A brand as 'Name,Alias,…'; repeatable, added to the watchlist.
        #[arg(long, value_name = "SPEC")]
        brand: Vec<String>,
        /// One JSON object per input file, one per line (docs/cli.md).
        #[arg(long)]
        json: bool,
        /// Site adapter for comment units (ptt, amazon, …; `none` for no
        /// units); by default the first adapter that finds units.
        #[arg(long, value_name = "SITE")]
        site: Option<String>,
        /// A pack of site adapters (docs/adapters.md), tried before the
        /// built-in ones; repeatable.
        #[arg(long, value_name = "FILE")]
        adapters: Vec<PathBuf>,
        /// Files to scan: .html/.htm are read as pages, anything else as text.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Score the sentiment, crisis types and risk of a text (or stdin).
    Score {
        /// The text; read from stdin when absent.
        text: Option<String>,
        /// Star rating given with the text, 1-5.
        #[arg(long, value_name = "1-5")]
        rating: Option<f32>,
        /// PTT push tag: 推, 噓 or → (or push, boo, arrow).
        #[arg(long, value_name = "TAG")]
        push: Option<String>,
        /// Likes, reactions or push count of the unit (reach).
        #[arg(long, default_value_t = 0)]
        likes: u32,
        /// Replies to the unit (reach).
        #[arg(long, default_value_t = 0)]
        replies: u32,
        /// A watched brand as 'Name,Alias,…' (repeatable): adds the verdict
        /// toward each one the text mentions (`targets`).
        #[arg(long, value_name = "NAME,ALIAS")]
        brand: Vec<String>,
        /// A competitor as 'Name,Alias,…' (repeatable), or the name of a
        /// --brand to mark as a competitor.
        #[arg(long, value_name = "NAME,ALIAS")]
        competitor: Vec<String>,
        /// JSON output (docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Check a draft reply (回覆健檢): what adds fuel, what is missing, what is good.
    Reply {
        /// The draft; read from stdin when absent.
        text: Option<String>,
        /// The comment the draft answers: whether a complaint is answered
        /// and harm was done (an apology is due).
        #[arg(long, value_name = "COMMENT")]
        to: Option<String>,
        /// JSON output (docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Check an evidence bundle: every file hash, every record and the chain.
    Verify {
        /// The bundle (.zip).
        bundle: PathBuf,
        /// JSON output.
        #[arg(long)]
        json: bool,
        /// Check the bundle's timestamp reply (timestamp.tsr, RFC 3161) against this
        /// certificate (PEM or DER): the timestamp authority's, or the CA that issued it.
        #[arg(long, value_name = "CERT")]
        tsa_cert: Option<PathBuf>,
    },
    /// Measure the scorer on a labelled file: rows `label<TAB>text[<TAB>stars]`, labels neg/neu/pos.
    Eval {
        /// The labelled TSV file.
        file: PathBuf,
        /// JSON output.
        #[arg(long)]
        json: bool,
        /// Ignore a star column: judge the words alone.
        #[arg(long)]
        text_only: bool,
    },
}

/// A failure worth one line on stderr and exit code 2.
struct Fail(String);

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        Fail(format!("cannot write output: {e}"))
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan {
            watchlist,
            brand,
            json,
            site,
            adapters,
            paths,
        } => scan(
            watchlist.as_deref(),
            &brand,
            json,
            site.as_deref(),
            &adapters,
            &paths,
        ),
        Command::Score {
            text,
            rating,
            push,
            likes,
            replies,
            brand,
            competitor,
            json,
        } => score(
            text,
            rating,
            push.as_deref(),
            (likes, replies),
            (&brand, &competitor),
            json,
        ),
        Command::Eval {
            file,
            json,
            text_only,
        } => evaluate(&file, json, text_only),
        Command::Reply { text, to, json } => reply(text, to.as_deref(), json),
        Command::Verify {
            bundle,
            json,
            tsa_cert,
        } => verify(&bundle, json, tsa_cert.as_deref()),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(Fail(msg)) if msg.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(Fail(msg)) => {
            eprintln!("brand-radar: {msg}");
            ExitCode::from(2)
        }
    }
}

fn load_watchlist(file: Option<&Path>, specs: &[String]) -> Result<Watchlist, Fail> {
    let mut list = match file {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Fail(format!("cannot read watchlist {}: {e}", p.display())))?;
            Watchlist::parse(&text)
                .map_err(|e| Fail(format!("watchlist {} refused: {e}", p.display())))?
        }
        None if specs.is_empty() => {
            return Err(Fail(
                "give --watchlist FILE or at least one --brand 'Name,Alias'".into(),
            ))
        }
        None => Watchlist::from_specs::<&str>(&[]).map_err(|e| Fail(e.to_string()))?,
    };
    if !specs.is_empty() {
        let extra =
            Watchlist::from_specs(specs).map_err(|e| Fail(format!("--brand refused: {e}")))?;
        list.brands.extend(extra.brands);
        list.validate()
            .map_err(|e| Fail(format!("--brand refused: {e}")))?;
    }
    Ok(list)
}

/// A pack of site adapters, checked as the extension checks an import, and
/// its selectors by the selector engine that will run them.
fn load_pack(p: &Path) -> Result<Pack, Fail> {
    let refused = |e: String| Fail(format!("--adapters {} refused: {e}", p.display()));
    let text = std::fs::read_to_string(p)
        .map_err(|e| Fail(format!("cannot read --adapters {}: {e}", p.display())))?;
    let pack = Pack::parse(&text).map_err(|e| refused(e.to_string()))?;
    for (field, sel) in pack.selectors() {
        if sel != "." {
            scraper::Selector::parse(sel)
                .map_err(|e| refused(format!("{field}: \"{sel}\" is no CSS selector ({e})")))?;
        }
    }
    Ok(pack)
}

/// A file as the extension would see it: its text, and the parsed page
/// when it is HTML.
fn read_page(path: &Path) -> Result<(String, Option<Html>), Fail> {
    let bytes =
        std::fs::read(path).map_err(|e| Fail(format!("cannot read {}: {e}", path.display())))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "brand-radar: warning: {} is not valid UTF-8; bad bytes read as U+FFFD",
                path.display()
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if is_html {
        let doc = Html::parse_document(&text);
        Ok((extract::doc_text(&doc), Some(doc)))
    } else {
        // Lines of a text file are its blocks (a length-preserving swap).
        Ok((text.replace('\n', "\u{2029}"), None))
    }
}

#[derive(Serialize)]
struct MentionOut<'a> {
    text: &'a str,
    brand: &'a str,
    competitor: bool,
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct FileOut<'a> {
    file: String,
    /// Length of the extracted text, in UTF-16 code units.
    length: usize,
    mentions: Vec<MentionOut<'a>>,
    /// The adapter that found the units, if any.
    site: Option<String>,
    /// Comment units, each scored.
    units: Vec<units::Unit>,
}

fn scan(
    watchlist: Option<&Path>,
    specs: &[String],
    json: bool,
    site: Option<&str>,
    packs: &[PathBuf],
    paths: &[PathBuf],
) -> Result<ExitCode, Fail> {
    let list = load_watchlist(watchlist, specs)?;
    let matcher = Matcher::new(&list);
    let mut adapters = Vec::new();
    for p in packs {
        adapters.extend(load_pack(p)?.adapters);
    }
    adapters.extend(Adapter::builtin());
    if let Some(s) = site.filter(|s| *s != "none") {
        if !adapters.iter().any(|a| a.site == s) {
            let names: Vec<&str> = adapters.iter().map(|a| a.site.as_str()).collect();
            return Err(Fail(format!(
                "--site {s}: no such adapter (have: {}, none)",
                names.join(", ")
            )));
        }
    }
    let mut out = io::stdout().lock();
    for path in paths {
        let (text, doc) = read_page(path)?;
        let found = matcher.find(&text);
        let adapter = match (site, &doc) {
            (Some("none"), _) | (_, None) => None,
            (Some(s), _) => adapters.iter().find(|a| a.site == s),
            (None, Some(d)) => units::detect(d, &adapters),
        };
        let page_units = match (adapter, &doc) {
            (Some(a), Some(d)) => units::find(d, a, &list, &matcher),
            _ => Vec::new(),
        };
        let mentions: Vec<MentionOut> = found
            .iter()
            .map(|m| {
                let brand = &list.brands[m.brand as usize];
                MentionOut {
                    text: &text[m.byte_start..m.byte_end],
                    brand: &brand.name,
                    competitor: brand.competitor,
                    start: m.start,
                    end: m.end,
                }
            })
            .collect();
        if json {
            let file = FileOut {
                file: path.display().to_string(),
                length: utf16_len(text.as_bytes()),
                mentions,
                site: adapter.map(|a| a.site.clone()),
                units: page_units,
            };
            serde_json::to_writer(&mut out, &file).map_err(|e| Fail(e.to_string()))?;
            writeln!(out)?;
        } else {
            print_table(&mut out, path, &text, &found, &mentions)?;
            if let Some(a) = adapter {
                print_units(&mut out, a, &page_units)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(
    out: &mut impl Write,
    path: &Path,
    text: &str,
    found: &[Mention],
    mentions: &[MentionOut],
) -> io::Result<()> {
    writeln!(out, "{}: {} mention(s)", path.display(), mentions.len())?;
    if mentions.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "  {:<20} {:<20} {:>15}  context",
        "brand", "matched", "utf16 span"
    )?;
    for (m, m_out) in found.iter().zip(mentions) {
        let before: String = text[..m.byte_start]
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[m.byte_end..].chars().take(12).collect();
        let context = format!("{before}[{}]{after}", m_out.text).replace(['\n', '\r', '\t'], " ");
        let brand = if m_out.competitor {
            format!("{} (competitor)", m_out.brand)
        } else {
            m_out.brand.to_string()
        };
        writeln!(
            out,
            "  {:<20} {:<20} {:>15}  {}",
            brand,
            m_out.text,
            format!("{}-{}", m_out.start, m_out.end),
            context
        )?;
    }
    Ok(())
}

/// The watchlist `score` judges targets by: --brand specs, --competitor
/// specs (or names of a --brand), or none.
fn score_list(brands: &[String], competitors: &[String]) -> Result<Option<Watchlist>, Fail> {
    if brands.is_empty() && competitors.is_empty() {
        return Ok(None);
    }
    let refused = |e: brand_radar::input::InputError| Fail(format!("--brand refused: {e}"));
    let mut list = Watchlist::from_specs(brands).map_err(refused)?;
    for c in competitors {
        let name = c.split(',').next().unwrap_or("").trim();
        if let Some(b) = list.brands.iter_mut().find(|b| b.name == name) {
            b.competitor = true;
        } else {
            let mut extra = Watchlist::from_specs(std::slice::from_ref(c)).map_err(refused)?;
            extra.brands.iter_mut().for_each(|b| b.competitor = true);
            list.brands.extend(extra.brands);
        }
    }
    list.validate().map_err(refused)?;
    Ok(Some(list))
}

/// The text given, or stdin.
fn text_or_stdin(text: Option<String>) -> Result<String, Fail> {
    match text {
        Some(t) => Ok(t),
        None => {
            let mut s = String::new();
            io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Fail(format!("cannot read stdin: {e}")))?;
            Ok(s)
        }
    }
}

fn reply(text: Option<String>, to: Option<&str>, json: bool) -> Result<ExitCode, Fail> {
    let text = text_or_stdin(text)?;
    if text.trim().is_empty() {
        return Err(Fail(
            "no draft to check: give it as an argument or on stdin".into(),
        ));
    }
    let c = brand_radar::reply::check(&text, to.filter(|t| !t.trim().is_empty()));
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &c).map_err(|e| Fail(e.to_string()))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "verdict    {} {}  ({} finding{})",
        c.verdict.zh(),
        c.verdict.as_str(),
        c.findings.len(),
        if c.findings.len() == 1 { "" } else { "s" }
    )?;
    for f in &c.findings {
        let words = if f.text.is_empty() {
            String::new()
        } else {
            format!("「{}」 {}-{}  ", f.text, f.start, f.end)
        };
        writeln!(out, "✗ {}  {words}{}", f.kind.zh(), f.kind.en())?;
    }
    for g in &c.strengths {
        writeln!(
            out,
            "✓ {} / {}  「{}」 {}-{}",
            g.kind.zh(),
            g.kind.en(),
            g.text,
            g.start,
            g.end
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn score(
    text: Option<String>,
    rating: Option<f32>,
    push: Option<&str>,
    (likes, replies): (u32, u32),
    (brands, competitors): (&[String], &[String]),
    json: bool,
) -> Result<ExitCode, Fail> {
    let list = score_list(brands, competitors)?;
    let text = text_or_stdin(text)?;
    if let Some(r) = rating {
        if !(1.0..=5.0).contains(&r) {
            return Err(Fail(format!("--rating {r}: a rating is from 1 to 5")));
        }
    }
    let push = match push {
        None => None,
        Some(p) => {
            Some(PushTag::parse(p).ok_or_else(|| Fail(format!("--push {p}: use 推, 噓 or →")))?)
        }
    };
    let signals = Signals {
        rating,
        push,
        likes,
        replies,
    };
    let scorer = Scorer::builtin();
    let (a, targets) = match &list {
        Some(l) => {
            let (a, t) = units::judge(scorer, &text, l, &Matcher::new(l), &signals);
            (a, Some(t))
        }
        None => (scorer.score(&text, &signals), None),
    };
    let mut out = io::stdout().lock();
    if json {
        #[derive(Serialize)]
        struct Scored<'a> {
            #[serde(flatten)]
            analysis: &'a Analysis,
            #[serde(skip_serializing_if = "Option::is_none")]
            targets: Option<&'a [Target]>,
        }
        let scored = Scored {
            analysis: &a,
            targets: targets.as_deref(),
        };
        serde_json::to_writer_pretty(&mut out, &scored).map_err(|e| Fail(e.to_string()))?;
        writeln!(out)?;
    } else {
        print_analysis(&mut out, &a)?;
        for t in targets.iter().flatten() {
            writeln!(
                out,
                "toward     {}{}: {} ({:+.2}, {})",
                t.brand,
                if t.competitor { " (competitor)" } else { "" },
                t.label.as_str(),
                t.score,
                t.basis.as_str()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_analysis(out: &mut impl Write, a: &Analysis) -> io::Result<()> {
    writeln!(
        out,
        "label      {}  (score {:+.2}, confidence {:.2})",
        a.label.as_str(),
        a.score,
        a.confidence
    )?;
    writeln!(
        out,
        "risk       {} {}  ({})",
        a.risk.grade.zh(),
        a.risk.grade.as_str(),
        a.risk.reason
    )?;
    if a.crises.is_empty() {
        writeln!(out, "crisis     none")?;
    }
    for c in &a.crises {
        let ev: Vec<&str> = c.evidence.iter().map(|e| e.text.as_str()).collect();
        writeln!(
            out,
            "crisis     {} / {} ({:.1}): {}",
            c.crisis.zh(),
            c.crisis.en(),
            c.score,
            ev.join("、")
        )?;
    }
    writeln!(out, "reasons")?;
    let mut reasons: Vec<_> = a.reasons.iter().collect();
    reasons.sort_by(|x, y| y.contribution.abs().total_cmp(&x.contribution.abs()));
    for r in reasons.iter().take(20) {
        let span = if r.start == r.end {
            "signal".to_string()
        } else {
            format!("{}-{}", r.start, r.end)
        };
        writeln!(
            out,
            "  {:+.2}  {:<12} {:<16} {}",
            r.contribution,
            format!("{:?}", r.kind).to_lowercase(),
            r.text,
            span
        )?;
    }
    if reasons.len() > 20 {
        writeln!(out, "  … {} more (--json lists all)", reasons.len() - 20)?;
    }
    Ok(())
}

fn evaluate(file: &Path, json: bool, text_only: bool) -> Result<ExitCode, Fail> {
    let tsv = std::fs::read_to_string(file)
        .map_err(|e| Fail(format!("cannot read {}: {e}", file.display())))?;
    let report = eval::run(&tsv, text_only);
    if report.rows == 0 {
        return Err(Fail(format!(
            "{}: no `label<TAB>text` rows with labels neg/neu/pos",
            file.display()
        )));
    }
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(|e| Fail(e.to_string()))?;
        writeln!(out)?;
    } else {
        write!(out, "{}", eval::table(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_units(out: &mut impl Write, adapter: &Adapter, units: &[units::Unit]) -> io::Result<()> {
    // The brand's own replies are its voice, not verdicts on it (`voice::owner`).
    let theirs = || units.iter().filter(|u| u.owner.is_none());
    let count = |l: &str| theirs().filter(|u| u.label == l).count();
    let own = units.len() - theirs().count();
    writeln!(
        out,
        "  {} unit(s) ({}): {} negative, {} neutral, {} positive{}",
        units.len(),
        adapter.name,
        count("neg"),
        count("neu"),
        count("pos"),
        if own > 0 {
            format!(", {own} the brand's own")
        } else {
            String::new()
        }
    )?;
    let rank = |r: &str| {
        ["low", "medium", "high", "critical"]
            .iter()
            .position(|x| *x == r)
            .unwrap_or(0)
    };
    let mut worst: Vec<&units::Unit> = theirs().filter(|u| u.label == "neg").collect();
    worst.sort_by(|a, b| {
        rank(b.risk)
            .cmp(&rank(a.risk))
            .then(a.score.total_cmp(&b.score))
    });
    for u in worst.iter().take(5) {
        let text: String = u.text.chars().take(40).collect();
        let crises = if u.crises.is_empty() {
            String::new()
        } else {
            format!(" [{}]", u.crises.join(", "))
        };
        writeln!(
            out,
            "    {:<8} {:+.2}{}{} {}: {}",
            u.risk,
            u.score,
            crises,
            if u.answered { " (answered)" } else { "" },
            u.author.as_deref().unwrap_or("?"),
            text
        )?;
    }
    Ok(())
}

/// What `verify` says of a bundle's timestamp.
#[derive(Serialize)]
struct StampVerdict {
    /// Checked against a trusted certificate (`--tsa-cert`).
    checked: bool,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

/// The `--json` output: the report's fields, and `timestamp` when there is one.
#[derive(Serialize)]
struct Verified {
    #[serde(flatten)]
    report: brand_radar::evidence::Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<StampVerdict>,
}

/// The verdict on the bundle's timestamp reply, if it has one or one is asked for.
fn stamp_verdict(
    check: &brand_radar::evidence::Check,
    tsa_cert: Option<&Path>,
) -> Result<Option<StampVerdict>, Fail> {
    use brand_radar::timestamp::{self, REPLY_FILE, REQUEST_FILE};
    let reply = check.kept(REPLY_FILE);
    let Some(cert_path) = tsa_cert else {
        return Ok(reply.map(|_| StampVerdict {
            checked: false,
            ok: false,
            time: None,
            authority: None,
            problem: Some(format!(
                "{REPLY_FILE} present: check it with --tsa-cert CERT.pem"
            )),
        }));
    };
    let trusted = std::fs::read(cert_path)
        .map_err(|e| Fail(format!("cannot read {}: {e}", cert_path.display())))?;
    let result = match (check.kept(REQUEST_FILE), reply, check.manifest()) {
        (_, None, _) => Err(format!("the bundle has no {REPLY_FILE}")),
        (None, _, _) => Err(format!("the bundle has no {REQUEST_FILE}")),
        (_, _, None) => Err("the bundle has no manifest.json".to_string()),
        (Some(req), Some(rep), Some(manifest)) => timestamp::check(req, rep, manifest, &trusted),
    };
    Ok(Some(match result {
        Ok(stamp) => StampVerdict {
            checked: true,
            ok: true,
            time: Some(stamp.time),
            authority: Some(stamp.authority),
            problem: None,
        },
        Err(problem) => StampVerdict {
            checked: true,
            ok: false,
            time: None,
            authority: None,
            problem: Some(problem),
        },
    }))
}

fn verify(bundle: &Path, json: bool, tsa_cert: Option<&Path>) -> Result<ExitCode, Fail> {
    let file = std::fs::File::open(bundle)
        .map_err(|e| Fail(format!("cannot read {}: {e}", bundle.display())))?;
    let check = brand_radar::bundle::check_zip(io::BufReader::new(file), &Limits::DISK)
        .map_err(|e| Fail(format!("{}: {e}", bundle.display())))?;
    let timestamp = stamp_verdict(&check, tsa_cert)?;
    let mut report = check.finish();
    report.ok &= timestamp.as_ref().is_none_or(|t| t.ok || !t.checked);
    let mut out = io::stdout().lock();
    if json {
        let verified = Verified { report, timestamp };
        serde_json::to_writer_pretty(&mut out, &verified).map_err(|e| Fail(e.to_string()))?;
        writeln!(out)?;
        report = verified.report;
    } else {
        for p in &report.problems {
            writeln!(out, "FAIL  {p}")?;
        }
        for item in &report.items {
            if item.ok {
                writeln!(out, "OK    {}", item.id)?;
            } else {
                writeln!(out, "FAIL  {}: {}", item.id, item.problems.join("; "))?;
            }
        }
        match &timestamp {
            Some(StampVerdict {
                ok: true,
                time: Some(time),
                authority: Some(by),
                ..
            }) => writeln!(out, "OK    timestamp: stamped {time} by {by}")?,
            Some(StampVerdict {
                checked: false,
                problem: Some(p),
                ..
            }) => writeln!(out, "NOTE  {p}")?,
            Some(StampVerdict {
                problem: Some(p), ..
            }) => writeln!(out, "FAIL  timestamp: {p}")?,
            _ => {}
        }
        writeln!(
            out,
            "{}",
            if report.ok {
                "verdict: intact"
            } else {
                "verdict: TAMPERED or incomplete"
            }
        )?;
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
