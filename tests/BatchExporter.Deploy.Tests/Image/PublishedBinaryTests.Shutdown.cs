using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Image;

/// <summary>The SIGTERM scenarios of <see cref="SigtermShutdownTests"/> against the published Native AOT binary.</summary>
public sealed partial class PublishedBinaryTests : SigtermShutdownTests
{
    private protected override IExporterUnderTest Start(IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        return RunningExporter.Start(published.Binary, environment);
    }
}
