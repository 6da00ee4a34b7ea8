using System.Net;

namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>Polling of loopback servers, always bounded.</summary>
internal static class Loopback
{
    /// <summary>
    /// Calls <paramref name="condition"/> every <paramref name="every"/> until it returns true or <paramref name="timeout"/>
    /// passes (or the process it depends on has exited); returns whether it became true.
    /// </summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan every,
        CancellationToken cancellationToken, ChildProcess? process = null)
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

            await Task.Delay(every, cancellationToken);
        }
    }

    /// <summary>Whether GET <paramref name="url"/> answers 200.</summary>
    public static async Task<bool> IsOkAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(url), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
