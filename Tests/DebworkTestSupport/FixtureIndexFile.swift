/// An index of the fixtures (packages, uploads, repo) built once per test process with the binary itself,
/// shared by the end-to-end suites that only read it.
public enum FixtureIndexFile {
    public static let path: String? = {
        guard let directory = try? TemporaryDirectory() else { return nil }
        directory.keep()
        let path = directory.appending("index.sqlite")
        _ = try? debwork(["index", Fixtures.path("packages"), Fixtures.path("uploads"), Fixtures.path("repo")], index: path)
        return path
    }()
}
