using System.Net;
using System.Net.Sockets;

namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>Loopback ports and polling, always bounded.</summary>
internal static class Loopback
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

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
