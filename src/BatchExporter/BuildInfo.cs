using System.Reflection;

namespace BatchExporter;

/// <summary>What this build is: the release version, the git commit it was built from, and the .NET runtime.</summary>
internal static class BuildInfo
{
    private static readonly string InformationalVersion =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Gets the release version (<c>Version</c> in Directory.Build.props), without source-control metadata.</summary>
    public static string Version { get; } = InformationalVersion.Split('+')[0];

    /// <summary>
    /// Gets the git commit: the SDK appends <c>SourceRevisionId</c> to the informational version (from the repository when
    /// built in a clone, from <c>-p:SourceRevisionId=…</c> in the image build); <c>unknown</c> when neither had one.
    /// </summary>
    public static string Revision { get; } = InformationalVersion.Split('+') is [_, var revision, ..] && revision.Length > 0 ? revision : "unknown";

    /// <summary>Gets the .NET runtime version, for example <c>10.0.0</c>.</summary>
    public static string Runtime { get; } = Environment.Version.ToString();
}
