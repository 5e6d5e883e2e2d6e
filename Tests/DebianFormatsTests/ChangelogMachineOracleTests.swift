import DebianFormats
import DebworkTestSupport
import Foundation
import Testing

/// Every ~4th `/usr/share/doc/*/changelog.Debian.gz` on the machine (at most 200), decompressed at test time,
/// against dpkg's parser: the top three entries' fields, their Changes text and the warnings dpkg prints for
/// those lines.
///
/// dpkg-parsechangelog is a thin Perl script around `Dpkg::Changelog::Parse::changelog_parse` that takes
/// about 0.1–0.2 s to start; 178 runs took 14–24 s here. So one Perl process runs dpkg-parsechangelog's own
/// main loop (`changelog_parse(…)`, then `print "\n" if $count++; print $f->output()`) over all files, and
/// the real dpkg-parsechangelog binary is run on the first 25 files to show that the harness prints the
/// same bytes.
struct ChangelogMachineOracleTests {
    static let script = #"""
        cd "$1" || exit 2
        ls /usr/share/doc/*/changelog.Debian.gz 2>/dev/null | LC_ALL=C sort > all
        total=$(wc -l < all)
        step=$(( (total + 199) / 200 ))
        awk -v step="$step" '(NR - 1) % step == 0' all | head -n 200 | awk '{ print NR "\t" $0 }' > numbered
        while IFS=$'\t' read -r n f; do zcat "$f" > "$n.cl" 2>/dev/null || rm -f "$n.cl"; done < numbered
        perl -MDpkg::Changelog::Parse -e '
            open(my $list, "<", "numbered") or die "numbered: $!";
            while (my $row = <$list>) {
                chomp $row;
                my ($n) = split /\t/, $row;
                next unless -e "$n.cl";
                open(STDOUT, ">", "$n.out") or die; open(STDERR, ">", "$n.err") or die;
                my $count = 0;
                my @fields = eval { changelog_parse(file => "$n.cl", format => "rfc822", count => 3) };
                foreach my $f (@fields) { print "\n" if $count++; print $f->output(); }
                close STDOUT; close STDERR;
            }'
        head -n 25 numbered | while IFS=$'\t' read -r n f; do
            [ -e "$n.cl" ] && dpkg-parsechangelog -l "$n.cl" --format rfc822 -c 3 > "$n.bin" 2>/dev/null
        done
        cat numbered
        """#

    @Test func topEntriesMatchDpkgParsechangelog() throws {
        try #require(Process.find("dpkg-parsechangelog") != nil && Process.find("zcat") != nil)
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("changelogs-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }

        let clock = ContinuousClock()
        let start = clock.now
        let out = try Process.run("bash", ["-c", Self.script, "changelogs", dir.path])
        let dpkgTime = clock.now - start
        #expect(out.status == 0, "\(out.stderrText)")

        var compared = 0
        var parseTime = Duration.zero
        var binaryChecked = 0
        var entriesCompared = 0
        for row in out.stdoutText.split(separator: "\n") {
            let parts = row.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let n = parts[0]
            let name = String(parts[1])
            guard let data = fm.contents(atPath: dir.appendingPathComponent("\(n).cl").path),
                  let outData = fm.contents(atPath: dir.appendingPathComponent("\(n).out").path),
                  let errData = fm.contents(atPath: dir.appendingPathComponent("\(n).err").path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if let binary = fm.contents(atPath: dir.appendingPathComponent("\(n).bin").path) {
                #expect(binary == outData, "\(name): dpkg-parsechangelog and the Perl harness differ")
                binaryChecked += 1
            }
            let dpkg = try ChangelogOracle.parseOutput(String(decoding: outData, as: UTF8.self), file: name)
            let log: Changelog
            do {
                let parseStart = clock.now
                defer { parseTime += clock.now - parseStart }
                log = try Changelog.parse(text, file: name)
            } catch {
                #expect(dpkg.isEmpty, "\(name): \(error) but dpkg parsed it")
                continue
            }
            let top = Array(log.entries.prefix(3))
            #expect(top.count == dpkg.count, "\(name): \(top.count) entries, dpkg \(dpkg.count)")
            for (entry, theirs) in zip(top, dpkg) {
                ChangelogOracle.compare(entry, theirs, context: name)
                entriesCompared += 1
            }
            // dpkg stops reading after the third entry; compare the warnings up to there.
            let limit = log.entries.count > 3 ? log.entries[3].line : Int.max
            let mine = log.warnings.filter { $0.line < limit && $0.message != "text before the first entry header ignored" }
                .map { "\($0.line): \($0.message)" }
            let theirs = ChangelogOracle.warnings(String(decoding: errData, as: UTF8.self))
                .filter { (Int($0.prefix { $0 != ":" }) ?? 0) < limit }
            #expect(mine.sorted() == theirs.sorted(), "\(name)")
            compared += 1
        }
        print("dpkg-parsechangelog oracle: \(compared) changelogs, \(entriesCompared) entries (\(binaryChecked) also through the binary), dpkg side \(dpkgTime), Swift parse \(parseTime)")
        #expect(compared >= min(150, out.stdoutText.split(separator: "\n").count))
        #expect(binaryChecked >= min(20, compared))
    }
}
