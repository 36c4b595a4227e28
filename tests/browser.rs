//! Composite hostile documents in a real browser: every string field of an example that can hold a payload
//! holds one at once (scripts, event handlers, frames, styles, refreshes, images, links in every spelling,
//! each aimed at a local server), and the charter and its redline are rendered to HTML, their
//! Content-Security-Policy removed, and loaded in headless Chromium from that server. The server must
//! receive no request but the document's own: no script ran (each would fetch), nothing loaded. A control
//! page with the same payloads unescaped must make the server receive requests, so that the test cannot
//! pass because the browser fetched nothing at all.
//!
//! Needs Chromium, as `tests/print.rs` does: without it the test says so and passes, unless
//! `CHARTER_REQUIRE_CHROMIUM` is set.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use charter::diff::{self, Format, Options, Side};
use charter::pipeline::check;
use charter::render;
use charter::source::Source;

/// Payloads, with `HOST` standing for the local server. Each would fetch `/hit-…` from it if it ran or
/// loaded anything.
const PAYLOADS: &[&str] = &[
    "<script>fetch('http://HOST/hit-script')</script>",
    "<script src=http://HOST/hit-script-src></script>",
    "<img src=http://HOST/hit-img>",
    "<img src=x onerror=\"fetch('http://HOST/hit-onerror')\">",
    "<svg/onload=fetch('http://HOST/hit-svg')>",
    "<iframe src=\"http://HOST/hit-iframe\"></iframe>",
    "<link rel=stylesheet href=http://HOST/hit-link>",
    "<style>@import 'http://HOST/hit-import';</style>",
    "<div style=\"background:url(http://HOST/hit-style)\">x</div>",
    "<meta http-equiv=\"refresh\" content=\"0;url=http://HOST/hit-refresh\">",
    "<object data=\"http://HOST/hit-object\"></object>",
    "<embed src=\"http://HOST/hit-embed\">",
    "<video src=\"http://HOST/hit-video\" autoplay></video>",
    "<details open ontoggle=\"fetch('http://HOST/hit-toggle')\">x</details>",
    "<body onload=\"fetch('http://HOST/hit-body')\">",
    "<base href=\"http://HOST/hit-base/\">",
    "![x](http://HOST/hit-md-image)",
    "![x][i]\n\n[i]: http://HOST/hit-md-ref-image",
    "[x](javascript:fetch('http://HOST/hit-js-link'))",
    "[x](JaVaScRiPt:fetch('http://HOST/hit-js-case'))",
    "[x](java&#115;cript:fetch('http://HOST/hit-js-entity'))",
    "<javascript:fetch('http://HOST/hit-autolink')>",
    "\"><script>fetch('http://HOST/hit-attr')</script>",
    "'><img src=x onerror=fetch('http://HOST/hit-attr2')>",
    "</title><script>fetch('http://HOST/hit-title')</script>",
    "<math><mtext><table><mglyph><style><img src=http://HOST/hit-mxss>",
];

/// A tiny HTTP server that serves the pages it is given and records every other path requested.
struct Server {
    port: u16,
    hits: Arc<Mutex<Vec<String>>>,
    pages: Arc<Mutex<Vec<(String, String)>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let hits = Arc::new(Mutex::new(Vec::new()));
        let pages: Arc<Mutex<Vec<(String, String)>>> = Arc::new(Mutex::new(Vec::new()));
        let (h, p) = (hits.clone(), pages.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(&stream, &h, &p);
            }
        });
        Server { port, hits, pages }
    }

    fn page(&self, path: &str, html: String) {
        self.pages
            .lock()
            .expect("pages")
            .push((path.to_owned(), html));
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The paths requested since the last call. A request of our own goes last in the server's queue
    /// first, so that every request the browser made before it has been recorded, however late the server
    /// got to it on a busy machine.
    fn hits(&self) -> Vec<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(stream, "GET /settle HTTP/1.1\r\nHost: x\r\n\r\n").expect("request");
        let _ = std::io::Read::read_to_end(&mut stream, &mut Vec::new());
        let mut hits = std::mem::take(&mut *self.hits.lock().expect("hits"));
        hits.retain(|h| h != "/settle");
        hits
    }
}

fn serve(stream: &TcpStream, hits: &Mutex<Vec<String>>, pages: &Mutex<Vec<(String, String)>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    // Chromium opens spare connections ahead of need and may close them unused: a connection that sends
    // no request line fetched nothing.
    if reader.read_line(&mut line).map_or(true, |n| n == 0) || line.trim().is_empty() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    // The rest of the request head.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header.trim().is_empty() {
            break;
        }
    }
    let page = pages
        .lock()
        .expect("pages")
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, html)| html.clone());
    let body = match page {
        Some(html) => html,
        None => {
            hits.lock().expect("hits").push(path);
            String::new()
        }
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Loads a page in headless Chromium and lets it run for a few seconds of virtual time.
fn load(chromium: &PathBuf, url: &str) {
    dump_dom(chromium, url);
}

/// The example with as many string fields as possible holding a payload at once: each field, from the
/// last to the first, takes the first payload (from its own turn in the list) that keeps the charter valid.
fn composite(text: &str, host: &str) -> String {
    let payloads: Vec<String> = PAYLOADS.iter().map(|p| p.replace("HOST", host)).collect();
    let mut out = text.to_owned();
    let mut leaves = common::string_leaves(text);
    leaves.reverse();
    for (i, (span, _)) in leaves.into_iter().enumerate() {
        for k in 0..3 {
            let payload = &payloads[(i + k) % payloads.len()];
            let quoted = toml::Value::String(payload.clone()).to_string();
            let candidate = format!("{}{}{}", &out[..span.start], quoted, &out[span.end..]);
            if check(&Source::new("x.toml", candidate.clone().into_bytes()))
                .0
                .is_some()
            {
                out = candidate;
                break;
            }
        }
    }
    out
}

fn without_csp(html: &str) -> String {
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("a CSP");
    let end = start + html[start..].find('>').expect("end of meta") + 1;
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn composite_hostile_documents_run_no_script_and_fetch_nothing_without_their_csp() {
    let Some(chromium) = common::chromium("the browser test") else {
        return;
    };
    let server = Server::start();
    let host = server.host();
    // The control: the payloads as raw HTML, with no CSP, must reach the server.
    let control: String = PAYLOADS
        .iter()
        .map(|p| p.replace("HOST", &host))
        .collect::<Vec<_>>()
        .join("\n");
    server.page(
        "/control.html",
        format!("<!DOCTYPE html><html><head><title>c</title></head><body>{control}</body></html>"),
    );
    load(&chromium, &format!("http://{host}/control.html"));
    let control_hits = server.hits();
    assert!(
        control_hits.len() >= 5,
        "the control page fetched only {control_hits:?}: the harness cannot see requests"
    );
    let path = common::root().join("charters/sepsis-advisory-board.toml");
    let text = std::fs::read_to_string(&path).expect("example");
    let hostile = composite(&text, &host);
    let (original, source) = (
        Source::new("old.toml", text.into_bytes()),
        Source::new("new.toml", hostile.clone().into_bytes()),
    );
    let changed = common::string_leaves(&hostile)
        .iter()
        .filter(|(_, v)| v.contains(&host))
        .count();
    assert!(changed >= 100, "only {changed} fields hold a payload");
    let (old_valid, new_valid) = (
        check(&original).0.expect("valid"),
        check(&source).0.expect("the composite is valid"),
    );
    let side = |name, source: &Source, valid| Side::laid_out(name, valid, &source.bytes);
    let (old, new) = (
        side("old", &original, &old_valid),
        side("new", &source, &new_valid),
    );
    let redline = diff::diff(
        &old,
        &new,
        Options {
            format: Format::Html,
            rendered: true,
            color: false,
            mark_renumbered: false,
            changed_only: false,
        },
    )
    .report;
    let charter_html = render::html(&new_valid, &source).expect("html");
    for (name, html) in [("charter", charter_html), ("redline", redline)] {
        let page = format!("/{name}.html");
        server.page(&page, without_csp(&html));
        load(&chromium, &format!("http://{host}{page}"));
        let hits = server.hits();
        assert!(
            hits.iter().all(|h| h == "/favicon.ico"),
            "the {name} fetched {hits:?} with its CSP removed"
        );
    }
}

/// Loads a page in headless Chromium and returns its DOM after a few seconds of virtual time.
fn dump_dom(chromium: &PathBuf, url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = assert_cmd::Command::new(chromium)
        .args(common::HEADLESS)
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A page that frames each of `pages` 390 pixels wide, as a phone shows it, and writes down how wide
/// each framed document's content is (`name=scrollWidth`). The documents themselves run no script: this
/// page, from the same server, measures them.
fn phone_frames(pages: &[String]) -> String {
    let frames: String = pages
        .iter()
        .map(|p| format!("<iframe src=\"/{p}.html\" data-name=\"{p}\" width=\"390\" height=\"844\" style=\"border:0\"></iframe>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>phone</title></head><body>{frames}<pre id=\"out\"></pre><script>
window.addEventListener('load', () => {{
  for (const f of document.querySelectorAll('iframe')) {{
    const width = f.contentDocument.documentElement.scrollWidth;
    document.getElementById('out').textContent += f.dataset.name + '=' + width + '\\n';
  }}
}});
</script></body></html>"
    )
}

#[test]
fn on_a_phone_no_example_scrolls_sideways() {
    let Some(chromium) = common::chromium("the browser test") else {
        return;
    };
    let server = Server::start();
    // The control: a document wider than the screen must be measured as such.
    server.page(
        "/control-wide.html",
        "<!DOCTYPE html><html><head><title>w</title></head><body><table><tr><td style=\"white-space:nowrap\">a very long line that does not fit on any phone screen at all, not even sideways</td></tr></table></body></html>".to_owned(),
    );
    let mut names = vec!["control-wide".to_owned()];
    for path in common::examples() {
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let source = Source::new("example.toml", std::fs::read(&path).expect("example"));
        let valid = check(&source).0.expect("valid example");
        server.page(
            &format!("/{stem}.html"),
            render::html(&valid, &source).expect("html"),
        );
        names.push(stem);
    }
    server.page("/phone.html", phone_frames(&names));
    let dom = dump_dom(&chromium, &format!("http://{}/phone.html", server.host()));
    for name in &names {
        let key = format!("{name}=");
        let at = dom
            .find(&key)
            .unwrap_or_else(|| panic!("{name} was not measured: {dom}"));
        let width: u32 = dom[at + key.len()..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|digits| digits.parse().ok())
            .expect("a width");
        if name == "control-wide" {
            assert!(
                width > 390,
                "the control is {width} px wide: nothing was measured"
            );
        } else {
            assert!(width <= 390, "{name} is {width} px wide on a 390 px screen");
        }
    }
}
