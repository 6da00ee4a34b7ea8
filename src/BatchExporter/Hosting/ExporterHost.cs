using Microsoft.Extensions.Logging.Console;

namespace BatchExporter.Hosting;

/// <summary>Builds and runs the exporter process: configuration check, optional demo simulator, host.</summary>
internal static class ExporterHost
{
    public const string DemoFlag = "--demo";

    /// <summary>The exit code when the listen address is taken.</summary>
    public const int ListenFailedExitCode = 3;
    private const string DefaultUrls = "http://0.0.0.0:9464";

    public static async Task<int> RunAsync(string[] args)
    {
        var demo = args.Contains(DemoFlag);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. args.Where(a => a != DemoFlag)],
            ContentRootPath = AppContext.BaseDirectory, // appsettings.json ships beside the binary, whatever the working directory
        });
        UseConfiguredConsoleFormatter(builder);
        await using var simulator = demo ? await DemoSimulator.StartAsync(builder.Configuration) : null;

        if (ConfigurationCheck.FirstError(builder.Configuration) is { } error)
        {
            await Console.Error.WriteLineAsync($"configuration error: {error}");
            return ConfigurationCheck.ExitCode;
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.WebHost.UseKestrelHttpsConfiguration(); // TLS from standard Kestrel configuration, when configured
        builder.Services.AddBatchExporter(builder.Configuration);
        await using var app = builder.Build();
        app.MapExporterEndpoints();
        try
        {
            await app.RunAsync();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"cannot listen: {e.Message}");
            return ListenFailedExitCode;
        }

        return 0;
    }

    /// <summary>
    /// The slim builder adds the console logger fixed to the simple formatter. This adds the json and systemd
    /// formatters and lets <c>Logging:Console:FormatterName</c> choose (the chart's <c>logFormat: json</c> sets
    /// <c>Logging__Console__FormatterName=json</c>: one JSON object per line).
    /// </summary>
    private static void UseConfiguredConsoleFormatter(WebApplicationBuilder builder)
    {
        builder.Logging.AddConsole();
        builder.Services.PostConfigure<ConsoleLoggerOptions>(console =>
        {
            if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } name)
            {
                console.FormatterName = name;
            }
        });
    }
}
