extension MyersDiff {
    /// `shift_boundaries` (analyze.c): slides each run of changes over identical neighbouring
    /// elements so that runs merge where they can, then as far down as possible, then back up to
    /// line up with a run of changes on the other side. This is why GNU diff reports an inserted
    /// duplicate line as the last of a block of equal lines rather than the first.
    static func shiftBoundaries(_ eq0: [Int], _ eq1: [Int], flags: inout ChangeFlags) {
        let equivs = [eq0, eq1]
        for f in 0..<2 {
            // Indexing with +1 skips the leading sentinel of each flag vector.
            var changed = flags.side[f]
            let other = flags.side[1 - f]
            let eq = equivs[f]
            let iEnd = eq.count
            var i = 0
            var j = 0
            while true {
                while i < iEnd && changed[i + 1] == 0 {
                    while true {
                        let value = other[j + 1]
                        j += 1
                        if value == 0 { break }
                    }
                    i += 1
                }
                if i == iEnd { break }
                var start = i
                i += 1
                while changed[i + 1] != 0 { i += 1 }
                while other[j + 1] != 0 { j += 1 }
                var corresponding = iEnd
                var runLength = 0
                repeat {
                    runLength = i - start
                    while start != 0 && eq[start - 1] == eq[i - 1] {
                        start -= 1
                        changed[start + 1] = 1
                        i -= 1
                        changed[i + 1] = 0
                        while changed[start] != 0 { start -= 1 }
                        repeat { j -= 1 } while other[j + 1] != 0
                    }
                    corresponding = other[j] != 0 ? i : iEnd
                    while i != iEnd && eq[start] == eq[i] {
                        changed[start + 1] = 0
                        start += 1
                        changed[i + 1] = 1
                        i += 1
                        while changed[i + 1] != 0 { i += 1 }
                        while true {
                            j += 1
                            if other[j + 1] == 0 { break }
                            corresponding = i
                        }
                    }
                } while runLength != i - start
                while corresponding < i {
                    start -= 1
                    changed[start + 1] = 1
                    i -= 1
                    changed[i + 1] = 0
                    repeat { j -= 1 } while other[j + 1] != 0
                }
            }
            flags.side[f] = changed
        }
    }
}
