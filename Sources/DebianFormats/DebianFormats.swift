// Pure Debian formats: deb822, versions, changelogs, distribution names, checksum fields.
// No C, no I/O: every parser takes text or bytes and throws on malformed input.
