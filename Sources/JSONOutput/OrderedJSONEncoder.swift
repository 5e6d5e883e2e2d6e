/// An `Encoder` that keeps keys in the order `encode(to:)` writes them, unlike Foundation's
/// `JSONEncoder` on Linux, whose objects come out in hash order.
///
/// Output types are ordinary `Encodable` structs; maps whose key order matters use ``OrderedObject``
/// (a Swift `Dictionary` has no order to keep, so its keys are sorted).
public struct OrderedJSONEncoder: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    /// Encodes `value` as JSON text.
    public func encode(_ value: some Encodable) throws -> String {
        try Self.value(of: value).serialized(pretty: pretty)
    }

    /// Encodes `value` into a ``JSONValue`` tree.
    public static func value(of value: some Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.root.value
    }
}

/// A string-keyed map that encodes its members in insertion order.
///
/// Lookups and updates go through a key → position table, so building a large object is linear.
public struct OrderedObject<Value: Encodable & Sendable>: Encodable, Sendable {
    public private(set) var members: [(key: String, value: Value)] = []
    private var positions: [String: Int] = [:]

    public init() {}

    public init(_ members: [(key: String, value: Value)]) {
        for member in members { self[member.key] = member.value }
    }

    public var isEmpty: Bool { members.isEmpty }

    public subscript(key: String) -> Value? {
        get { positions[key].map { members[$0].value } }
        set {
            if let index = positions[key] {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                    positions[key] = nil
                    for later in index..<members.count { positions[members[later].key] = later }
                }
            } else if let newValue {
                positions[key] = members.count
                members.append((key, newValue))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for member in members {
            try container.encode(member.value, forKey: AnyKey(member.key))
        }
    }
}

extension JSONValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        guard let tree = encoder as? TreeEncoder else {
            var container = encoder.singleValueContainer()
            try container.encode(serialized(pretty: false))
            return
        }
        tree.root.kind = .leaf(self)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}

/// The mutable tree the containers write into; turned into a ``JSONValue`` at the end.
final class Node {
    enum Kind {
        case leaf(JSONValue)
        case object(keys: [String], children: [String: Node])
        case array([Node])
    }

    var kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    var value: JSONValue {
        switch kind {
        case .leaf(let value): return value
        case .object(let keys, let children):
            return .object(keys.map { ($0, children[$0]?.value ?? .null) })
        case .array(let nodes): return .array(nodes.map(\.value))
        }
    }

    func makeObject() {
        if case .object = kind { return }
        kind = .object(keys: [], children: [:])
    }

    func makeArray() {
        if case .array = kind { return }
        kind = .array([])
    }

    // `set` and `append` take the collections out of `kind` before changing them: while `kind` still holds
    // them, each change copies the whole array (a 63,000-element `-J` list took 85 s instead of well under 1).
    func set(_ key: String, _ child: Node) {
        guard case .object(var keys, var children) = kind else { return }
        kind = .leaf(.null)
        if children[key] == nil { keys.append(key) }
        children[key] = child
        kind = .object(keys: keys, children: children)
    }

    func append(_ child: Node) {
        guard case .array(var nodes) = kind else { return }
        kind = .leaf(.null)
        nodes.append(child)
        kind = .array(nodes)
    }
}

final class TreeEncoder: Encoder {
    let root: Node
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(root: Node = Node(.leaf(.null))) { self.root = root }

    var storage: Node { root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        root.makeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: root))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        root.makeArray()
        return UnkeyedContainer(node: root)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: root)
    }
}

/// Turns any encodable value into a ``JSONValue``, with fast paths for the primitives.
func encodeValue(_ value: some Encodable) throws -> JSONValue {
    switch value {
    case let v as String: return .string(v)
    case let v as Bool: return .bool(v)
    case let v as Int: return .int(Int64(v))
    case let v as Int64: return .int(v)
    case let v as Int32: return .int(Int64(v))
    case let v as UInt32: return .int(Int64(v))
    case let v as Double: return .double(v)
    case let v as JSONValue: return v
    default:
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        let result = encoder.root.value
        if case .object(let members) = result, String(describing: type(of: value)).hasPrefix("Dictionary<") {
            // A Dictionary has no order of its own: sort its keys so output stays reproducible.
            return .object(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        }
        return result
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] = []

    mutating func encodeNil(forKey key: Key) throws { node.set(key.stringValue, Node(.leaf(.null))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, Node(.leaf(try encodeValue(value))))
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node(.object(keys: [], children: [:]))
        node.set(key.stringValue, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Node(.array([]))
        node.set(key.stringValue, child)
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = Node(.leaf(.null))
        node.set("super", child)
        return TreeEncoder(root: child)
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Node(.leaf(.null))
        node.set(key.stringValue, child)
        return TreeEncoder(root: child)
    }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] = []
    var count: Int {
        if case .array(let nodes) = node.kind { return nodes.count }
        return 0
    }

    mutating func encodeNil() throws { node.append(Node(.leaf(.null))) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.append(Node(.leaf(try encodeValue(value)))) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node(.object(keys: [], children: [:]))
        node.append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Node(.array([]))
        node.append(child)
        return UnkeyedContainer(node: child)
    }
    mutating func superEncoder() -> any Encoder {
        let child = Node(.leaf(.null))
        node.append(child)
        return TreeEncoder(root: child)
    }
}

struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] = []
    mutating func encodeNil() throws { node.kind = .leaf(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.kind = .leaf(try encodeValue(value)) }
}
