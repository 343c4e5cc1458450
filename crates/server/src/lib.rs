//! hearsay-server (placeholder, filled by its issue).
