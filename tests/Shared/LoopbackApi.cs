using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BatchExporter.Testing;

/// <summary>
/// A stand-in for the Message Batches API on a loopback port, for tests of a whole exporter process (the
/// <c>dotnet</c> build or the published Native AOT binary). It answers every request with one empty list page, or,
/// when <c>hang</c> is set, reads the request and never answers: the exporter's sync is then stuck in its first
/// call, as against an API that accepted the connection and went silent.
/// </summary>
internal sealed class LoopbackApi : IAsyncDisposable
{
    private const string EmptyPage = """{"data":[],"has_more":false,"first_id":null,"last_id":null}""";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly bool _hang;
    private readonly Task _accepting;
    private int _requests;

    private LoopbackApi(bool hang)
    {
        _hang = hang;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Gets the base URL to give the exporter (<c>ANTHROPIC_BASE_URL</c>).</summary>
    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Gets the number of requests read so far (answered or held).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts an API that answers each request with an empty list page (a workspace with no batches).</summary>
    public static LoopbackApi Answering() => new(hang: false);

    /// <summary>Starts an API that reads each request and never answers it.</summary>
    public static LoopbackApi Hanging() => new(hang: true);

    /// <summary>Waits until <paramref name="count"/> requests have arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Requests} of {count} requests arrived within {timeout}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        lock (_held)
        {
            foreach (var client in _held)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        lock (_held)
        {
            _held.Add(client);
        }

        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var received = new StringBuilder();
            while (!_stop.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                var end = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue; // headers not complete yet; a GET has no body
                }

                received.Remove(0, end + 4);
                Interlocked.Increment(ref _requests);
                if (_hang)
                {
                    continue; // read, never answered: the connection stays open until the client gives up
                }

                var body = Encoding.UTF8.GetBytes(EmptyPage);
                var head = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nrequest-id: req_loopback\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // the exporter closed the connection, or this API is stopping
        }
    }
}
