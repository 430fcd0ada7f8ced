//! `ops::products` (filled in by its issue).
