using System.Net.Sockets;
using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Tests.Hosting;

public sealed class SimulatorServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsLoopbackFreePort()
    {
        await using var server = await SimulatorServer.StartAsync(new BatchSimulator(TimeProvider.System));

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.BaseUrl.Port);
    }

    [Fact]
    public async Task StartAsync_Started_ResultsUrlsUseServerBase()
    {
        var simulator = new BatchSimulator(TimeProvider.System);
        var batch = simulator.DefaultWorkspace.CreateBatch(1);
        simulator.DefaultWorkspace.EndNow(batch.Id, 1, 0);

        await using var server = await SimulatorServer.StartAsync(simulator);

        Assert.Equal(new Uri(server.BaseUrl, $"/v1/messages/batches/{batch.Id}/results").ToString(), simulator.DefaultWorkspace.Get(batch.Id).ResultsUrl);
    }

    [Fact]
    public async Task DisposeAsync_Stopped_ConnectionRefused()
    {
        var server = await SimulatorServer.StartAsync(new BatchSimulator(TimeProvider.System));
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        await server.DisposeAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/v1/messages/batches"));
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task StartAsync_FixedPort_ServesThere()
    {
        var port = LoopbackPort.Free();

        await using var server = await SimulatorServer.StartAsync(new BatchSimulator(TimeProvider.System), port);

        Assert.Equal(port, server.BaseUrl.Port);
    }
}
