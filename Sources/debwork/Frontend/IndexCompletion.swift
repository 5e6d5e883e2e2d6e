import ArgumentParser
import Index

/// Shell completion from the index: source names for `ls`/`show`/`port`/`debdiff`…, distribution names for
/// `port`/`port_plan`/`migrate`/`sources_list -C`…. It reads the index named on the command line being
/// completed (`--index`), else `$DEBWORK_INDEX`, else the default; no index, no suggestions.
enum IndexCompletion {
    static let sources = CompletionKind.custom { words, _, prefix in
        (try? store(words)?.sourceNames(prefix: prefix)) ?? []
    }

    static let distributions = CompletionKind.custom { words, _, prefix in
        (try? store(words)?.distributionNames(prefix: prefix)) ?? []
    }

    /// Codenames of the indexed distributions (`bookworm` of `bookworm-test-unstable`).
    static let codenames = CompletionKind.custom { words, _, prefix in
        let names = (try? store(words)?.distributionNames(prefix: "")) ?? []
        return Array(Set(names.compactMap { $0.split(separator: "-").first.map(String.init) }))
            .filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func store(_ words: [String]) -> IndexStore? {
        var path: String?
        if let position = words.firstIndex(of: "--index"), position + 1 < words.count { path = words[position + 1] }
        let resolved = path ?? GlobalOptions.defaultIndexPath
        return try? IndexStore(path: resolved, readOnly: true)
    }
}
