using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace BatchExporter.Api;

/// <summary>The results download: <c>GET /v1/messages/batches/{id}/results</c>, read line by line as it streams in.</summary>
internal sealed partial class BatchApiClient
{
    /// <summary>
    /// Downloads and tallies one ended batch's results. Memory stays bounded by the longest line, whatever the file's
    /// size. Returns null when the results are gone (404: archived or deleted); throws <see cref="ApiException"/>
    /// for any other failure, including a download cut short (nothing of it is kept).
    /// </summary>
    public Task<ResultsTally?> DownloadResultsAsync(ApiSource source, string batchId, CancellationToken cancellationToken) =>
        DownloadResultsAsync(source, batchId, resultsUrl: null, cancellationToken);

    /// <summary>
    /// As <see cref="DownloadResultsAsync(ApiSource, string, CancellationToken)"/>, from the batch's
    /// <paramref name="resultsUrl"/> when it has the origin (scheme, host, port) of the source's base URL; any other
    /// URL is not followed (the key never goes to another host) and the documented path under the base URL is used.
    /// </summary>
    public async Task<ResultsTally?> DownloadResultsAsync(ApiSource source, string batchId, string? resultsUrl, CancellationToken cancellationToken)
    {
        var target = resultsUrl is not null && Uri.TryCreate(resultsUrl, UriKind.Absolute, out var url) && SameOrigin(url, source.BaseUrl)
            ? url.AbsoluteUri
            : $"v1/messages/batches/{Uri.EscapeDataString(batchId)}/results";
        using var request = await CreateRequestAsync(source, target, "results", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorAsync(response, source, cancellationToken).ConfigureAwait(false);
            // 404 about the batch: its results are gone (archived or deleted). 404 about the workspace is a failure.
            return response.StatusCode == System.Net.HttpStatusCode.NotFound && error.Reason != SyncFailureReason.Workspace
                ? null
                : throw error;
        }

        return await ReadBodyAsync(response, "results download", ReadResultsAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Same scheme, host and port: the only URLs the source's key may be sent to.</summary>
    internal static bool SameOrigin(Uri url, Uri baseUrl) =>
        Uri.Compare(url, baseUrl, UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static async Task<ResultsTally?> ReadResultsAsync(Stream stream, CancellationToken cancellationToken)
    {
        var tally = new ResultsTally();
        var reader = PipeReader.Create(stream);
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                AddLine(buffer.Slice(0, end), tally);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }

            if (read.IsCompleted)
            {
                AddLine(buffer, tally);
                await reader.CompleteAsync().ConfigureAwait(false);
                return tally;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static void AddLine(ReadOnlySequence<byte> line, ResultsTally tally)
    {
        if (IsBlank(line))
        {
            return;
        }

        var json = new Utf8JsonReader(line);
        tally.Add(JsonSerializer.Deserialize(ref json, ApiResultsJsonContext.Default.ResultLine)
            ?? throw new JsonException("results line is JSON null"));
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
