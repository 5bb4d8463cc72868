"""REST API under /api/ and a small web UI at /."""
