//! dates (placeholder; see its issue).
