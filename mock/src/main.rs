//! `dingtalk-mock [--host 127.0.0.1] [--port 8790] [--data FILE] [--token-lifetime SECONDS]`

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use dingtalk_mock::{serve, SeedData, MAX_TOKEN_LIFETIME_SECS};

const USAGE: &str =
    "usage: dingtalk-mock [--host 127.0.0.1] [--port 8790] [--data FILE] [--token-lifetime SECONDS]

  --host ADDR   address to bind (default 127.0.0.1, loopback only)
  --port PORT   port to bind; 0 picks a free one (default 8790)
  --data FILE   seed data as JSON (default: the built-in data, see mock/README.md)
  --token-lifetime SECONDS
                how long every app's tokens live (default: each app's expireIn, 7200),
                so that expiry can be tested

Prints `dingtalk-mock listening on http://HOST:PORT` once ready; stops on SIGINT or SIGTERM.";

struct Args {
    host: IpAddr,
    port: u16,
    data: Option<String>,
    token_lifetime: Option<u64>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 8790,
        data: None,
        token_lifetime: None,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => {
                let v = value("--host")?;
                parsed.host = v
                    .parse()
                    .map_err(|_| format!("--host: `{v}` is not an IP address"))?;
            }
            "--port" => {
                let v = value("--port")?;
                parsed.port = v
                    .parse()
                    .map_err(|_| format!("--port: `{v}` is not a port number (0-65535)"))?;
            }
            "--data" => parsed.data = Some(value("--data")?),
            "--token-lifetime" => {
                let v = value("--token-lifetime")?;
                parsed.token_lifetime = Some(
                    v.parse()
                        .ok()
                        .filter(|s| (1..=MAX_TOKEN_LIFETIME_SECS).contains(s))
                        .ok_or_else(|| {
                            format!(
                                "--token-lifetime: `{v}` is not a number of seconds from 1 to {MAX_TOKEN_LIFETIME_SECS} (a year)"
                            )
                        })?,
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(parsed))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("dingtalk-mock: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut data = match &args.data {
        None => SeedData::builtin(),
        Some(path) => match std::fs::read_to_string(path) {
            Err(e) => {
                eprintln!("dingtalk-mock: cannot read data file `{path}`: {e}");
                return ExitCode::FAILURE;
            }
            Ok(text) => match SeedData::parse(&text) {
                Ok(data) => data,
                Err(e) => {
                    eprintln!("dingtalk-mock: data file `{path}`: {e}");
                    return ExitCode::FAILURE;
                }
            },
        },
    };
    if let Some(seconds) = args.token_lifetime {
        for app in &mut data.apps {
            app.expire_in = seconds;
        }
    }
    let addr = SocketAddr::new(args.host, args.port);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!("dingtalk-mock: port {} on {} is already in use; pick another with --port (0 picks a free one)", args.port, args.host);
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("dingtalk-mock: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("dingtalk-mock: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("dingtalk-mock listening on http://{local}");
    serve(listener, data, shutdown_signal()).await;
    ExitCode::SUCCESS
}

/// Completes on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
