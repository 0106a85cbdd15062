//! The web page (`orgmap export --format html`) in a real browser: headless Chromium driven
//! through WebDriver (chromedriver), as a reader uses it. scripts/install-deps.sh installs
//! Debian's `chromium` and `chromium-driver`. Screenshots are left in
//! target/web-page-*.png to look at.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

mod common;
use common::{orgmap, sample_path};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver and one headless Chromium session; both end when this is dropped.
struct Browser {
    driver: Child,
    agent: ureq::Agent,
    session: String,
    base: String,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    fn start() -> Browser {
        let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("chromedriver is missing: run scripts/install-deps.sh (chromium-driver)");
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while agent.get(format!("{base}/status")).call().is_err() {
            assert!(start.elapsed() < Duration::from_secs(30), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut browser = Browser { driver, agent, session: String::new(), base };
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                // Every name resolves to nothing: a page that asked the network would fail,
                // and say so in its console.
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--window-size=1280,800", "--host-resolver-rules=MAP * ~NOTFOUND"]
            }
        }}});
        let answer = browser.call("POST", "/session", Some(capabilities));
        browser.session = answer["sessionId"].as_str().expect("a session").to_string();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self.agent.post(&url).send_json(body.unwrap_or(json!({}))),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let answer: Value = response.body_mut().read_json().unwrap();
        assert!(status.is_success(), "{method} {path}: {status} {answer}");
        answer.get("value").cloned().map_or(answer, |value| {
            if path == "/session" { json!({"sessionId": value["sessionId"]}) } else { value }
        })
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": "about:blank"})));
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    fn run(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    fn element(&self, css: &str) -> String {
        let found =
            self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        found[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}")).to_string()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        self.call("POST", &format!("/element/{id}/click"), None);
    }

    /// Clicks role `i` on the map: its lit copy when it is lit (drawn over it), else itself.
    fn click_role(&self, i: usize) {
        let lit = format!("#lit .role[data-role=\"{i}\"] circle");
        let is_lit = self.run(&format!("return document.querySelector('{lit}') !== null"));
        if is_lit == json!(true) {
            self.click(&lit);
        } else {
            self.click(&format!("#map > g > .role[data-role=\"{i}\"] circle"));
        }
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.call("POST", &format!("/element/{id}/value"), Some(json!({"text": text})));
    }

    fn text(&self, css: &str) -> String {
        let id = self.element(css);
        self.call("GET", &format!("/element/{id}/text"), None).as_str().unwrap_or("").into()
    }

    /// The console's errors since the last call.
    fn console_errors(&self) -> Vec<String> {
        let log = self.call("POST", "/se/log", Some(json!({"type": "browser"})));
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or("").to_string())
            .collect()
    }

    fn screenshot(&self, path: &Path) {
        let png = self.call("GET", "/screenshot", None);
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(png.as_str().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = self.agent.delete(&url).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `orgmap export SAMPLE --format html` into `dir`.
fn page_of(dir: &Path, sample: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(sample.replace(".ron", ".html"));
    let file = sample_path(sample);
    let mut args = vec!["export", file.to_str().unwrap(), "--format", "html"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let run = orgmap(&args);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

fn url(path: &Path, hash: &str) -> String {
    format!("file://{}{hash}", path.display())
}

fn shot(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(format!("web-page-{name}.png"))
}

#[test]
fn each_sample_opens_clean_a_click_shows_the_purpose_a_link_opens_a_role_search_narrows() {
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start();
    for sample in [
        "wellbeing_teams.ron",
        "community_of_purpose.ron",
        "living_systems_sales.ron",
        "enterprise20.ron",
    ] {
        let map = orgmap::format::load(&sample_path(sample)).unwrap();
        let page = page_of(dir.path(), sample, &[]);
        browser.open(&url(&page, ""));
        assert!(browser.console_errors().is_empty(), "{sample}: {:?}", browser.console_errors());
        assert_eq!(browser.run("return document.getElementById('panel').hidden"), json!(true));
        // The shipped font is the one drawing the map (the cut font was accepted).
        let fonts = browser
            .run("return document.fonts.ready.then(() => [...document.fonts].map(f => f.status))");
        assert!(
            fonts.as_array().is_some_and(|f| !f.is_empty() && f.iter().all(|s| s == "loaded")),
            "{sample}: fonts {fonts}"
        );

        // A click on a role opens its job description, with its purpose.
        let (i, role) = map.roles.iter().enumerate().find(|(_, r)| !r.purpose.is_empty()).unwrap();
        browser.click_role(i);
        assert_eq!(browser.run("return document.getElementById('panel').hidden"), json!(false));
        let panel = browser.text("#panel-body");
        assert!(panel.contains(&role.name), "{sample}: {panel}");
        assert!(panel.contains(role.purpose.split_whitespace().next().unwrap()), "{panel}");
        assert!(browser.run("return location.hash").as_str().unwrap().contains(&role.id));
        // Its links lit, the rest faded.
        let veiled =
            browser.run("return document.getElementById('veil').getAttribute('visibility')");
        assert_eq!(veiled, json!("visible"));
        let lit = browser.run("return document.querySelectorAll('#lit .role').length");
        let linked: std::collections::HashSet<&str> = map
            .links
            .iter()
            .filter_map(|l| match (l.from == role.id, l.to == role.id) {
                (true, _) => Some(l.to.as_str()),
                (_, true) => Some(l.from.as_str()),
                _ => None,
            })
            .chain([role.id.as_str()])
            .collect();
        assert!(
            lit.as_u64().unwrap() as usize >= linked.len(),
            "{sample}: the role and those it links with"
        );
        browser.screenshot(&shot(&sample.replace(".ron", "")));
        // Esc closes it.
        browser.run("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))");
        assert_eq!(browser.run("return document.getElementById('panel').hidden"), json!(true));

        // #role= opens with that role selected.
        let last = map.roles.last().unwrap();
        browser.open(&url(&page, &format!("#role={}", last.id)));
        assert!(browser.text("#panel-body h2").contains(&last.name), "{sample}: #role=");

        // The search narrows as one types: fewer roles lit than there are.
        let word = role.name.split_whitespace().next().unwrap().to_lowercase();
        browser.type_into("#find", &word);
        let found =
            browser.run("return document.querySelectorAll('#found li[role=option]').length");
        let found = found.as_u64().unwrap() as usize;
        assert!(found >= 1, "{sample}: nothing found for {word}");
        let lit = browser.run("return document.querySelectorAll('#lit .role').length");
        assert!((lit.as_u64().unwrap() as usize) < map.roles.len(), "{sample}: search narrows");
        assert!(browser.console_errors().is_empty(), "{sample}: {:?}", browser.console_errors());
    }
}

#[test]
fn the_page_loads_nothing_from_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_of(dir.path(), "wellbeing_teams.ron", &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    // Nothing that fetches: no src, no stylesheet or font by address, no import.
    for fetch in ["src=\"http", "href=\"http", "url(http", "url(//", "@import", "<link", "<iframe"]
    {
        assert!(!html.contains(fetch), "the page fetches: {fetch}");
    }
    let browser = Browser::start();
    browser.open(&url(&page, ""));
    browser.click_role(0);
    let resources = browser.run("return performance.getEntriesByType('resource').map(e => e.name)");
    assert_eq!(resources, json!([]), "requests made");
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}

#[test]
fn keyboard_zoom_and_highlight_work_and_an_empty_map_opens() {
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start();
    // --highlight opens the page on that role.
    let page = page_of(dir.path(), "wellbeing_teams.ron", &["--highlight", "team-coach"]);
    browser.open(&url(&page, ""));
    assert!(browser.text("#panel-body h2").contains("Team Coach"));
    // Tab to a role and Enter opens it.
    browser.run("document.querySelector('.role[data-role=\"1\"]').focus()");
    let focused = browser.element(":focus");
    browser.call("POST", &format!("/element/{focused}/value"), Some(json!({"text": "\u{E007}"})));
    let name =
        orgmap::format::load(&sample_path("wellbeing_teams.ron")).unwrap().roles[1].name.clone();
    assert!(browser.text("#panel-body h2").contains(&name), "Enter on a focused role");
    // + zooms in (the view box narrows), Fit returns.
    let width = "return document.getElementById('map').viewBox.baseVal.width";
    let before = browser.run(width).as_f64().unwrap();
    browser.click("#zoom-in");
    assert!(browser.run(width).as_f64().unwrap() < before * 0.9);
    browser.click("#fit");
    assert!((browser.run(width).as_f64().unwrap() - before).abs() < 1e-6);
    // The wheel zooms in; a drag pans (and selects nothing).
    browser.call("DELETE", "/actions", None);
    browser.run("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))");
    let wheel = json!({"actions": [{"type": "wheel", "id": "wheel", "actions": [
        {"type": "scroll", "x": 300, "y": 400, "deltaX": 0, "deltaY": -400, "duration": 0}]}]});
    browser.call("POST", "/actions", Some(wheel));
    let zoomed = browser.run(width).as_f64().unwrap();
    assert!(zoomed < before * 0.8, "the wheel zooms in: {zoomed} of {before}");
    let x = "return document.getElementById('map').viewBox.baseVal.x";
    let left = browser.run(x).as_f64().unwrap();
    let drag = json!({"actions": [{"type": "pointer", "id": "mouse",
        "parameters": {"pointerType": "mouse"}, "actions": [
        {"type": "pointerMove", "x": 40, "y": 600, "duration": 0},
        {"type": "pointerDown", "button": 0},
        {"type": "pointerMove", "x": 140, "y": 600, "duration": 100},
        {"type": "pointerMove", "x": 240, "y": 600, "duration": 100},
        {"type": "pointerUp", "button": 0}]}]});
    browser.call("POST", "/actions", Some(drag));
    let panned = browser.run(x).as_f64().unwrap();
    assert!(panned < left - 10.0, "dragging right shows what is to the left: {left} -> {panned}");
    assert_eq!(browser.run("return document.getElementById('panel').hidden"), json!(true));
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());

    // Hovering a role shows its purpose; a click on the background closes the panel.
    let (name, purpose) = {
        let map = orgmap::format::load(&sample_path("wellbeing_teams.ron")).unwrap();
        (map.roles[2].name.clone(), map.roles[2].purpose.clone())
    };
    browser.run(
        "const c = document.querySelector('#map > g > .role[data-role=\"2\"] circle'); \
         const r = c.getBoundingClientRect(); \
         c.dispatchEvent(new PointerEvent('pointermove', {bubbles: true, pointerType: 'mouse', \
         clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}))",
    );
    assert_eq!(browser.run("return document.getElementById('tip').hidden"), json!(false));
    let tip = browser.text("#tip");
    assert!(tip.contains(&name) && tip.contains(&purpose[..20]), "{tip}");
    browser.run(
        "const r = document.getElementById('map').getBoundingClientRect(); \
         document.elementFromPoint(r.x + 5, r.y + r.height - 5).dispatchEvent( \
         new MouseEvent('click', {bubbles: true}))",
    );
    assert_eq!(browser.run("return document.getElementById('panel').hidden"), json!(true));
    // The search finds teams and rings too.
    browser.type_into("#find", "co-production");
    assert!(browser.text("#found").contains("team"), "{}", browser.text("#found"));

    // A badly encoded or unknown #role= opens the map with nothing selected, without an error.
    for hash in ["#role=%E0%A4", "#role=no-such-role"] {
        browser.open(&url(&page, hash));
        assert_eq!(browser.run("return document.getElementById('panel').hidden"), json!(true));
    }
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());

    // (The console is read: an error would be seen.)
    browser.run("console.error('probe')");
    assert!(browser.console_errors().iter().any(|e| e.contains("probe")));

    let empty = page_of(dir.path(), "empty.ron", &[]);
    browser.open(&url(&empty, ""));
    browser.type_into("#find", "anything");
    assert_eq!(browser.text("#found"), "Nothing found");
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}

#[test]
fn the_candidate_pack_as_html_opens_on_its_role_and_its_map_is_clickable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("coach.html");
    let file = sample_path("wellbeing_teams.ron");
    let run = orgmap(&[
        "card",
        file.to_str().unwrap(),
        "--role",
        "practice-coach",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let browser = Browser::start();
    browser.open(&url(&out, ""));
    assert_eq!(browser.run("return document.title"), json!("Practice Coach · Wellbeing Teams"));
    assert!(browser.text("#panel-body h2").contains("Practice Coach"));
    // A role it works with, clicked in its words, opens that role; so does the map.
    browser.click("#panel-body a[data-goto=\"wellbeing-worker\"]");
    assert!(browser.text("#panel-body h2").contains("Wellbeing Worker"));
    let map = orgmap::format::load(&file).unwrap();
    let coach = map.role_index("team-coach").unwrap();
    browser.click_role(coach);
    assert!(browser.text("#panel-body h2").contains("Team Coach"));
    // A faded role (not linked with the one open) is clicked through the veil.
    let faded = map
        .roles
        .iter()
        .position(|r| {
            r.id != "team-coach"
                && !map.links.iter().any(|l| {
                    (l.from == r.id && l.to == "team-coach")
                        || (l.to == r.id && l.from == "team-coach")
                })
        })
        .unwrap();
    browser.click_role(faded);
    assert!(browser.text("#panel-body h2").contains(&map.roles[faded].name));
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}

#[test]
fn a_page_of_a_thousand_roles_stays_under_two_megabytes() {
    use orgmap::model::generate::{GenerateOptions, generate};
    let map = generate(&GenerateOptions { roles: 1000, seed: 1, ..Default::default() });
    let page = orgmap::export::html::web_page(&map, &Default::default());
    assert!(page.len() < 2_000_000, "{} bytes", page.len());
    assert_eq!(page.matches("<article class=\"job\"").count(), 1000, "every job description");
}

#[test]
fn printed_it_gives_the_map_then_every_job_description() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_of(dir.path(), "wellbeing_teams.ron", &[]);
    let browser = Browser::start();
    browser.open(&url(&page, "#role=practice-coach"));
    let pdf = browser.call("POST", "/print", Some(json!({"background": true})));
    let pdf_path = dir.path().join("printed.pdf");
    let bytes = base64::engine::general_purpose::STANDARD.decode(pdf.as_str().unwrap()).unwrap();
    std::fs::write(&pdf_path, bytes).unwrap();
    let text = Command::new("pdftotext").arg(&pdf_path).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let map = orgmap::format::load(&sample_path("wellbeing_teams.ron")).unwrap();
    for role in &map.roles {
        assert!(text.contains(&role.name), "{} is printed", role.name);
    }
    assert!(text.contains("Could this be you?"));
    // Not the panel, the search or the buttons.
    assert!(!text.contains("Find a role"), "{text}");
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2, "the map, then the descriptions: {pages} pages");
}

#[test]
fn names_in_any_script_draw_in_the_browser_as_wide_as_measured() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = orgmap::format::load(&sample_path("wellbeing_teams.ron")).unwrap();
    let names = [
        ("wellbeing-worker", "מנהל קהילה"),
        ("team-coach", "CEO / المدير"),
        ("practice-coach", "Équipe Ça · Ölçü"),
        ("rota-coordinator", "ウェルビーイング担当"),
    ];
    for (id, name) in names {
        let i = map.role_index(id).unwrap();
        map.roles[i].name = name.into();
    }
    let file = dir.path().join("scripts.ron");
    orgmap::format::save(&file, &map).unwrap();
    let page = dir.path().join("scripts.html");
    let run = orgmap(&[
        "export",
        file.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let browser = Browser::start();
    browser.open(&url(&page, ""));
    browser.run("return document.fonts.ready.then(() => true)");
    for (id, name) in names {
        let i = map.role_index(id).unwrap();
        // Each line of the label (a long name wraps), as drawn and as measured.
        let script = format!(
            "const t = document.querySelector('#map > g > .label[data-role=\"{i}\"] text'); \
             return [...t.querySelectorAll('tspan')].map(s => \
             [s.textContent, s.getComputedTextLength(), Number(t.getAttribute('font-size'))])"
        );
        let lines = browser.run(&script);
        let lines = lines.as_array().unwrap();
        let drawn: String = lines.iter().map(|l| l[0].as_str().unwrap()).collect();
        let shown: String =
            drawn.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}')).collect();
        assert_eq!(shown.replace(' ', ""), name.replace(' ', ""), "the whole name is drawn");
        for line in lines {
            let (text, width, size) =
                (line[0].as_str().unwrap(), line[1].as_f64().unwrap(), line[2].as_f64().unwrap());
            let measured = orgmap::font::measure(text, size);
            assert!(
                (width - measured).abs() <= 0.03 * measured + 1.0,
                "{name}: {text:?} {width} drawn, {measured} measured"
            );
        }
    }
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
    browser.screenshot(&shot("scripts"));
}
