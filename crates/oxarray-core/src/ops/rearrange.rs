//! `ops::rearrange` (filled in by its issue).
