//! `ops::set` (filled in by its issue).
