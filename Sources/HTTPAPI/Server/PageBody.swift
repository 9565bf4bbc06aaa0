/// A generated page type encodes an absent `nextCursor` by leaving it out; the document (and
/// every client since the first release) has it always present, `null` on the last page.
struct PageBody<Wire: WireBody>: WireBody {
    var page: Wire
    var nextCursor: String?

    private enum CodingKeys: String, CodingKey {
        case nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        try page.encode(to: encoder)
        if nextCursor == nil {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeNil(forKey: .nextCursor)
        }
    }
}
