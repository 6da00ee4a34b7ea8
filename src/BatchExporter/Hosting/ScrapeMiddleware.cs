using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using BatchExporter.Metrics;
using Microsoft.Extensions.Primitives;

namespace BatchExporter.Hosting;

/// <summary>
/// Sits in front of the OpenTelemetry Prometheus scraping endpoint. It pins one published state for the whole body
/// (<see cref="ScrapeSnapshot"/>), lets the OpenTelemetry exporter write its part (it negotiates text or
/// OpenMetrics), then streams the per-batch families after it (before the OpenMetrics <c># EOF</c> marker).
/// Compression is done here, over the whole body, so the exporter is asked for plain text.
/// </summary>
internal sealed class ScrapeMiddleware(RequestDelegate next, ScrapeSnapshot snapshot, CatalogueMeter catalogue, TimeProvider time)
{
    private static readonly byte[] EofMarker = "# EOF\n"u8.ToArray();

    /// <summary>
    /// The OpenTelemetry part of the body, kept from scrape to scrape (scrapes take turns under the pin): a new
    /// 16 KB buffer that grew to 32 KB for the 17 KB part was 48 KB of the 111 KiB a scrape with 10 series allocated
    /// (<c>scripts/bench-scrape.sh 100000:10</c>).
    /// </summary>
    private readonly ArrayBufferWriter<byte> _exposition = new(32 * 1024);

    public async Task InvokeAsync(HttpContext context)
    {
        using var pin = await snapshot.PinAsync(context.RequestAborted);
        var response = context.Response;
        var gzip = AcceptsGzip(context.Request.Headers.AcceptEncoding);
        context.Request.Headers.AcceptEncoding = default;
        var original = response.Body;
        var exposition = _exposition;
        exposition.ResetWrittenCount();
        response.Body = new BufferWriterStream(exposition);
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

        response.ContentLength = null; // the per-batch part is streamed: chunked
        GZipStream? compressor = null;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
            compressor = new GZipStream(original, CompressionLevel.Fastest, leaveOpen: true);
        }

        await using (compressor)
        {
            // Uncompressed, straight into the server's response pipe; compressed, through a pipe over the gzip stream.
            var body = compressor is null
                ? response.BodyWriter
                : PipeWriter.Create(compressor, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
            body.Write(written.Span);
            await PerBatchSeriesWriter.WriteAsync(body, catalogue.Families, pin.Sources, time.GetUtcNow(), context.RequestAborted);
            if (openMetrics)
            {
                body.Write(EofMarker);
            }

            if (compressor is null)
            {
                await body.FlushAsync(context.RequestAborted);
            }
            else
            {
                await body.CompleteAsync();
            }
        }
    }

    private static bool AcceptsGzip(StringValues acceptEncoding)
    {
        foreach (var value in acceptEncoding)
        {
            foreach (var coding in (value ?? string.Empty).Split(','))
            {
                var parts = coding.Split(';', StringSplitOptions.TrimEntries);
                if (parts[0].Equals("gzip", StringComparison.OrdinalIgnoreCase) && !parts.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0"))
                {
                    return true;
                }
            }
        }

        return false;
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
