//! `ops::sort` (filled in by its issue).
