//! `ops::text` (filled in by its issue).
