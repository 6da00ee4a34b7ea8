using System.Net;
using System.Net.Sockets;

namespace BatchExporter.Testing;

/// <summary>Ports on 127.0.0.1 for servers a test starts.</summary>
internal static class LoopbackPort
{
    /// <summary>A port that was free a moment ago (the system chose it; the listener is closed again).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
