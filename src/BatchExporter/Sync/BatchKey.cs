namespace BatchExporter.Sync;

/// <summary>
/// A batch id in 24 bytes, no object: what the ledger keys its batches by instead of one 33-character string (88 bytes)
/// per batch. An id made of <c>[0-9A-Za-z_]</c>, optionally after the <c>msgbatch_</c> prefix, with at most
/// <see cref="MaxPacked"/> characters (the API's ids are <c>msgbatch_</c> + 24 base62 characters) is packed 6 bits a
/// character, 10 characters to a word; any other id (the API calls the format opaque) is an index into the store's
/// table of unpacked ids (<see cref="BatchStore"/>), marked by a bit packing never sets.
/// </summary>
internal readonly struct BatchKey : IEquatable<BatchKey>
{
    /// <summary>The most characters (after the prefix, if any) packed: 3 words of 10.</summary>
    public const int MaxPacked = 30;

    private const string Prefix = "msgbatch_";
    private const ulong PrefixFlag = 1UL << 63;
    private const ulong UnpackedFlag = 1UL << 62;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;

    private BatchKey(ulong a, ulong b, ulong c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    /// <summary>Gets a value indicating whether the key is an index into the table of unpacked ids.</summary>
    public bool IsUnpacked => (_a & UnpackedFlag) != 0;

    /// <summary>Gets the table index of an unpacked key.</summary>
    public int UnpackedIndex => (int)_b;

    public static BatchKey Unpacked(int index) => new(UnpackedFlag, (ulong)index, 0);

    /// <summary>Packs <paramref name="id"/> when it fits; false for an id that must go to the table.</summary>
    public static bool TryPack(ReadOnlySpan<char> id, out BatchKey key)
    {
        key = default;
        ulong flag = 0;
        if (id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            id = id[Prefix.Length..];
            flag = PrefixFlag;
        }

        if (id.IsEmpty || id.Length > MaxPacked)
        {
            return false;
        }

        Span<ulong> words = [0, 0, 0];
        for (var i = 0; i < id.Length; i++)
        {
            var code = Code(id[i]);
            if (code == 0)
            {
                return false;
            }

            words[i / 10] |= code << (i % 10 * 6);
        }

        key = new BatchKey(words[0] | flag, words[1], words[2]);
        return true;
    }

    /// <summary>The id of a packed key (an unpacked one is read from the store's table).</summary>
    public string Unpack()
    {
        var prefix = (_a & PrefixFlag) != 0 ? Prefix.Length : 0;
        var length = 0;
        while (length < MaxPacked && CodeAt(length) != 0)
        {
            length++;
        }

        return string.Create(prefix + length, this, static (span, key) =>
        {
            var start = 0;
            if ((key._a & PrefixFlag) != 0)
            {
                Prefix.CopyTo(span);
                start = Prefix.Length;
            }

            for (var i = start; i < span.Length; i++)
            {
                span[i] = Alphabet[(int)key.CodeAt(i - start) - 1];
            }
        });
    }

    public bool Equals(BatchKey other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is BatchKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    public static bool operator ==(BatchKey left, BatchKey right) => left.Equals(right);

    public static bool operator !=(BatchKey left, BatchKey right) => !left.Equals(right);

    private ulong CodeAt(int i) => ((i < 10 ? _a : i < 20 ? _b : _c) >> (i % 10 * 6)) & 63;

    private static ulong Code(char c) => c switch
    {
        >= '0' and <= '9' => (ulong)(c - '0' + 1),
        >= 'A' and <= 'Z' => (ulong)(c - 'A' + 11),
        >= 'a' and <= 'z' => (ulong)(c - 'a' + 37),
        '_' => 63,
        _ => 0,
    };
}
