//! Load test: many concurrent keep-alive clients against one endpoint for a
//! fixed time, on loopback; prints requests, errors and latency percentiles.
//!
//! ```text
//! cargo run --release -p hearsay-server --example load -- --db LEDGER [--clients 200] [--seconds 30]
//!
//! LEDGER is a SQLite file or a postgres:// URL.
//!     [--path '/api/claims?contested=true'] [--readers 8] [--addr HOST:PORT]
//! ```
//!
//! With `--db`, a read-only server over that ledger starts in this process
//! on a free loopback port (the same `hearsay_server::start` that `hearsay
//! serve` runs); with `--addr`, the clients hit a server already running
//! there instead. Each client is a thread with one keep-alive connection
//! that sends a request, reads the whole response, and sends the next one;
//! a failed connection counts an error and is opened again. Any answer but
//! 200 counts as an error. The exit code is 1 when there were errors or
//! p99 >= 100 ms (the bar in crates/server/README.md).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

struct Options {
    db: Option<hearsay_ledger::Location>,
    addr: Option<SocketAddr>,
    clients: usize,
    seconds: u64,
    path: String,
    readers: usize,
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("load: {message}");
            eprintln!(
                "usage: load (--db LEDGER | --addr HOST:PORT) [--clients N] [--seconds S] [--path PATH] [--readers N]"
            );
            std::process::exit(2);
        }
    };
    let server = match (&options.addr, &options.db) {
        (Some(_), _) => None,
        (None, Some(db)) => {
            let config = hearsay_server::ServerConfig {
                db: db.clone(),
                addr: SocketAddr::from(([127, 0, 0, 1], 0)),
                token: None,
                readers: options.readers,
                request_timeout: Duration::from_secs(10),
                max_body_bytes: 1 << 20,
            };
            match hearsay_server::start(config) {
                Ok(server) => Some(server),
                Err(err) => {
                    eprintln!("load: {err}");
                    std::process::exit(2);
                }
            }
        }
        (None, None) => unreachable!("parse_options requires --db or --addr"),
    };
    let addr = match (&server, options.addr) {
        (Some(server), _) => server.addr(),
        (None, Some(addr)) => addr,
        (None, None) => unreachable!("parse_options requires --db or --addr"),
    };

    // One warm-up request: the first query loads pages from disk.
    let mut warm = Client::new(addr);
    match warm.get(&options.path) {
        Ok((200, body)) => eprintln!("load: {} answers 200 with {} bytes", options.path, body),
        Ok((status, _)) => eprintln!("load: warning: {} answers {status}", options.path),
        Err(err) => {
            eprintln!("load: cannot reach {addr}: {err}");
            std::process::exit(2);
        }
    }

    let errors = Arc::new(AtomicU64::new(0));
    let barrier = Arc::new(Barrier::new(options.clients + 1));
    let duration = Duration::from_secs(options.seconds);
    let threads: Vec<std::thread::JoinHandle<Vec<u32>>> = (0..options.clients)
        .map(|_| {
            let errors = Arc::clone(&errors);
            let barrier = Arc::clone(&barrier);
            let path = options.path.clone();
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || run_client(addr, &path, duration, &barrier, &errors))
                .expect("spawn client thread")
        })
        .collect();
    barrier.wait();
    let started = Instant::now();
    let mut latencies_us: Vec<u32> = Vec::new();
    for thread in threads {
        latencies_us.extend(thread.join().unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies_us.sort_unstable();
    let errors = errors.load(Ordering::Relaxed);
    let percentile = |p: f64| -> f64 {
        if latencies_us.is_empty() {
            return f64::NAN;
        }
        let idx = ((latencies_us.len() as f64 * p).ceil() as usize).clamp(1, latencies_us.len()) - 1;
        f64::from(latencies_us[idx]) / 1000.0
    };
    let (p50, p95, p99) = (percentile(0.50), percentile(0.95), percentile(0.99));
    let max = latencies_us.last().map_or(f64::NAN, |&us| f64::from(us) / 1000.0);
    println!(
        "{} clients, {:.1} s, GET {}: {} requests ({:.0}/s), {} errors; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        options.clients,
        elapsed,
        options.path,
        latencies_us.len(),
        latencies_us.len() as f64 / elapsed,
        errors,
        p50,
        p95,
        p99,
        max
    );
    drop(server);
    let passed = errors == 0 && p99 < 100.0 && !latencies_us.is_empty();
    println!("bar (no errors, p99 < 100 ms): {}", if passed { "met" } else { "NOT met" });
    std::process::exit(if passed { 0 } else { 1 });
}

fn run_client(addr: SocketAddr, path: &str, duration: Duration, barrier: &Barrier, errors: &AtomicU64) -> Vec<u32> {
    let mut latencies_us: Vec<u32> = Vec::with_capacity(4096);
    let mut client = Client::new(addr);
    barrier.wait();
    let deadline = Instant::now() + duration;
    while Instant::now() < deadline {
        let sent = Instant::now();
        match client.get(path) {
            Ok((200, _)) => latencies_us.push(sent.elapsed().as_micros().min(u128::from(u32::MAX)) as u32),
            Ok(_) => {
                errors.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => {
                errors.fetch_add(1, Ordering::Relaxed);
                client = Client::new(addr);
            }
        }
    }
    latencies_us
}

/// One keep-alive HTTP/1.1 connection, opened on first use.
struct Client {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(addr: SocketAddr) -> Client {
        Client { addr, stream: None }
    }

    /// Sends `GET path`; returns the status and the body's length.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(self.addr)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.stream = Some(BufReader::new(stream));
        }
        let result = self.exchange(path);
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    fn exchange(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        let broken = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed response");
        let addr = self.addr;
        let reader = self.stream.as_mut().ok_or_else(broken)?;
        write!(reader.get_mut(), "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n")?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(broken)?;
        let mut length: Option<usize> = None;
        let mut chunked = false;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Err(broken());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let name = name.trim().to_ascii_lowercase();
                if name == "content-length" {
                    length = value.trim().parse().ok();
                } else if name == "transfer-encoding" && value.contains("chunked") {
                    chunked = true;
                }
            }
        }
        let mut body = 0;
        if chunked {
            loop {
                line.clear();
                reader.read_line(&mut line)?;
                let size =
                    usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16).map_err(|_| broken())?;
                let mut skip = vec![0u8; size + 2];
                reader.read_exact(&mut skip)?;
                body += size;
                if size == 0 {
                    break;
                }
            }
        } else {
            let length = length.ok_or_else(broken)?;
            let mut buffer = vec![0u8; length];
            reader.read_exact(&mut buffer)?;
            body = length;
        }
        Ok((status, body))
    }
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        db: None,
        addr: None,
        clients: 200,
        seconds: 30,
        path: "/api/claims?contested=true".to_string(),
        readers: 8,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => options.db = Some(hearsay_ledger::Location::parse(std::ffi::OsStr::new(&value()?))),
            "--addr" => options.addr = Some(value()?.parse().map_err(|err| format!("--addr: {err}"))?),
            "--clients" => options.clients = value()?.parse().map_err(|err| format!("--clients: {err}"))?,
            "--seconds" => options.seconds = value()?.parse().map_err(|err| format!("--seconds: {err}"))?,
            "--path" => options.path = value()?,
            "--readers" => options.readers = value()?.parse().map_err(|err| format!("--readers: {err}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.db.is_none() && options.addr.is_none() {
        return Err("give --db LEDGER or --addr HOST:PORT".into());
    }
    if options.clients == 0 {
        return Err("--clients must be at least 1".into());
    }
    Ok(options)
}
