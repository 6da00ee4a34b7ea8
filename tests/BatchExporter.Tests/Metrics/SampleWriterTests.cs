using System.IO.Pipelines;
using System.Text;
using BatchExporter.Metrics;
using BatchExporter.Options;
using BatchExporter.Sync;
using BatchExporter.Tests.Metrics.Golden;

namespace BatchExporter.Tests.Metrics;

/// <summary>
/// The per-batch writer below the golden tests: how a sample line is encoded (escaping, values, room for long labels)
/// and how the body streams (a flush about every 32 KB, the last bytes flushed before the scrape ends). The golden tests
/// use plain ids and integer values, and read the body only once it is complete.
/// </summary>
public sealed class SampleWriterTests
{
    private const int FlushEvery = 32 * 1024;
    private static readonly IReadOnlyList<MetricFamily> Families = MetricCatalogue.Build(new ExporterOptions());
    private static readonly byte[][] LabelNames = [Encoding.UTF8.GetBytes("\",x=\""), Encoding.UTF8.GetBytes("\",y=\"")];

    /// <summary>The text format escapes backslash, double quote and line feed in label values, and nothing else.</summary>
    [Fact]
    public void Add_LabelValuesWithBackslashQuoteAndLineFeed_EscapedAsTheTextFormatSays()
    {
        var text = WriteOne(1, "a\\b\"c\nd", "é ✓ plain");

        Assert.Equal("m{workspace=\"w\",batch_id=\"id\",x=\"a\\\\b\\\"c\\nd\",y=\"é ✓ plain\"} 1\n", text);
    }

    [Fact]
    public void Escape_BackslashQuoteAndLineFeed_EscapedOthersKept()
    {
        Assert.Equal("ws\\\\1 \\\"q\\\" \\n é", SampleWriter.Escape("ws\\1 \"q\" \n é"));
        Assert.Equal("plain-ws", SampleWriter.Escape("plain-ws"));
    }

    /// <summary>
    /// Values are the shortest text that reads back as the same double: integers as digits, fractions, negative zero,
    /// large values in exponent form, NaN.
    /// </summary>
    [Theory]
    [InlineData(3.0, "3")]
    [InlineData(-2.0, "-2")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1793620800.25, "1793620800.25")]
    [InlineData(999_999_999_999_999.0, "999999999999999")]
    [InlineData(1e17, "1E+17")]
    [InlineData(-1e17, "-1E+17")]
    [InlineData(double.NaN, "NaN")]
    public void Add_Value_WrittenAsTheShortestRoundTripText(double value, string expected)
    {
        var text = WriteOne(value, "x", "y");

        Assert.Equal($"m{{workspace=\"w\",batch_id=\"id\",x=\"x\",y=\"y\"}} {expected}\n", text);
    }

    /// <summary>
    /// A line longer than the output's block (a 20,000-character label, one that escapes to twice its length): the writer
    /// asks for room for the whole line, so it is written whole.
    /// </summary>
    [Theory]
    [InlineData('v')]
    [InlineData('"')]
    public void Add_LabelLongerThanTheBlock_WrittenWhole(char fill)
    {
        var label = new string(fill, 20_000);

        var text = WriteOne(7, label, "end", blockSize: 64);

        var escaped = fill == '"' ? string.Concat(Enumerable.Repeat("\\\"", label.Length)) : label;
        Assert.Equal($"m{{workspace=\"w\",batch_id=\"id\",x=\"{escaped}\",y=\"end\"}} 7\n", text);
    }

    /// <summary>
    /// Many lines through the output's blocks: when a line does not fit in what is left of a block, the block is handed to
    /// the output and a new one taken; no line is lost, cut or reordered, and <see cref="LineChunk.Pending"/> counts them all.
    /// </summary>
    [Fact]
    public void Add_ManyLinesAcrossBlocks_EveryLineWholeInOrderAndCounted()
    {
        var body = new MemoryStream();
        var pipe = PipeWriter.Create(body);
        var chunk = new LineChunk(pipe, 64); // the pipe lends at least 4 KB: about 70 lines a block, 3 blocks
        var samples = Samples(chunk);
        for (var i = 0; i < 200; i++)
        {
            samples.Add(i, "x", "y");
        }

        chunk.Commit();
        var expected = string.Concat(Enumerable.Range(0, 200).Select(i => $"m{{workspace=\"w\",batch_id=\"id\",x=\"x\",y=\"y\"}} {i}\n"));
        Assert.Equal(expected.Length, chunk.Pending);
        Assert.True(RanToEnd(pipe.FlushAsync()));
        Assert.Equal(expected, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>
    /// The body streams: the writer hands about 32 KB at a time to the response and waits for it to drain, so a scrape of
    /// thousands of batches never holds its whole body; what is left is flushed before the writer returns.
    /// </summary>
    [Fact]
    public async Task WriteAsync_2000Batches_FlushesAbout32KBAtATimeAndTheRestBeforeItReturns()
    {
        // A pipe that stops the writer at every flush until the reader has taken all of it: each read is one flush.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        var reads = new List<int>();
        var body = new MemoryStream();
        var reader = Task.Run(async () =>
        {
            while (true)
            {
                var read = await pipe.Reader.ReadAsync();
                if (!read.Buffer.IsEmpty)
                {
                    foreach (var segment in read.Buffer)
                    {
                        body.Write(segment.Span);
                    }

                    lock (reads)
                    {
                        reads.Add((int)read.Buffer.Length);
                    }
                }

                pipe.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        });

        var source = Source(2000);
        await PerBatchSeriesWriter.WriteAsync(pipe.Writer, Families, [source], CatalogueScrape.Now, CancellationToken.None);
        int[] beforeComplete;
        lock (reads)
        {
            beforeComplete = [.. reads];
        }

        await pipe.Writer.CompleteAsync();
        await reader;

        var text = Encoding.UTF8.GetString(body.ToArray());
        Assert.Equal((2000 * 6) + (6 * 2), text.Count(c => c == '\n'));
        Assert.Equal(body.Length, beforeComplete.Sum()); // everything was flushed before the writer returned
        Assert.True(beforeComplete.Length >= body.Length / (FlushEvery + 4096), $"{beforeComplete.Length} flushes for {body.Length} bytes");
        Assert.All(beforeComplete[..^1], n => Assert.InRange(n, FlushEvery, FlushEvery + 4096)); // one batch's lines past 32 KB at most
        Assert.InRange(beforeComplete[^1], 1, FlushEvery + 4096);
    }

    private static string WriteOne(double value, string label0, string label1, int blockSize = 4096)
    {
        var body = new MemoryStream();
        var pipe = PipeWriter.Create(body);
        var chunk = new LineChunk(pipe, blockSize);
        Samples(chunk).Add(value, label0, label1);
        chunk.Commit();
        Assert.True(RanToEnd(pipe.FlushAsync()));
        return Encoding.UTF8.GetString(body.ToArray());
    }

    /// <summary>The samples of family <c>m</c> (own labels <c>x</c>, <c>y</c>) for batch <c>id</c> of workspace <c>w</c>.</summary>
    private static SampleWriter Samples(LineChunk chunk) => new(chunk, "m{workspace=\"w\",batch_id=\""u8, "id", LabelNames);

    private static bool RanToEnd(ValueTask<FlushResult> flush) => flush.IsCompletedSuccessfully;

    private static SourceStatus Source(int live)
    {
        var now = CatalogueScrape.Now;
        var batches = new TrackedBatch[live];
        for (var i = 0; i < live; i++)
        {
            var created = now.AddMinutes(-i);
            batches[i] = new($"msgbatch_live{i:D20}", "in_progress", new BatchCounts(100 + i, 0, 0, 0, 0), created, created.AddHours(24), null, null);
        }

        return CatalogueScrape.Synced("ws", live, batches);
    }

}
