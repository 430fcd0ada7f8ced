//! `ops::join` (filled in by its issue).
