//! A progress line on standard error for long runs, shown only when
//! standard error is a terminal (quiet when piped or redirected).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Counts documents and redraws one status line at most four times a second.
pub struct Progress {
    label: &'static str,
    shown: bool,
    enabled: bool,
    started: Instant,
    last_drawn: Instant,
    done: u64,
}

impl Progress {
    /// A progress line for `label` ("extract", "ingest").
    pub fn new(label: &'static str) -> Progress {
        let now = Instant::now();
        Progress {
            label,
            shown: false,
            enabled: std::io::stderr().is_terminal(),
            started: now,
            last_drawn: now,
            done: 0,
        }
    }

    /// One more document done.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled || self.last_drawn.elapsed() < Duration::from_millis(250) {
            return;
        }
        self.last_drawn = Instant::now();
        let rate = self.done as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{}: {} documents ({:.0}/s)\x1b[K", self.label, self.done, rate);
        let _ = stderr.flush();
        self.shown = true;
    }

    /// Clears the line, so that what follows starts on a clean one.
    pub fn finish(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
            self.shown = false;
        }
    }
}
