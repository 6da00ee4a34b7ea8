using System.Buffers;
using BatchExporter.Metrics;
using BatchExporter.Sync;

namespace BatchExporter.Hosting;

/// <summary>
/// Sits in front of the OpenTelemetry Prometheus scraping endpoint: lets it write the exposition (it negotiates
/// text or OpenMetrics), then appends the per-batch families (before the OpenMetrics <c># EOF</c> marker).
/// </summary>
internal sealed class PerBatchSeriesMiddleware(RequestDelegate next, SourceStatusStore store)
{
    private static readonly byte[] EofMarker = "# EOF\n"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        var original = response.Body;
        var exposition = new ArrayBufferWriter<byte>(64 * 1024);
        using var buffer = new BufferWriterStream(exposition);
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode != StatusCodes.Status200OK)
        {
            await original.WriteAsync(exposition.WrittenMemory, context.RequestAborted);
            return;
        }

        var written = exposition.WrittenMemory;
        var openMetrics = written.Span.EndsWith(EofMarker);
        if (openMetrics)
        {
            written = written[..^EofMarker.Length];
        }

        var perBatch = new ArrayBufferWriter<byte>(16 * 1024);
        PerBatchSeriesWriter.Write(perBatch, store.All);
        response.ContentLength = written.Length + perBatch.WrittenCount + (openMetrics ? EofMarker.Length : 0);
        await original.WriteAsync(written, context.RequestAborted);
        await original.WriteAsync(perBatch.WrittenMemory, context.RequestAborted);
        if (openMetrics)
        {
            await original.WriteAsync(EofMarker, context.RequestAborted);
        }
    }

    /// <summary>A write-only stream over an <see cref="IBufferWriter{T}"/>.</summary>
    private sealed class BufferWriterStream(IBufferWriter<byte> target) : Stream
    {
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

        public override void Write(byte[] buffer, int offset, int count) => target.Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => target.Write(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            target.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            target.Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
