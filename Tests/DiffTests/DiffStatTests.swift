import Diff
import Testing

struct DiffStatTests {
    @Test func singularAndPlural() {
        #expect(DiffStat.render([DiffStat.Entry(name: "b/f", insertions: 1, deletions: 0)]) == " f |    1 +\n 1 file changed, 1 insertion(+)\n")
        #expect(DiffStat.render([]) == " 0 files changed\n")
        let two = DiffStat.render([
            DiffStat.Entry(name: "p/debian/control", insertions: 2, deletions: 1),
            DiffStat.Entry(name: "p/README", insertions: 0, deletions: 3),
        ])
        #expect(two == " README         |    3 ---\n debian/control |    3 ++-\n 2 files changed, 2 insertions(+), 4 deletions(-)\n")
    }

    @Test func histogramScalesToEightyColumns() {
        let text = DiffStat.render([DiffStat.Entry(name: "b/big", insertions: 1000, deletions: 500)])
        let line = text.split(separator: "\n")[0]
        #expect(line.count <= 80)
        #expect(line.filter { $0 == "+" }.count == 45)
        #expect(line.filter { $0 == "-" }.count == 23)  // diffstat carries the rounding error
    }
}
