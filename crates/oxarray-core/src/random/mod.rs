//! random (filled in by its issue).
