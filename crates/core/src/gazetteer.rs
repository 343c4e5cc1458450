//! gazetteer (placeholder; see its issue).
