using System.Globalization;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BatchExporter.Api;

/// <summary>
/// The exporter's only HTTP path to the API: a typed <see cref="HttpClient"/> behind the standard resilience
/// handler and <see cref="ApiAttemptHandler"/>. A list page is read whole into a pooled buffer and parsed in one
/// pass (<see cref="BatchPageReader"/>); a results download is read line by line as it streams in. Every failure
/// becomes an <see cref="ApiException"/> with its <see cref="SyncFailureReason"/>.
/// </summary>
internal sealed partial class BatchApiClient(HttpClient http)
{
    private const int MaxErrorMessageLength = 300;

    /// <summary>Lists one page of batches, newest first, older than <paramref name="afterId"/> when it is given.</summary>
    public async Task<ListedPage> ListAsync(ApiSource source, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var query = afterId is null
            ? string.Create(CultureInfo.InvariantCulture, $"v1/messages/batches?limit={limit}")
            : string.Create(CultureInfo.InvariantCulture, $"v1/messages/batches?limit={limit}&after_id={Uri.EscapeDataString(afterId)}");
        using var request = await CreateRequestAsync(source, query, "list", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, source, cancellationToken).ConfigureAwait(false);
        }

        return await ReadBodyAsync(response, "list response", BatchPageReader.ReadAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a response body with <paramref name="read"/>; a body that breaks off, times out or does not parse becomes an <see cref="ApiException"/>.</summary>
    private static async Task<T> ReadBodyAsync<T>(HttpResponseMessage response, string what, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await read(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            throw new ApiException(SyncFailureReason.BadResponse, $"malformed {what}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ApiException(SyncFailureReason.Network, $"{what} interrupted: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(SyncFailureReason.Timeout, $"{what} timed out", e);
        }
    }

    /// <summary>
    /// A GET of <paramref name="relativeUri"/> under the source's base URL (or an absolute URL of the same origin, a
    /// checked <c>results_url</c>: the key only goes where it was configured to), with the API headers, after taking the first attempt's budget: it may
    /// wait as long as the budget needs; retries wait inside the attempt handler.
    /// </summary>
    private static async Task<HttpRequestMessage> CreateRequestAsync(ApiSource source, string relativeUri, string endpoint, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(source.BaseUrl, relativeUri));
        request.Headers.TryAddWithoutValidation(ApiHeaders.Version, ApiHeaders.VersionValue);
        if (source.WorkspaceId is { } workspaceId)
        {
            request.Headers.TryAddWithoutValidation(ApiHeaders.WorkspaceId, workspaceId);
        }

        request.Options.Set(ApiRequestOptions.Source, source);
        request.Options.Set(ApiRequestOptions.Endpoint, endpoint);
        try
        {
            await source.Budget.AcquireAsync(TimeSpan.MaxValue, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }

        request.Options.Set(ApiRequestOptions.BudgetPrepaid, true);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new ApiException(SyncFailureReason.Timeout, "API request timed out", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(SyncFailureReason.Timeout, "API request timed out", e);
        }
        catch (BrokenCircuitException e)
        {
            throw new ApiException(SyncFailureReason.Network, "API circuit open after repeated failures", e);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(SyncFailureReason.Network, $"API unreachable: {e.Message}", e);
        }
    }

    /// <summary>Whether an error body is the spend cap's (<c>error_code</c> <c>enforced_spend_limit_reached</c>).</summary>
    internal static bool IsSpendCap(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiErrorEnvelope)?.Error?.Code == SyncFailureReasonExtensions.SpendLimitErrorCode;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Turns an error answer into an <see cref="ApiException"/> classified by status and body.</summary>
    internal static async Task<ApiException> ErrorAsync(HttpResponseMessage response, ApiSource source, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ApiErrorEnvelope? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiErrorEnvelope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException or NotSupportedException)
        {
            // The status alone classifies the failure; the body is only for the message.
        }

        var requestId = body?.RequestId
            ?? (response.Headers.TryGetValues(ApiHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null);
        var message = Redact(body?.Error?.Message, source);
        var code = body?.Error?.Code is { } c ? $" ({c})" : string.Empty;
        return new ApiException(
            SyncFailureReasonExtensions.FromError(status, body?.Error?.Type, body?.Error?.Message, body?.Error?.Code),
            $"HTTP {status} {body?.Error?.Type ?? "error"}{code}: {message ?? "(no message)"} (request-id {requestId ?? "none"})");
    }

    /// <summary>Keeps an API message short and free of the key, whatever the server echoed.</summary>
    private static string? Redact(string? message, ApiSource source)
    {
        if (message is null)
        {
            return null;
        }

        string key;
        try
        {
            key = source.Key.GetKey();
        }
        catch (ApiException)
        {
            key = string.Empty;
        }

        if (key.Length > 0)
        {
            message = message.Replace(key, "[redacted]", StringComparison.Ordinal);
        }

        return message.Length <= MaxErrorMessageLength ? message : message[..MaxErrorMessageLength] + "…";
    }
}
