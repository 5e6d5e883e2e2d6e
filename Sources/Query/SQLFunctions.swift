import SQLite

// Placeholder: registers debvercmp() and regexp() on a connection.
public func registerDebworkFunctions(on database: Database) throws {}
