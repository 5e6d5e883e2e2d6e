import DebianFormats
import JSONOutput
import SQLite

/// Control fields as the JSON object stored in `binaries.fields` and `sources.fields`: lowercase field
/// names, values as written (continuation lines kept), so SQL can reach any field with `json_extract`.
enum FieldsJSON {
    static func encode(_ paragraph: Deb822Paragraph) -> String {
        JSONValue.object(paragraph.fields.map { ($0.name.lowercased(), JSONValue.string($0.value)) })
            .serialized(pretty: false)
    }

    /// Parses a control text (a `.deb` control member or a possibly signed `.dsc`) into the JSON object.
    static func encode(controlText: String) -> String {
        guard let paragraph = try? Deb822Document.parse(controlText, file: "").paragraphs.first else { return "{}" }
        return encode(paragraph)
    }

    /// Migration 2: fills the new columns from the stored control texts.
    @Sendable static func backfill(_ db: Database) throws {
        for (table, column) in [("binaries", "control"), ("sources", "dsc")] {
            let rows = try db.query("SELECT id, \(column) FROM \(table)", []) { ($0.int(0), $0.string(1)) }
            for (id, text) in rows {
                try db.run("UPDATE \(table) SET fields = ?1 WHERE id = ?2", [.text(encode(controlText: text)), .integer(id)])
            }
        }
    }
}
