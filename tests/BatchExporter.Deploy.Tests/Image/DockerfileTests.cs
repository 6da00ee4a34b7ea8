using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Image;

/// <summary>What the Dockerfile promises, read from the file (no Docker engine runs here).</summary>
public sealed class DockerfileTests
{
    private static readonly IReadOnlyList<DockerInstruction> Instructions = Dockerfile.Read(Repo.File("Dockerfile"));

    private static int FinalStage => Instructions.Max(i => i.Stage);

    [Fact]
    public void BuildStage_PublishesWithTheSharedScript()
    {
        var build = Instructions.Where(i => i.Stage == 0).ToList();

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", build[0].Arguments, StringComparison.Ordinal);
        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.Contains("publish", StringComparison.Ordinal));
        var command = string.Join(' ', publish.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith("--mount=", StringComparison.Ordinal)));
        Assert.Equal("scripts/publish.sh /app", command); // exactly what PublishedBinaryTests runs
        Assert.Contains(Instructions, i => i.Stage == FinalStage && i.Keyword == "COPY" && i.Arguments.Contains("--from=build", StringComparison.Ordinal) && i.Arguments.Contains("/app/", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildStage_PassesVersionAndRevisionToPublish()
    {
        var build = Instructions.Where(i => i.Stage == 0).ToList();
        var publish = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("publish.sh", StringComparison.Ordinal));

        foreach (var arg in new[] { "VERSION", "REVISION" })
        {
            var declared = build.FindIndex(i => i.Keyword == "ARG" && i.Arguments.Split('=')[0] == arg);
            Assert.True(declared >= 0 && declared < publish, $"ARG {arg} must be declared in the build stage before the publish step");
        }

        var script = File.ReadAllText(Repo.File("scripts", "publish.sh"));
        Assert.Contains("${VERSION:+\"-p:Version=$VERSION\"}", script, StringComparison.Ordinal);
        Assert.Contains("${REVISION:+\"-p:SourceRevisionId=$REVISION\"}", script, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalStage_SourceLabel_IsTheProjectRepository()
    {
        var source = Instructions.Single(i => i.Stage == FinalStage && i.Keyword == "ARG" && i.Arguments.StartsWith("SOURCE=", StringComparison.Ordinal));

        Assert.Equal($"SOURCE={ProjectHome.Repository}", source.Arguments);
    }

    [Fact]
    public void FinalStage_IsChiseledRuntimeDepsForTheNativeBinary()
    {
        var from = Instructions.Last(i => i.Keyword == "FROM").Arguments;

        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:", from, StringComparison.Ordinal);
        Assert.Contains("-chiseled", from, StringComparison.Ordinal);
        Assert.Equal("[\"/app/BatchExporter\"]", Final("ENTRYPOINT").Single());
    }

    [Fact]
    public void FinalStage_RunsAsNumericNonRootUser()
    {
        var user = Final("USER").Single().Split(':')[0];

        Assert.True(int.TryParse(user, out var uid), $"USER {user} must be numeric so runAsNonRoot can verify it");
        Assert.NotEqual(0, uid);
        Assert.Equal(1654, uid); // the chart's podSecurityContext.runAsUser
    }

    [Fact]
    public void FinalStage_ListensOn9464()
    {
        var env = Final("ENV").SelectMany(e => DockerKeyValues.Parse(e)).ToDictionary();

        Assert.Equal(["9464"], Final("EXPOSE"));
        Assert.Equal("http://+:9464", env["ASPNETCORE_URLS"]);
        Assert.Equal(string.Empty, env["ASPNETCORE_HTTP_PORTS"]); // the base image's 8080 would win otherwise
    }

    [Fact]
    public void FinalStage_HasOciLabels()
    {
        var labels = Final("LABEL").SelectMany(l => DockerKeyValues.Parse(l)).ToDictionary();

        foreach (var key in new[] { "title", "description", "version", "revision", "created", "source" })
        {
            Assert.Contains($"org.opencontainers.image.{key}", labels.Keys);
        }
    }

    [Fact]
    public void Dockerfile_BakesInNoSecret()
    {
        var assigned = Instructions.Where(i => i.Keyword is "ENV" or "ARG")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('=')[0]));

        Assert.DoesNotContain(assigned, n => n.Contains("KEY", StringComparison.OrdinalIgnoreCase) || n.Contains("TOKEN", StringComparison.OrdinalIgnoreCase) || n.Contains("SECRET", StringComparison.OrdinalIgnoreCase) || n.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(".git/config", true)]
    [InlineData(".tools/deploy/bin/helm", true)]
    [InlineData("tests/BatchExporter.Tests/BatchExporter.Tests.csproj", true)]
    [InlineData("src/BatchExporter/bin/Release/net10.0/BatchExporter.dll", true)]
    [InlineData("src/BatchExporter/obj/project.assets.json", true)]
    [InlineData("scripts/install-test-tools.sh", true)]
    [InlineData("src/BatchExporter/Program.cs", false)]
    [InlineData("scripts/publish.sh", false)]
    [InlineData("Directory.Build.props", false)]
    public void DockerIgnore_KeepsOnlyTheBuildInputs(string path, bool excluded)
    {
        Assert.Equal(excluded, DockerContext.FromRepository().IsExcluded(path));
    }

    private static List<string> Final(string keyword) =>
        [.. Instructions.Where(i => i.Stage == FinalStage && i.Keyword == keyword).Select(i => i.Arguments)];
}
