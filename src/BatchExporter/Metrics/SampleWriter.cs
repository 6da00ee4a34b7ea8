using System.Buffers;
using System.Globalization;
using System.Text;

namespace BatchExporter.Metrics;

/// <summary>Writes the samples of one per-batch family for one batch (a catalogue entry's values, see <see cref="PerBatchFamily"/>).</summary>
internal delegate void PerBatchSamples(Sync.SeriesBatch batch, ref SampleWriter samples);

/// <summary>
/// The sample lines of one family for one batch, each encoded straight into one span of the output
/// (<c>name{workspace="…",batch_id="…",label="…"} value</c>): a sample costs no allocation.
/// </summary>
/// <remarks>
/// Hand-written instead of a sequence of <see cref="Sample"/> per batch and family: those enumerables were almost all of
/// the writer's 1,094 KiB per scrape with 1,000 live and 1,000 recently ended batches (0 B per sample now; figures and
/// command in docs/performance.md, "Scrape").
/// </remarks>
internal ref struct SampleWriter
{
    /// <summary>Room for <c>"} </c>, a formatted double and the line feed.</summary>
    private const int ValueRoom = 48;

    /// <summary>Below this, the integer formatter writes the same digits as "R" (which writes exponent notation from 1e17 on).</summary>
    private const double MaxExactInteger = 1e15;

    private static readonly SearchValues<char> MustEscape = SearchValues.Create("\\\"\n");

    private readonly LineChunk _output;
    private readonly ReadOnlySpan<byte> _prefix;
    private readonly ReadOnlySpan<char> _id;
    private readonly byte[][] _labelNames;

    /// <param name="output">Where the lines go.</param>
    /// <param name="prefix">The line up to the batch id: <c>name{workspace="…",batch_id="</c>.</param>
    /// <param name="id">The batch id, escaped.</param>
    /// <param name="labelNames">The family's own labels as they precede each value: <c>",name="</c>.</param>
    public SampleWriter(LineChunk output, ReadOnlySpan<byte> prefix, ReadOnlySpan<char> id, byte[][] labelNames)
    {
        _output = output;
        _prefix = prefix;
        _id = id;
        _labelNames = labelNames;
    }

    /// <summary>Writes one sample: a value and the values of the family's own labels, in the order of <see cref="MetricFamily.Labels"/>.</summary>
    public void Add(double value, string? label0 = null, string? label1 = null)
    {
        var max = _prefix.Length + Encoding.UTF8.GetMaxByteCount(_id.Length) + ValueRoom;
        for (var i = 0; i < _labelNames.Length; i++)
        {
            max += _labelNames[i].Length + Encoding.UTF8.GetMaxByteCount(EscapedLength(Label(i, label0, label1)));
        }

        var span = _output.GetSpan(max);
        _prefix.CopyTo(span);
        var at = _prefix.Length;
        at += Encoding.UTF8.GetBytes(_id, span[at..]);
        for (var i = 0; i < _labelNames.Length; i++)
        {
            _labelNames[i].CopyTo(span[at..]);
            at += _labelNames[i].Length;
            at += WriteEscaped(Label(i, label0, label1), span[at..]);
        }

        "\"} "u8.CopyTo(span[at..]);
        at += 3;
        at += FormatValue(value, span[at..]);
        span[at++] = (byte)'\n';
        _output.Advance(at);
    }

    /// <summary>Label values escape backslash, double quote and line feed; almost none need to, and those are returned as they are.</summary>
    public static string Escape(string value) =>
        !value.AsSpan().ContainsAny(MustEscape)
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Label(int index, string? label0, string? label1) => (index == 0 ? label0 : label1) ?? string.Empty;

    /// <summary>The length of <paramref name="value"/> escaped: at most twice its length.</summary>
    private static int EscapedLength(string value) => value.AsSpan().ContainsAny(MustEscape) ? value.Length * 2 : value.Length;

    private static int WriteEscaped(string value, Span<byte> span)
    {
        if (!value.AsSpan().ContainsAny(MustEscape))
        {
            return Encoding.UTF8.GetBytes(value, span);
        }

        var at = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\':
                    "\\\\"u8.CopyTo(span[at..]);
                    at += 2;
                    break;
                case '"':
                    "\\\""u8.CopyTo(span[at..]);
                    at += 2;
                    break;
                case '\n':
                    "\\n"u8.CopyTo(span[at..]);
                    at += 2;
                    break;
                default:
                    at += rune.EncodeToUtf8(span[at..]);
                    break;
            }
        }

        return at;
    }

    /// <summary>
    /// A value as the shortest text that round-trips: integers (statuses, counts, whole seconds) through the integer
    /// formatter, which writes the same digits several times faster than the floating-point one.
    /// </summary>
    private static int FormatValue(double value, Span<byte> span)
    {
        int length;
        if (value == Math.Floor(value) && Math.Abs(value) < MaxExactInteger && !(value == 0 && double.IsNegative(value)))
        {
            ((long)value).TryFormat(span, out length, default, CultureInfo.InvariantCulture);
        }
        else
        {
            value.TryFormat(span, out length, "R", CultureInfo.InvariantCulture);
        }

        return length;
    }
}
