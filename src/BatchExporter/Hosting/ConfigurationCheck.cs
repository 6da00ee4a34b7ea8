using BatchExporter.Options;

namespace BatchExporter.Hosting;

/// <summary>
/// Binds and validates the configuration before the host starts, so a mistake stops the process with exit
/// code 2 and one line naming the key, instead of a stack trace. The same binder, post-configuration and
/// validator run again inside the host (<c>ValidateOnStart</c>).
/// </summary>
internal static class ConfigurationCheck
{
    public const int ExitCode = 2;

    /// <summary>Returns null when the configuration is valid, else the first problem as one line.</summary>
    public static string? FirstError(IConfiguration configuration)
    {
        ExporterOptions options;
        try
        {
            options = configuration.GetSection(ExporterOptions.Section).Get<ExporterOptions>(b => b.ErrorOnUnknownConfiguration = true) ?? new ExporterOptions();
        }
        catch (InvalidOperationException e)
        {
            return OneLine(e.Message);
        }

        new ExporterOptionsSetup(configuration).PostConfigure(null, options);
        var result = new ExporterOptionsValidator(configuration).Validate(null, options);
        return result.Failed ? OneLine(result.Failures.First()) : null;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
