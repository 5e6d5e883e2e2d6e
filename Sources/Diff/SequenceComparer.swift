/// The middle-snake search and divide-and-conquer driver of GNU diff (`diag` and `compareseq` in
/// gnulib's diffseq.h), over equivalence-class numbers.
///
/// Memory is O(N+M): two diagonal vectors plus the change flags. The "too expensive" cut-off is
/// kept, so huge inputs give exactly GNU diff's (possibly non-minimal) answer. The `-H`
/// (`--speed-large-files`) heuristic is not implemented: GNU diff leaves it off by default.
struct SequenceComparer {
    private struct Partition {
        var xmid: Int
        var ymid: Int
        var loMinimal: Bool
        var hiMinimal: Bool
    }

    private let xv: UnsafeBufferPointer<Int>
    private let yv: UnsafeBufferPointer<Int>
    /// Forward and backward furthest-reaching x per diagonal, already offset so that index 0 is
    /// diagonal 0 (valid diagonals run from -(M+1) to N+1).
    private let fd: UnsafeMutablePointer<Int>
    private let bd: UnsafeMutablePointer<Int>
    private let tooExpensive: Int

    /// Runs the comparison of `xv` against `yv`, calling `delete(x)` / `insert(y)` for every element
    /// not on the chosen common subsequence.
    static func compare(
        _ xv: UnsafeBufferPointer<Int>, _ yv: UnsafeBufferPointer<Int>, minimal: Bool,
        delete: (Int) -> Void, insert: (Int) -> Void
    ) {
        let diags = xv.count + yv.count + 3
        // TOO_EXPENSIVE: roughly the square root of the input size, at least 4096 (analyze.c).
        var tooExpensive = 1
        var rest = diags
        while rest != 0 {
            tooExpensive <<= 1
            rest >>= 2
        }
        tooExpensive = max(4096, tooExpensive)
        let storage = UnsafeMutablePointer<Int>.allocate(capacity: 2 * diags)
        defer { storage.deallocate() }
        storage.initialize(repeating: 0, count: 2 * diags)
        let comparer = SequenceComparer(
            xv: xv, yv: yv, fd: storage + (yv.count + 1), bd: storage + diags + (yv.count + 1),
            tooExpensive: tooExpensive)
        comparer.compareSequences(0, xv.count, 0, yv.count, minimal, delete: delete, insert: insert)
    }

    /// `compareseq`, with an explicit work list instead of recursion (the subproblems are
    /// independent, so the order does not change the result).
    private func compareSequences(
        _ xoff0: Int, _ xlim0: Int, _ yoff0: Int, _ ylim0: Int, _ minimal0: Bool,
        delete: (Int) -> Void, insert: (Int) -> Void
    ) {
        var work: [(Int, Int, Int, Int, Bool)] = [(xoff0, xlim0, yoff0, ylim0, minimal0)]
        while let (xoffStart, xlimStart, yoffStart, ylimStart, findMinimal) = work.popLast() {
            var xoff = xoffStart, xlim = xlimStart, yoff = yoffStart, ylim = ylimStart
            while xoff < xlim && yoff < ylim && xv[xoff] == yv[yoff] {
                xoff += 1
                yoff += 1
            }
            while xoff < xlim && yoff < ylim && xv[xlim - 1] == yv[ylim - 1] {
                xlim -= 1
                ylim -= 1
            }
            if xoff == xlim {
                for y in yoff..<ylim { insert(y) }
                continue
            }
            if yoff == ylim {
                for x in xoff..<xlim { delete(x) }
                continue
            }
            let part = diag(xoff, xlim, yoff, ylim, findMinimal)
            work.append((part.xmid, xlim, part.ymid, ylim, part.hiMinimal))
            work.append((xoff, part.xmid, yoff, part.ymid, part.loMinimal))
        }
    }

    /// `diag`: finds the midpoint of the shortest edit script of the given portion, searching from
    /// both ends at once; gives up halfway when the cost reaches `tooExpensive` (unless `findMinimal`).
    private func diag(_ xoff: Int, _ xlim: Int, _ yoff: Int, _ ylim: Int, _ findMinimal: Bool) -> Partition {
        let dmin = xoff - ylim
        let dmax = xlim - yoff
        let fmid = xoff - yoff
        let bmid = xlim - ylim
        var fmin = fmid, fmax = fmid
        var bmin = bmid, bmax = bmid
        let odd = (fmid - bmid) & 1 != 0
        fd[fmid] = xoff
        bd[bmid] = xlim
        var cost = 1
        while true {
            if fmin > dmin {
                fmin -= 1
                fd[fmin - 1] = -1
            } else {
                fmin += 1
            }
            if fmax < dmax {
                fmax += 1
                fd[fmax + 1] = -1
            } else {
                fmax -= 1
            }
            var d = fmax
            while d >= fmin {
                let tlo = fd[d - 1], thi = fd[d + 1]
                let x0 = tlo < thi ? thi : tlo + 1
                var x = x0, y = x0 - d
                while x < xlim && y < ylim && xv[x] == yv[y] {
                    x += 1
                    y += 1
                }
                fd[d] = x
                if odd && bmin <= d && d <= bmax && bd[d] <= x {
                    return Partition(xmid: x, ymid: y, loMinimal: true, hiMinimal: true)
                }
                d -= 2
            }
            if bmin > dmin {
                bmin -= 1
                bd[bmin - 1] = Int.max
            } else {
                bmin += 1
            }
            if bmax < dmax {
                bmax += 1
                bd[bmax + 1] = Int.max
            } else {
                bmax -= 1
            }
            d = bmax
            while d >= bmin {
                let tlo = bd[d - 1], thi = bd[d + 1]
                let x0 = tlo < thi ? tlo : thi - 1
                var x = x0, y = x0 - d
                while xoff < x && yoff < y && xv[x - 1] == yv[y - 1] {
                    x -= 1
                    y -= 1
                }
                bd[d] = x
                if !odd && fmin <= d && d <= fmax && x <= fd[d] {
                    return Partition(xmid: x, ymid: y, loMinimal: true, hiMinimal: true)
                }
                d -= 2
            }
            if !findMinimal && cost >= tooExpensive {
                return giveUp(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax)
            }
            cost += 1
        }
    }

    /// The "too expensive" exit of `diag`: report the furthest-reaching forward or backward point
    /// found so far, whichever made more progress.
    private func giveUp(
        _ xoff: Int, _ xlim: Int, _ yoff: Int, _ ylim: Int, _ fmin: Int, _ fmax: Int, _ bmin: Int, _ bmax: Int
    ) -> Partition {
        var fxybest = -1, fxbest = 0
        var d = fmax
        while d >= fmin {
            var x = min(fd[d], xlim)
            var y = x - d
            if ylim < y {
                x = ylim + d
                y = ylim
            }
            if fxybest < x + y {
                fxybest = x + y
                fxbest = x
            }
            d -= 2
        }
        var bxybest = Int.max, bxbest = 0
        d = bmax
        while d >= bmin {
            var x = max(xoff, bd[d])
            var y = x - d
            if y < yoff {
                x = yoff + d
                y = yoff
            }
            if x + y < bxybest {
                bxybest = x + y
                bxbest = x
            }
            d -= 2
        }
        if (xlim + ylim) - bxybest < fxybest - (xoff + yoff) {
            return Partition(xmid: fxbest, ymid: fxybest - fxbest, loMinimal: true, hiMinimal: false)
        }
        return Partition(xmid: bxbest, ymid: bxybest - bxbest, loMinimal: false, hiMinimal: true)
    }
}
