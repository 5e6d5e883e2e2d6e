extension MyersDiff {
    /// The elements left for the search after discarding, and where each came from.
    struct KeptLines {
        var undiscarded0: [Int]
        var undiscarded1: [Int]
        var realIndexes0: [Int]
        var realIndexes1: [Int]
    }

    /// `discard_confusing_lines` (analyze.c): an element with no match on the other side is marked
    /// changed and left out of the search; one matching "many" (about 5·√(n/64)) is provisionally
    /// discardable and only left out in the middle of a run of discards. This changes which of
    /// several equally short scripts is found, so it is kept verbatim, quirks included.
    static func discardConfusingLines(
        _ eq0: [Int], _ eq1: [Int], classCount: Int, minimal: Bool, flags: inout ChangeFlags
    ) -> KeptLines {
        let equivs = [eq0, eq1]
        var equivCount = [[Int](repeating: 0, count: classCount), [Int](repeating: 0, count: classCount)]
        for f in 0..<2 {
            for e in equivs[f] { equivCount[f][e] += 1 }
        }
        var discarded = [[UInt8](repeating: 0, count: eq0.count), [UInt8](repeating: 0, count: eq1.count)]
        for f in 0..<2 {
            let end = equivs[f].count
            let counts = equivCount[1 - f]
            var many = 5
            var tem = end / 64
            while true {
                tem >>= 2
                if tem <= 0 { break }
                many *= 2
            }
            for i in 0..<end {
                let nmatch = counts[equivs[f][i]]
                if nmatch == 0 {
                    discarded[f][i] = 1
                } else if nmatch > many {
                    discarded[f][i] = 2
                }
            }
        }
        for f in 0..<2 {
            cancelProvisionalDiscards(&discarded[f])
        }
        var kept = KeptLines(undiscarded0: [], undiscarded1: [], realIndexes0: [], realIndexes1: [])
        for f in 0..<2 {
            var undiscarded: [Int] = []
            var real: [Int] = []
            undiscarded.reserveCapacity(equivs[f].count)
            real.reserveCapacity(equivs[f].count)
            for i in 0..<equivs[f].count {
                if minimal || discarded[f][i] == 0 {
                    undiscarded.append(equivs[f][i])
                    real.append(i)
                } else {
                    flags.set(f, i)
                }
            }
            if f == 0 {
                kept.undiscarded0 = undiscarded
                kept.realIndexes0 = real
            } else {
                kept.undiscarded1 = undiscarded
                kept.realIndexes1 = real
            }
        }
        return kept
    }

    /// The second pass of `discard_confusing_lines`: provisional discards (2) survive only inside a
    /// run of discards that begins and ends with definite ones (1).
    private static func cancelProvisionalDiscards(_ discards: inout [UInt8]) {
        let end = discards.count
        var i = 0
        while i < end {
            defer { i += 1 }
            if discards[i] == 2 {
                discards[i] = 0
                continue
            }
            if discards[i] == 0 { continue }
            var j = i
            var provisional = 0
            while j < end {
                if discards[j] == 0 { break }
                if discards[j] == 2 { provisional += 1 }
                j += 1
            }
            while j > i && discards[j - 1] == 2 {
                j -= 1
                discards[j] = 0
                provisional -= 1
            }
            let length = j - i
            if provisional * 4 > length {
                while j > i {
                    j -= 1
                    if discards[j] == 2 { discards[j] = 0 }
                }
                continue
            }
            var minimum = 1
            var tem = length >> 2
            while true {
                tem >>= 2
                if tem <= 0 { break }
                minimum <<= 1
            }
            minimum += 1
            // Cancel any subrun of `minimum` or more provisionals within the larger run.
            j = 0
            var consec = 0
            while j < length {
                if discards[i + j] != 2 {
                    consec = 0
                } else {
                    consec += 1
                    if minimum == consec {
                        j -= consec
                    } else if minimum < consec {
                        discards[i + j] = 0
                    }
                }
                j += 1
            }
            // From the start of the run, cancel provisionals until 3 definite discards in a row or
            // the first definite one at least 8 lines in.
            j = 0
            consec = 0
            while j < length {
                if j >= 8 && discards[i + j] == 1 { break }
                if discards[i + j] == 2 {
                    consec = 0
                    discards[i + j] = 0
                } else if discards[i + j] == 0 {
                    consec = 0
                } else {
                    consec += 1
                }
                if consec == 3 { break }
                j += 1
            }
            i += length - 1
            // The same from the end.
            j = 0
            consec = 0
            while j < length {
                if j >= 8 && discards[i - j] == 1 { break }
                if discards[i - j] == 2 {
                    consec = 0
                    discards[i - j] = 0
                } else if discards[i - j] == 0 {
                    consec = 0
                } else {
                    consec += 1
                }
                if consec == 3 { break }
                j += 1
            }
        }
    }
}
