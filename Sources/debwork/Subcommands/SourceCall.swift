import Index
import Query

/// `ls` or `show` as plain values: from ``LsCommand`` and ``ShowCommand`` (ArgumentParser), or read by the quick
/// lane (``QuickArguments``) for the common shapes.
struct SourceCall {
    enum Kind { case ls, show }

    var kind: Kind
    var global: GlobalSettings
    var filter: LsService
    var instance: InstanceSettings
    var source: String

    /// The options of `ls` and `show` as the quick lane reads them.
    static let quickOptions = GlobalSettings.quickOptions + SourceFilterOptions.quickOptions + InstanceSettings.quickOptions

    func run() throws {
        try runReportingErrors {
            let store = try IndexStore(path: global.indexPath, readOnly: true)
            let layout = try instance.load().layout
            switch kind {
            case .ls: try printOutput(try filter.run(source, store: store, layout: layout), json: global.wantsJSON)
            case .show: try printOutput(try ShowService(filter: filter).run(source, store: store, layout: layout), json: global.wantsJSON)
            }
        }
    }
}

extension SourceCall {
    /// The call `arguments` (after the call's name) ask for, when the quick lane reads them all; nil otherwise.
    init?(_ kind: Kind, quick arguments: ArraySlice<String>) {
        guard let parsed = QuickArguments(arguments, options: Self.quickOptions, positionals: 1),
              let source = parsed.positionals.first,
              let global = GlobalSettings(quick: parsed), let instance = InstanceSettings(quick: parsed)
        else { return nil }
        let filter = LsService(repositories: [], codenames: [], version: parsed.value("--version"),
                               minimumVersion: parsed.value("--min-version"))
        self.init(kind: kind, global: global, filter: filter, instance: instance, source: source)
    }
}
