//! `ops::select` (filled in by its issue).
