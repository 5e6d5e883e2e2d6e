// libFuzzer target: Debian versions (DebianVersion parsing and comparison, VersionRelation).
//
// The input is cut into lines; every line that parses is a version. The comparison must be a total order
// consistent with hashing and with the relations, and a version's text must parse back to an equal version.
// Any violation traps.
import DebianFormats

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
}

func sign(_ n: Int) -> Int { n < 0 ? -1 : (n > 0 ? 1 : 0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var versions: [DebianVersion] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(6) {
        guard let version = try? DebianVersion(String(line)) else { continue }
        versions.append(version)
        let again: DebianVersion
        do { again = try DebianVersion(version.description) } catch {
            check(false, "'\(version)' (from '\(line)') does not parse again: \(error)")
            continue
        }
        check(DebianVersion.compare(version, again) == 0 && again.description == version.description,
              "'\(line)' and its text '\(version)' differ")
    }
    for a in versions {
        check(DebianVersion.compare(a, a) == 0, "'\(a)' is not equal to itself")
        for b in versions {
            let ab = sign(DebianVersion.compare(a, b))
            check(ab == -sign(DebianVersion.compare(b, a)), "compare('\(a)', '\(b)') is not antisymmetric")
            if ab == 0 { check(a.hashValue == b.hashValue, "'\(a)' == '\(b)' but their hashes differ") }
            // dpkg's relations read "" and "<unknown>" as "no version" (which parses otherwise, with warnings).
            if a.description == "<unknown>" || b.description == "<unknown>" { continue }
            check((try? VersionRelation.lt.holds(a.description, b.description)) == (ab < 0), "lt disagrees on '\(a)' '\(b)'")
            check((try? VersionRelation.eq.holds(a.description, b.description)) == (ab == 0), "eq disagrees on '\(a)' '\(b)'")
            check((try? VersionRelation.ge.holds(a.description, b.description)) == (ab >= 0), "ge disagrees on '\(a)' '\(b)'")
            for c in versions {
                let bc = sign(DebianVersion.compare(b, c))
                let ac = sign(DebianVersion.compare(a, c))
                if ab <= 0, bc <= 0 {
                    check(ac <= 0, "'\(a)' <= '\(b)' <= '\(c)' but not '\(a)' <= '\(c)'")
                    if ab == 0, bc == 0 { check(ac == 0, "equality of '\(a)' '\(b)' '\(c)' is not transitive") }
                    if ab < 0 || bc < 0 { check(ac < 0, "'\(a)' < '\(c)' does not follow through '\(b)'") }
                }
            }
        }
    }
    let sorted = versions.sorted()
    for (x, y) in zip(sorted, sorted.dropFirst()) { check(!(y < x), "sorting left '\(y)' after '\(x)'") }
    return 0
}
