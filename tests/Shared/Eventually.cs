using System.Net;

namespace BatchExporter.Testing;

/// <summary>Waits for a condition by polling it, always bounded: a server coming up, a sync finishing, a query filling.</summary>
internal static class Eventually
{
    /// <summary>
    /// Calls <paramref name="condition"/> every <paramref name="every"/> (default 100 ms) until it returns true or
    /// <paramref name="timeout"/> passes (or <paramref name="process"/>, which it depends on, has exited); returns
    /// whether it became true. A refused or timed-out HTTP request counts as "not yet".
    /// </summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null,
        ChildProcess? process = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One request timed out; try again.
            }

            if (DateTime.UtcNow >= deadline || process is { HasExited: true })
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Like the asynchronous overload, for a condition on in-process state.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, every);

    /// <summary>Whether GET <paramref name="url"/> (absolute, or relative to the client's base address) answers 200.</summary>
    public static async Task<bool> IsOkAsync(HttpClient http, string url, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
