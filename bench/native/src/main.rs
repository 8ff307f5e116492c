//! make bench's native figures: sequential GETs over loopback against the mock (started in this
//! process on a free port, the same for both), by dingtalk-calendar's native `Client` and by the
//! floor, a plain reqwest GET with the token header whose body serde_json parses. Alternating
//! rounds; prints one JSON line, `{ "native": [{ name, mean, p50, p99 }, …] }`, in µs.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use dingtalk_calendar::{AccessToken, Client};
use dingtalk_mock::{RunningMock, SeedData};

const TOKEN: &str = "demo-access-token";
const ROUNDS: usize = 6;
const CALLS_PER_ROUND: usize = 1_500;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = RunningMock::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        SeedData::builtin(),
    )
    .await?;
    let url = format!(
        "{}/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays",
        mock.base_url()
    );
    let ours = Client::builder(AccessToken::fixed(TOKEN))
        .base_url(mock.base_url())
        .build()?;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()?;

    let floor_call = || async {
        let response = plain
            .get(&url)
            .header("x-acs-dingtalk-access-token", TOKEN)
            .send()
            .await?;
        let body = response.bytes().await?;
        let calendar: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(calendar["calendarId"], "cal-public-holidays");
        Ok::<_, Box<dyn std::error::Error>>(())
    };
    let our_call = || async {
        let calendar = ours
            .get_subscribed_calendar("user-alice", "cal-public-holidays")
            .await?;
        assert_eq!(calendar.calendar_id, "cal-public-holidays");
        Ok::<_, Box<dyn std::error::Error>>(())
    };

    // Warm-up: connections pooled, code paged in.
    for _ in 0..500 {
        floor_call().await?;
        our_call().await?;
    }
    let mut floor = Vec::with_capacity(ROUNDS * CALLS_PER_ROUND);
    let mut client = Vec::with_capacity(ROUNDS * CALLS_PER_ROUND);
    for _ in 0..ROUNDS {
        for _ in 0..CALLS_PER_ROUND {
            let started = Instant::now();
            floor_call().await?;
            floor.push(started.elapsed());
        }
        for _ in 0..CALLS_PER_ROUND {
            let started = Instant::now();
            our_call().await?;
            client.push(started.elapsed());
        }
    }
    let rows = [
        summary("plain reqwest GET (the floor)", &mut floor),
        summary("dingtalk-calendar Client (native)", &mut client),
    ];
    println!("{{\"native\":[{}]}}", rows.join(","));
    mock.stop().await;
    Ok(())
}

/// `{ name, mean, p50, p99 }` in µs.
fn summary(name: &str, times: &mut [Duration]) -> String {
    times.sort();
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let mean = times.iter().map(|d| micros(*d)).sum::<f64>() / times.len() as f64;
    let at = |q: f64| micros(times[((times.len() - 1) as f64 * q) as usize]);
    format!(
        "{{\"name\":\"{name}\",\"mean\":{mean:.1},\"p50\":{:.1},\"p99\":{:.1}}}",
        at(0.5),
        at(0.99)
    )
}
