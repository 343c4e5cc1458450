//! One module per subcommand, each with `Args` and `run`.

pub mod extract;
pub mod train;
pub mod eval;
pub mod bench;
pub mod stance;
pub mod ingest;
pub mod claims;
pub mod said_by;
pub mod timeline;
pub mod search;
pub mod entities;
pub mod serve;
