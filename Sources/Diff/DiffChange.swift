/// One change of an edit script: a run of lines deleted from the old sequence and a run inserted from
/// the new one at the same place, as GNU diff's `struct change` records it.
///
/// Indices are 0-based. When `deletedCount` is 0, `oldStart` is the index of the old line before which
/// the insertion happens; likewise `newStart` when `insertedCount` is 0.
public struct DiffChange: Hashable, Sendable {
    /// First affected index in the old sequence.
    public var oldStart: Int
    /// First affected index in the new sequence.
    public var newStart: Int
    /// How many elements of the old sequence are deleted here.
    public var deletedCount: Int
    /// How many elements of the new sequence are inserted here.
    public var insertedCount: Int

    /// Creates a change.
    public init(oldStart: Int, newStart: Int, deletedCount: Int, insertedCount: Int) {
        self.oldStart = oldStart
        self.newStart = newStart
        self.deletedCount = deletedCount
        self.insertedCount = insertedCount
    }

    /// The old index just past the deleted run.
    public var oldEnd: Int { oldStart + deletedCount }
    /// The new index just past the inserted run.
    public var newEnd: Int { newStart + insertedCount }
}
