using System.Globalization;

namespace BatchExporter.Api;

/// <summary>
/// Runs once per HTTP attempt, inside the resilience handler: takes the attempt from the source's budget,
/// adds the key (read now, so a rotated key file applies to the next attempt), reports the attempt's outcome (and,
/// when its response is disposed, the bytes read from its body),
/// and turns a 429's <c>retry-after</c> into a pause of the whole budget.
/// </summary>
internal sealed class ApiAttemptHandler(TimeProvider time, IApiObserver observer) : DelegatingHandler
{
    /// <summary>A retry waits at most this long for budget; longer, and the call fails as <c>rate_limited</c>.</summary>
    private static readonly TimeSpan MaxRetryBudgetWait = TimeSpan.FromSeconds(20);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var source = request.Options.TryGetValue(ApiRequestOptions.Source, out var s)
            ? s
            : throw new InvalidOperationException("request without an API source");
        var endpoint = request.Options.TryGetValue(ApiRequestOptions.Endpoint, out var e) ? e : "list";

        if (request.Options.TryGetValue(ApiRequestOptions.BudgetPrepaid, out var prepaid) && prepaid)
        {
            request.Options.Set(ApiRequestOptions.BudgetPrepaid, false);
        }
        else
        {
            await source.Budget.AcquireAsync(MaxRetryBudgetWait, cancellationToken).ConfigureAwait(false);
        }

        request.Headers.Remove(ApiHeaders.ApiKey);
        request.Headers.TryAddWithoutValidation(ApiHeaders.ApiKey, source.Key.GetKey());

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            observer.OnAttempt(new(source.Name, endpoint, "timeout"));
            throw;
        }
        catch (Exception)
        {
            observer.OnAttempt(new(source.Name, endpoint, "network"));
            throw;
        }

        var status = (int)response.StatusCode;
        observer.OnAttempt(new(source.Name, endpoint, status.ToString(CultureInfo.InvariantCulture)));
        if (status == 429 && RetryAfter(response) is null)
        {
            // No retry-after: maybe the spend cap, which does not clear in seconds. Thrown here, inside the resilience
            // handler, so it is not retried; any other 429 goes back to the handler as it came.
            var original = response.Content;
            var body = await original.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            response.Content = new ByteArrayContent(body);
            foreach (var (name, values) in original.Headers)
            {
                response.Content.Headers.TryAddWithoutValidation(name, values);
            }

            original.Dispose();
            if (BatchApiClient.IsSpendCap(body))
            {
                var error = await BatchApiClient.ErrorAsync(response, source, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw error;
            }
        }
        else if (status == 429 && RetryAfter(response) is { } delay)
        {
            source.Budget.PauseUntil(time.GetUtcNow() + delay);
            if (delay > MaxRetryBudgetWait)
            {
                // Too long to wait inside this sync: fail it now as rate limited; the paused budget holds the
                // next sync's first request back until the API's retry-after has passed.
                response.Dispose();
                throw new ApiException(SyncFailureReason.RateLimited, $"HTTP 429 rate_limit_error: retry after {delay.TotalSeconds:0} s");
            }
        }

        response.Content = new CountingContent(response.Content, bytes => observer.OnAttempt(ApiAttempt.Read(source.Name, endpoint, bytes)));
        return response;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
