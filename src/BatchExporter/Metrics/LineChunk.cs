using System.Buffers;
using System.IO.Pipelines;

namespace BatchExporter.Metrics;

/// <summary>
/// Sample lines written into one large block of the output at a time (about one flush's worth): lines are encoded
/// straight into memory the output lends (<c>GetMemory</c>), and the output sees one <c>Advance</c> per block instead
/// of one per line. Nothing is copied.
/// </summary>
/// <remarks>
/// Measured reason: with one <c>GetSpan</c>/<c>Advance</c> per line on Kestrel's response pipe, every <c>Advance</c>
/// takes the pipe's lock, which the socket's sender holds while a flush drains; <c>dotnet-trace collect --profile
/// dotnet-sampled-thread-time -- dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll
/// scenario scrape 10000:1000 1500</c> put 14% of the process's CPU in <c>Monitor.Enter_Slowpath</c> under
/// <c>Pipe.Advance</c> and 7% more in the pipe's <c>GetSpan</c>. Lines encoded into a pooled buffer and copied to the
/// response per 32 KB removed the lock time but the copy took 9% (<c>scenario scrape 10000:1000:1000 800</c>); lines
/// encoded into the response's own large blocks need neither.
/// </remarks>
internal sealed class LineChunk(PipeWriter output, int blockSize) : IBufferWriter<byte>
{
    private Memory<byte> _block;
    private int _written;
    private int _committed;

    /// <summary>Gets the bytes written since the last <see cref="Flushed"/>.</summary>
    public int Pending => _committed + _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _block[_written..];
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Hands the lines written so far to the output (before a flush or when done).</summary>
    public void Commit()
    {
        if (_written > 0)
        {
            output.Advance(_written);
        }

        _committed += _written;
        _written = 0;
        _block = default;
    }

    /// <summary>Records that the output was flushed.</summary>
    public void Flushed() => _committed = 0;

    private void Reserve(int sizeHint)
    {
        if (_block.Length - _written >= Math.Max(sizeHint, 1))
        {
            return;
        }

        Commit();
        _block = output.GetMemory(Math.Max(blockSize, sizeHint));
    }
}
