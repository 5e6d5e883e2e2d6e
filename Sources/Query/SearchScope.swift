import Artifacts
import Index

/// `--area` and `--distribution`, resolved once by the index (``IndexSearch/scope(areas:distribution:)``).
struct Scope {
    var index: IndexSearch.Scope

    /// - Throws: ``SearchError`` when no distribution of that name is indexed.
    init(areas: [SearchArea], distribution: String?, indexOnly: Bool = false, store: IndexStore) throws {
        let areas = areas.compactMap { Area(rawValue: $0.rawValue) }
        guard let scope = try IndexSearch(store: store).scope(areas: areas, distribution: distribution,
                                                              indexOnly: indexOnly) else {
            throw SearchError.unknownDistribution(distribution ?? "")
        }
        index = scope
    }
}
