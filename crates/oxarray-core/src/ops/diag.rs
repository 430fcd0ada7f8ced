//! `ops::diag` (filled in by its issue).
