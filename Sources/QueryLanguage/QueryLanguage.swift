// The `search --where` query language (aptly-style): parsing only, no SQL, no I/O.
