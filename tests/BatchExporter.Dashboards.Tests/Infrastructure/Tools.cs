namespace BatchExporter.Testing;

/// <summary>
/// The Prometheus programs these tests run for real (scripts/install-test-tools.sh installs them, Debian package
/// prometheus): a dashboard or rule that was never checked must not pass as skipped.
/// </summary>
internal static partial class Tool
{
    public static string Promtool => OnPath("promtool");

    public static string Prometheus => OnPath("prometheus");

    /// <summary>Gets Alertmanager (Debian package prometheus-alertmanager).</summary>
    public static string Alertmanager => OnPath("prometheus-alertmanager");

    public static string Amtool => OnPath("amtool");
}
