using System.IO.Pipelines;
using BatchExporter.Metrics;
using BatchExporter.Options;
using BatchExporter.Sync;
using BatchExporter.Tests.Metrics.Golden;

namespace BatchExporter.Tests.Metrics;

/// <summary>
/// What the per-batch part of a scrape allocates: counted exactly on this thread (the writer runs synchronously over a
/// stream whose writes complete at once). Bytes, not time.
/// </summary>
public sealed class PerBatchSeriesWriterAllocationTests
{
    private static readonly IReadOnlyList<MetricFamily> Families = MetricCatalogue.Build(new ExporterOptions());

    [Fact]
    public void WriteAsync_ThousandLiveAndThousandEnded_NoBytesAllocatedPerSample()
    {
        var few = Write(Source(live: 5, ended: 5));
        var many = Write(Source(live: 1000, ended: 1000));

        // 6 lines per batch not yet ended, 11 per ended one (3 status, created, expires, count, ended, 4 results), 2 per family
        Assert.Equal((5 * 6) + (5 * 11) + (6 * 2), few.Lines);
        Assert.Equal((1000 * 6) + (1000 * 11) + (6 * 2), many.Lines);
        Assert.Equal(0, (many.Allocated - few.Allocated) / (many.Lines - few.Lines)); // under 1 byte per sample (65 before SampleWriter)
        Assert.InRange(many.Allocated, 0, 16 * 1024); // per scrape, whatever the number of batches (was 1,094 KiB here)
    }

    [Fact]
    public void WriteAsync_TwoWorkspaces_NoBytesAllocatedPerBatch()
    {
        var few = Write(Source(live: 10, ended: 0, "a"), Source(live: 10, ended: 0, "b"));
        var many = Write(Source(live: 1000, ended: 0, "a"), Source(live: 1000, ended: 0, "b"));

        Assert.Equal((2000 * 6) + (6 * 2), many.Lines);
        Assert.Equal(0, (many.Allocated - few.Allocated) / (many.Lines - few.Lines));
    }

    /// <summary>Writes the per-batch part (after one warm-up run) and returns the bytes allocated and the lines written.</summary>
    private static (long Allocated, long Lines) Write(params SourceStatus[] sources)
    {
        Run(sources, new LineCountingStream()); // warm-up: pools, first-call statics
        var body = new LineCountingStream();
        var allocated = Run(sources, body);
        return (allocated, body.Lines);
    }

    private static long Run(SourceStatus[] sources, LineCountingStream body)
    {
        var output = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ranHere = RanToEnd(PerBatchSeriesWriter.WriteAsync(output, Families, sources, CatalogueScrape.Now, CancellationToken.None));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ranHere); // ran to the end on this thread: the count is exact
        Assert.True(RanToEnd(output.CompleteAsync()));
        return allocated;
    }

    private static bool RanToEnd(ValueTask pending) => pending.IsCompletedSuccessfully;

    /// <summary>
    /// A workspace with <paramref name="live"/> batches in progress and <paramref name="ended"/> that ended within the
    /// last hour (the default window), ids shaped like the API's.
    /// </summary>
    private static SourceStatus Source(int live, int ended, string workspace = "ws")
    {
        var now = CatalogueScrape.Now;
        var batches = new List<TrackedBatch>();
        for (var i = 0; i < live; i++)
        {
            var created = now.AddMinutes(-i);
            batches.Add(new($"msgbatch_{workspace}live{i:D20}", "in_progress", new BatchCounts(100 + i, 0, 0, 0, 0), created, created.AddHours(24), null, null));
        }

        for (var i = 0; i < ended; i++)
        {
            var created = now.AddMinutes(-50);
            batches.Add(new($"msgbatch_{workspace}ended{i:D19}", "ended", new BatchCounts(0, i, 1, 2, 3), created, created.AddHours(24), now.AddSeconds(-1 - i), null));
        }

        return CatalogueScrape.Synced(workspace, 1000, [.. batches]);
    }

    /// <summary>A sink that counts the line feeds written to it; its writes complete at once.</summary>
    private sealed class LineCountingStream : Stream
    {
        public long Lines { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => Lines += buffer.Count((byte)'\n');

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
