//! hearsay-ledger (placeholder, filled by its issue).
