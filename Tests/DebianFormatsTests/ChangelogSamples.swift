/// Realistic changelogs for the tests, including the old-format quirks dpkg-parsechangelog tolerates.
enum ChangelogSamples {
    /// A modern changelog: team uploads, several distributions, options, Closes spread over lines, an NMU.
    static let modern = """
        hello (2.10-3~test12+1) bookworm-test-unstable; urgency=medium

          * Automated port via mini-buildd (no changes). Original DSC's SHA1:
            0123456789abcdef0123456789abcdef01234567.
          * MINI_BUILDD_OPTION: lintian-mode=ignore

         -- Mini Buildd <mini-buildd@example.org>  Tue, 25 Nov 2026 16:25:01 +0000

        hello (2.10-3) unstable experimental; urgency=HIGH, binary-only=yes, XS-Testsuite=autopkgtest

          [ Jörg Fürst ]
          * Fix the build with GCC 14 (Closes: #1075123, #1075124).
            Thanks to Somebody.\t
          * Really long item text that goes on, closes: bug#999999, #12
             - sub item with single tab\there

          [ Jane Doe ]
          * Standards-Version: 4.7.0, no changes needed.
        \t
          * Closes: 42

         -- Jane Doe <jane@example.org>  Mon, 01 Jan 2024 12:00:00 -0130

        hello (2.10-2.1) unstable; urgency=low

          * Non-maintainer upload.
          * Fix FTBFS. closes:#7 Closes: #8,#9

         -- NMU Person <nmu@debian.org>  Sun, 31 Dec 2023 23:59:59 +1400

        hello (1:2.9-1) unstable; urgency=medium (some text)

          * New upstream release.

         -- Jane Doe <jane@example.org>  Wed, 29 Feb 2012 08:00:00 +0000

        """

    /// Quirks from real old changelogs: missing week day, a single space before the date, a full month name,
    /// a wrong week day, comments and RCS keywords, a trailer missing, a line with a single leading space,
    /// a bad option, an ancient section that ends the parse.
    static let quirks = """
        foo (1.3-1) unstable; urgency=low, bad option

          * One.
         single space line is dropped by dpkg

         -- Old Timer <old@example.org> 1 Jan 2001 10:00:00 +0100

        # a comment
        $Id: changelog,v 1.1 2001/01/01 $
        foo (1.2-1) stable frozen unstable; urgency=medium,urgency=high
          * Two (no blank line after the header).
         -- Old Timer <old@example.org>  Mon, 5 January 2000 10:00:00 +0100
        foo (1.1-1) unstable; Urgency=Low
        \tTabbed change line.

          * Three.

         -- Old Timer <old@example.org>  Foo, 05 Jan 1999 10:00:00 -0500

        foo (1.0-2) unstable; urgency=low

          * Trailer missing.

        foo (1.0-1) unstable; urgency=low

          * Initial release.

         -- Old Timer <old@example.org>  Tue, 5 Jan 1999 10:00:00 +0000

        Old Changelog:
        Tue Jan  5 10:00:00 1999  Old Timer  <old@example.org>
          * ancient stuff

        """

    /// An entry with an invalid version and a header without urgency, then Emacs variables.
    static let oddities = """
        bar (a1-1) UNRELEASED; urgency=medium

          * Version does not start with a digit.

         -- Dev <dev@example.org>  Thu, 01 Jan 1970 00:00:00 +0000

        bar (0.1-1) unstable; urgency=emergency

          * First.

         -- Dev <dev@example.org>  Wed, 31 Dec 1969 23:59:59 +0000

        Local variables:
        mode: debian-changelog
        End:
        """

    static let all: [(String, String)] = [("modern", modern), ("quirks", quirks), ("oddities", oddities)]
}
