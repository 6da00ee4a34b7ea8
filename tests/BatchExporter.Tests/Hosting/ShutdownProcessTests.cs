using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

/// <summary>The SIGTERM scenarios of <see cref="SigtermShutdownTests"/> against <c>dotnet BatchExporter.dll</c>.</summary>
[Trait("Category", "Process")]
public sealed class ShutdownProcessTests : SigtermShutdownTests
{
    private protected override IExporterUnderTest Start(IReadOnlyDictionary<string, string> environment) =>
        ExporterProcess.Start([], environment);
}
