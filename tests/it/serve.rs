//! `argsat serve` over HTTP: the API's answers against brute force, bad input, the body
//! limit, the time limit, and requests that try to read files. A raw HTTP/1.1 client over
//! loopback (one request a connection), enough for tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use argsat::{Framework, Semantics};

use crate::oracle::Oracle;

/// A running `argsat serve`, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argsat"))
        .arg("serve")
        .args(["--port", "0"])
        .args(args)
        .current_dir(crate::root())
        .stdout(Stdio::piped())
        .spawn()
        .expect("argsat serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    // "argsat serve: http://127.0.0.1:PORT/ (Ctrl-C stops)"
    let address = line.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap();
    Server { child, address: address.to_owned() }
}

struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn request(s: &Server, method: &str, path: &str, body: &[u8]) -> Reply {
    let mut c = TcpStream::connect(&s.address).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        s.address,
        body.len()
    );
    c.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading all of a large body.
    let _ = c.write_all(body);
    let mut raw = Vec::new();
    let _ = c.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{method} {path}: no answer ({} bytes): {text}", raw.len()));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
    let body = if chunked { dechunk(rest) } else { rest.to_owned() };
    Reply { status, body }
}

fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        body.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
    body
}

fn post(s: &Server, path: &str, body: &str) -> Reply {
    request(s, "POST", path, body.as_bytes())
}

fn random(seed: u64, n: u32) -> Framework {
    let mut rng = argsat::generate::Rng::new(seed);
    let attacks: Vec<(u32, u32)> =
        (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).filter(|_| rng.chance(0.2)).collect();
    Framework::from_attacks(n, &attacks).unwrap()
}

fn i23(af: &Framework) -> String {
    let mut out = Vec::new();
    argsat::format::write(af, argsat::Format::Iccma23, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Extensions as sorted bit masks of 1-based argument names.
fn masks(v: &serde_json::Value) -> Vec<u32> {
    let mut m: Vec<u32> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e.as_array()
                .unwrap()
                .iter()
                .map(|n| 1u32 << (n.as_str().unwrap().parse::<u32>().unwrap() - 1))
                .sum()
        })
        .collect();
    m.sort_unstable();
    m
}

#[test]
fn the_api_answers_like_brute_force() {
    let s = serve(&[]);
    for seed in 0..12 {
        let af = random(seed, 3 + (seed % 7) as u32);
        let o = Oracle::new(&af);
        let text = i23(&af);
        for sem in Semantics::ALL {
            let r = post(&s, &format!("/api/solve?semantics={}&all=1", sem.name()), &text);
            assert_eq!(r.status, 200, "{}", r.body);
            let mut want = o.extensions(sem);
            want.sort_unstable();
            assert_eq!(masks(&r.json()["extensions"]), want, "{sem:?} on {af:?}");
            // The stream gives the same extensions, then the count.
            let r = post(&s, &format!("/api/extensions?semantics={}", sem.name()), &text);
            let lines: Vec<serde_json::Value> =
                r.body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            let (last, exts) = lines.split_last().unwrap();
            assert_eq!(last["count"].as_u64(), Some(want.len() as u64), "{}", r.body);
            let streamed: Vec<serde_json::Value> =
                exts.iter().map(|l| l["extension"].clone()).collect();
            assert_eq!(masks(&serde_json::Value::from(streamed)), want);
            // Every argument's status.
            let r = post(&s, &format!("/api/status?semantics={}", sem.name()), &text);
            for row in r.json()["arguments"].as_array().unwrap() {
                let a = row["name"].as_str().unwrap().parse::<u32>().unwrap() - 1;
                let bit = 1u32 << a;
                let cred = want.iter().any(|e| e & bit != 0);
                let scep = !want.is_empty() && want.iter().all(|e| e & bit != 0);
                let scep = scep || (want.is_empty() && sem == Semantics::Stable);
                assert_eq!(row["credulous"].as_bool(), Some(cred), "{sem:?} {a} {af:?}");
                assert_eq!(row["sceptical"].as_bool(), Some(scep), "{sem:?} {a} {af:?}");
            }
        }
        let r = post(&s, "/api/check", &text);
        let st = o.extensions(Semantics::Stable);
        assert_eq!(r.json()["stable_exists"].as_bool(), Some(!st.is_empty()));
        assert_eq!(r.json()["stable_extensions"].as_u64(), Some(st.len() as u64));
    }
    // The debate: explanations, acceptance, pictures, conversion.
    let debate =
        std::fs::read_to_string(crate::root().join("frameworks/capabilities-vs-alignment.apx"))
            .unwrap();
    let r = post(&s, "/api/explain?argument=claim&semantics=stable", &debate);
    assert_eq!(r.status, 200);
    assert!(r.json()["text"].as_str().unwrap().contains("claim"), "{}", r.body);
    let r = post(&s, "/api/accept?argument=claim&semantics=preferred", &debate);
    assert_eq!(
        (r.json()["credulous"].as_bool(), r.json()["sceptical"].as_bool()),
        (Some(false), Some(false))
    );
    let r = post(&s, "/api/render?semantics=stable&extension=4", &debate);
    assert!(r.status == 200 && r.body.starts_with("<svg"), "{}", r.body);
    let r = post(&s, "/api/render?semantics=stable&extension=5", &debate);
    assert_eq!(r.status, 422, "{}", r.body);
    let r = post(&s, "/api/convert?to=i23", &debate);
    assert!(r.body.starts_with("p af 39"), "{}", r.body);
    // The page and its parts.
    let page = request(&s, "GET", "/", b"");
    assert!(page.status == 200 && page.body.contains("<script src=\"/app.js\">"));
    assert_eq!(request(&s, "GET", "/app.js", b"").status, 200);
}

#[test]
fn bad_requests_get_4xx_json_and_the_server_goes_on() {
    let s = serve(&["frameworks/odd_cycle.af", "--max-body", "512K", "--request-timeout", "2"]);
    // Only the file given, by index: nothing else on disk.
    let r = request(&s, "GET", "/api/frameworks", b"");
    assert_eq!(r.json()["frameworks"][0]["name"], "odd_cycle.af");
    let r = request(&s, "GET", "/api/frameworks/0", b"");
    assert_eq!(
        r.body,
        std::fs::read_to_string(crate::root().join("frameworks/odd_cycle.af")).unwrap()
    );
    for path in [
        "/api/frameworks/1",
        "/api/frameworks/..%2F..%2FCargo.toml",
        "/api/frameworks/0/../../Cargo.toml",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/frameworks/odd_cycle.af",
        "/etc/passwd",
    ] {
        let r = request(&s, "GET", path, b"");
        assert_eq!(r.status, 404, "{path}: {}", r.body);
        assert!(r.json()["error"].is_string());
    }
    // A parse error names the line and column.
    let r = post(&s, "/api/solve?name=bad.af", "p af 2\n1 3\n");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "bad.af:2:3: argument 3 is out of range 1..=2");
    assert_eq!((r.json()["line"].as_u64(), r.json()["column"].as_u64()), (Some(2), Some(3)));
    let r = post(&s, "/api/solve", "\u{0}binary");
    assert_eq!(r.status, 400);
    let r = post(&s, "/api/solve?semantics=nonsense", "p af 1\n");
    assert_eq!(r.status, 400);
    let r = post(&s, "/api/explain?argument=nobody", "p af 1\n");
    assert_eq!(r.status, 400);
    assert_eq!(request(&s, "GET", "/api/solve", b"").status, 405);
    // Too large: 413, before the body is read.
    let big = vec![b'#'; 1 << 20];
    let r = request(&s, "POST", "/api/solve", &big);
    assert_eq!(r.status, 413, "{}", r.body);
    // Too hard: 503 when the time is up, and the server answers the next at once.
    let params =
        argsat::generate::Params { args: 1000, seed: 1, p: Some(0.01), ..Default::default() };
    let hard = argsat::generate::generate(argsat::generate::Family::ErdosRenyi, &params).unwrap();
    let start = Instant::now();
    let r = post(&s, "/api/accept?argument=1&semantics=complete", &i23(&hard));
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
    let r = post(&s, "/api/solve?semantics=stable", "p af 2\n1 2\n");
    assert_eq!(r.json()["extension"], serde_json::json!(["1"]));
    // varisat cannot stop inside a SAT call: the answer still comes by the deadline and
    // a little grace, the call ending on its own later.
    let v = serve(&["--sat", "varisat", "--request-timeout", "1"]);
    let start = Instant::now();
    let r = post(&v, "/api/accept?argument=1&semantics=complete", &i23(&hard));
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    let r = post(&v, "/api/solve?semantics=stable", "p af 2\n1 2\n");
    assert_eq!(r.json()["extension"], serde_json::json!(["1"]));
}

/// The session's framework, read back as APX, and argument names to their index.
fn session_framework(s: &Server, id: &str) -> Framework {
    let r = post(s, &format!("/api/convert?to=apx&session={id}"), "");
    argsat::format::parse(r.body.as_bytes(), argsat::Format::Apx).unwrap()
}

#[test]
fn sessions_answer_like_brute_force_after_every_edit_and_undo() {
    let s = serve(&[]);
    let mut rng = argsat::generate::Rng::new(7);
    let start = random(3, 6);
    let r = post(&s, "/api/sessions", &i23(&start));
    let id = r.json()["session"].as_str().unwrap().to_owned();
    let mut made = 0;
    let mut fresh = 0;
    for step in 0..60 {
        let af = session_framework(&s, &id);
        let names: Vec<String> = af.args().map(|a| af.display_name(a).to_string()).collect();
        let pick = |rng: &mut argsat::generate::Rng| {
            names[(rng.next_u64() % names.len().max(1) as u64) as usize].clone()
        };
        let op = match rng.next_u64() % 8 {
            _ if names.len() < 2 => {
                fresh += 1;
                serde_json::json!({"op": "add_argument", "argument": format!("n{fresh}")})
            }
            0 => {
                fresh += 1;
                serde_json::json!({"op": "add_argument", "argument": format!("n{fresh}")})
            }
            1 => serde_json::json!({"op": "remove_argument", "argument": pick(&mut rng)}),
            2 | 3 => serde_json::json!({"op": "undo"}),
            4 => {
                serde_json::json!({"op": "remove_attack", "from": pick(&mut rng), "to": pick(&mut rng)})
            }
            _ => {
                serde_json::json!({"op": "add_attack", "from": pick(&mut rng), "to": pick(&mut rng)})
            }
        };
        let r = post(&s, &format!("/api/sessions/{id}/edit"), &op.to_string());
        // An edit that cannot be made (an attack already there, nothing to undo) is a
        // 400 that changes nothing.
        assert!(r.status == 200 || r.status == 400, "{op}: {}", r.body);
        made += usize::from(r.status == 200);
        let af = session_framework(&s, &id);
        let o = Oracle::new(&af);
        for sem in
            [Semantics::Grounded, Semantics::Preferred, Semantics::Stable, Semantics::SemiStable]
        {
            let want = o.extensions(sem);
            let r = post(&s, &format!("/api/sessions/{id}/status?semantics={}", sem.name()), "");
            assert_eq!(r.status, 200, "{}", r.body);
            let rows = r.json()["arguments"].as_array().unwrap().clone();
            assert_eq!(rows.len(), af.len(), "step {step}");
            for (a, row) in af.args().zip(rows) {
                assert_eq!(row["name"].as_str().unwrap(), af.display_name(a).to_string());
                let bit = 1u32 << a.0;
                let cred = want.iter().any(|e| e & bit != 0);
                let scep = want.iter().all(|e| e & bit != 0);
                assert_eq!(
                    row["credulous"].as_bool(),
                    Some(cred),
                    "step {step} {op} {sem:?} {af:?}"
                );
                assert_eq!(
                    row["sceptical"].as_bool(),
                    Some(scep),
                    "step {step} {op} {sem:?} {af:?}"
                );
            }
        }
    }
    assert!(made > 30, "{made}");
    // The stateless endpoints read the session too; a session that is not there is 404.
    let r = post(&s, &format!("/api/solve?semantics=grounded&session={id}"), "");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(post(&s, "/api/check?session=nope", "").status, 404);
    // A large session (past 50,000 arguments) answers from the static solvers: 30,000
    // mutual attacks, so every argument is credulously but not sceptically accepted.
    let mut big = String::from("p af 60000\n");
    for k in (1..60000).step_by(2) {
        big.push_str(&format!("{k} {}\n{} {k}\n", k + 1, k + 1));
    }
    let r = post(&s, "/api/sessions", &big);
    let large = r.json()["session"].as_str().unwrap().to_owned();
    let r = post(&s, &format!("/api/sessions/{large}/status?semantics=stable"), "");
    let rows = r.json()["arguments"].as_array().unwrap().clone();
    assert_eq!((rows.len(), r.json()["total"].as_u64()), (2000, Some(60000)));
    assert!(rows.iter().all(|row| row["credulous"] == true && row["sceptical"] == false));
    let r =
        post(&s, &format!("/api/sessions/{large}/accept?argument=59999&semantics=preferred"), "");
    assert_eq!(
        (r.json()["credulous"].as_bool(), r.json()["sceptical"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(request(&s, "DELETE", &format!("/api/sessions/{id}"), b"").status, 200);
    assert_eq!(post(&s, &format!("/api/sessions/{id}/status"), "").status, 404);
}
