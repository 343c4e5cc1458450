//! stance (placeholder; see its issue).
