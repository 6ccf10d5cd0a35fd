/// A W3C Bitstring Status List for revocation: at least 131,072 entries, index 0 the most significant bit of byte 0,
/// published as 'u' + base64url(GZIP(bits)) in a signed BitstringStatusListCredential.
public struct StatusList: Sendable, Equatable {
    /// The minimum length the specification asks for (herd privacy).
    public static let minimumEntries = 131_072
    /// The most entries accepted when reading a list (64 Mbit).
    public static let maximumEntries = 1 << 26

    public private(set) var bits: [UInt8]
    /// Where the list credential is published (its `id`).
    public var url: String
    public var purpose: String

    public init(url: String, entries: Int = StatusList.minimumEntries, purpose: String = "revocation") {
        let n = max(StatusList.minimumEntries, min(entries, StatusList.maximumEntries))
        bits = [UInt8](repeating: 0, count: (n + 7) / 8)
        self.url = url; self.purpose = purpose
    }

    public var count: Int { bits.count * 8 }

    public func isSet(_ index: Int) -> Bool {
        guard index >= 0, index < count else { return false }
        return bits[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    public mutating func set(_ index: Int, _ value: Bool = true) {
        guard index >= 0, index < count else { return }
        if value { bits[index / 8] |= 0x80 >> UInt8(index % 8) } else { bits[index / 8] &= ~(0x80 >> UInt8(index % 8)) }
    }

    /// 'u' + base64url (no padding) of the GZIP-compressed bitstring.
    public var encodedList: String { "u" + Base64URL.encode(Gzip.compress(bits)) }

    /// Decodes an `encodedList`; nil when it is not 'u'-multibase base64url GZIP of at least 131,072 bits.
    public static func decode(encodedList: String, url: String, purpose: String) -> StatusList? {
        guard encodedList.hasPrefix("u"), encodedList.utf8.count <= 24 << 20, let gz = Base64URL.decode(String(encodedList.dropFirst())),
              let raw = Gzip.decompress(gz, limit: maximumEntries / 8), raw.count * 8 >= minimumEntries else { return nil }
        var list = StatusList(url: url, entries: minimumEntries, purpose: purpose)
        list.bits = raw
        return list
    }

    /// A random free index (indices are assigned at random so neighbours reveal nothing); nil when the list is full.
    public static func randomIndex<G: RandomNumberGenerator>(excluding used: Set<Int>, count: Int, using g: inout G) -> Int? {
        guard used.count < count else { return nil }
        for _ in 0..<1000 {
            let i = Int.random(in: 0..<count, using: &g)
            if !used.contains(i) { return i }
        }
        return (0..<count).first { !used.contains($0) }
    }

    /// The `credentialStatus` entry for `index` of this list.
    public func entry(index: Int) -> JSONValue { Self.entry(url: url, index: index, purpose: purpose) }

    /// A credential's `credentialStatus` in the list at `url` (without building the list's bits).
    public static func entry(url: String, index: Int, purpose: String = "revocation") -> JSONValue {
        [
            "id": .string("\(url)#\(index)"), "type": "BitstringStatusListEntry", "statusPurpose": .string(purpose),
            "statusListIndex": .string(String(index)), "statusListCredential": .string(url),
        ]
    }

    /// The unsigned BitstringStatusListCredential.
    public func credential(issuer: String, validFrom: String) -> JSONValue {
        [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": .string(url),
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": .string(issuer),
            "validFrom": .string(validFrom),
            "credentialSubject": [
                "id": .string(url + "#list"), "type": "BitstringStatusList", "statusPurpose": .string(purpose), "encodedList": .string(encodedList),
            ],
        ]
    }
}
