// Text diffing for debdiff: pure Swift (standard library only), no I/O.
//
// - MyersDiff: GNU diffutils 3.8's comparison (identical ends kept to the horizon,
//   discard_confusing_lines, Myers middle snake with the TOO_EXPENSIVE cut-off, shift_boundaries).
// - UnifiedDiff: `diff -u` / `diff -Nru` output for one file pair; WhitespaceMode for -b and -w;
//   BinaryDetection for "Binary files … differ".
// - WordDiff: wdiff 1.2.2 output (`-n` as debdiff uses it; WordDiffStyle for `-p`, `-l`, `-t`).
// - DiffStat: diffstat 1.65's default report.
//
// Checked byte for byte against the real tools in DiffTests. Known differences:
// - diff: `-H` (--speed-large-files) is not implemented (off by default); `-i`, `-B`, `-I`, `-E`, `-Z`,
//   `-p`, `-T` and other output styles are not offered. The binary probe is GNU's first read, the file
//   system block size: 4096 here (UnifiedDiffOptions.binaryProbeSize).
// - wdiff: white space is ASCII white space (C and UTF-8 locales); `-t`'s terminal strings are given
//   (the caller reads terminfo), the pager (`-a`) and the other options are not offered.
// - diffstat: names are measured in bytes (diffstat under LC_ALL=C; in a UTF-8 locale it counts
//   display columns of non-ASCII names); only `+`/`-` counts; the caller supplies names as diffstat
//   reads them from the `+++` lines; duplicate names are summed.
