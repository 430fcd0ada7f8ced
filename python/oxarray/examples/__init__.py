"""Examples built on oxarray's public extension points (``rational``: a dtype written in Python)."""
