using BatchApi.Simulator.Hosting;

namespace BatchApi.Simulator.Tests.Hosting;

public sealed class SimulatorCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_Defaults()
    {
        var options = SimulatorCommandLine.Parse([]);

        Assert.Equal(new SimulatorCommandLine(8089, 1000, TimeSpan.FromDays(7), 1, null, Demo: true, Help: false), options);
    }

    [Fact]
    public void Parse_EveryFlag_Applied()
    {
        var options = SimulatorCommandLine.Parse(["--port", "0", "--history", "10000", "--history-days", "3", "--seed", "9", "--api-key", "k", "--no-demo"]);

        Assert.Equal(new SimulatorCommandLine(0, 10_000, TimeSpan.FromDays(3), 9, "k", Demo: false, Help: false), options);
    }

    [Theory]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--history", "-1")]
    [InlineData("--bogus")]
    [InlineData("--port")]
    public void Parse_BadArguments_ThrowsArgumentException(params string[] args) =>
        Assert.Throws<ArgumentException>(() => SimulatorCommandLine.Parse(args));

    [Fact]
    public async Task Main_BadFlag_ExitCode2()
    {
        Assert.Equal(2, await SimulatorProgram.Main(["--bogus"]));
    }

    [Fact]
    public async Task Main_Help_ExitCode0()
    {
        Assert.Equal(0, await SimulatorProgram.Main(["--help"]));
    }
}
