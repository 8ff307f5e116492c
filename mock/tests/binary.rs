//! The `dingtalk-mock` binary: its start-up line, its answers to bad input, and a clean stop.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dingtalk-mock");

#[test]
fn prints_its_url_serves_and_stops_on_sigterm() {
    let mut child = Command::new(BIN)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the mock");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let url = line
        .trim()
        .strip_prefix("dingtalk-mock listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(port, 0);

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!(
                "{url}/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays"
            ))
            .header("x-acs-dingtalk-access-token", "demo-access-token")
            .send()
            .await
            .expect("request")
            .status()
    });
    assert_eq!(status.as_u16(), 200);

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "exit status {status:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the mock did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn run_to_end(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), err)
}

#[test]
fn bad_arguments_and_data_files_exit_with_a_message() {
    let (code, err) = run_to_end(&["--port", "0", "--token-lifetime", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("--token-lifetime"), "{err}");
    // Past what a clock can hold: refused at start, where every token request used to panic.
    for lifetime in ["18446744073709551615", "31536001"] {
        let (code, err) = run_to_end(&["--port", "0", "--token-lifetime", lifetime]);
        assert_eq!(code, 2, "{lifetime}");
        assert!(err.contains("from 1 to 31536000"), "{err}");
    }
    let (code, err) = run_to_end(&["--port", "not-a-port"]);
    assert_eq!(code, 2);
    assert!(err.contains("--port"), "{err}");
    let (code, err) = run_to_end(&["--frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown argument"), "{err}");

    let (code, err) = run_to_end(&["--port", "0", "--data", "/nonexistent/mock-data.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read data file"), "{err}");

    let dir = std::env::temp_dir().join(format!("dingtalk-mock-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{ \"tokens\": [\"t\"], \"calendars\": [ { \"calendarId\": 1 } ] }",
    )
    .unwrap();
    let (code, err) = run_to_end(&["--port", "0", "--data", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("not valid mock data"), "{err}");
    let forever = dir.join("forever.json");
    std::fs::write(
        &forever,
        r#"{ "tokens": ["t"], "apps": [ { "appKey": "k", "appSecret": "s", "expireIn": 18446744073709551615 } ] }"#,
    )
    .unwrap();
    let (code, err) = run_to_end(&["--port", "0", "--data", forever.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("expireIn 18446744073709551615"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_busy_port_is_explained() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, err) = run_to_end(&["--port", &port]);
    assert_eq!(code, 1);
    assert!(err.contains("already in use"), "{err}");
}
