using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace BatchExporter.Hosting;

/// <summary>Builds and runs the exporter process: optional demo simulator, host, configuration check, serving.</summary>
internal static class ExporterHost
{
    public const string DemoFlag = "--demo";

    /// <summary>The exit code of invalid configuration.</summary>
    public const int ConfigurationErrorExitCode = 2;

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

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.WebHost.UseKestrelHttpsConfiguration(); // TLS from standard Kestrel configuration, when configured
        builder.Services.AddBatchExporter(builder.Configuration);
        await using var app = builder.Build();
        if (ConfigurationError(app.Services) is { } error)
        {
            await Console.Error.WriteLineAsync($"configuration error: {error}");
            return ConfigurationErrorExitCode;
        }

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

    /// <summary>
    /// Runs the host's own start-up validation (what <c>ValidateOnStart</c> registered) before anything starts, so
    /// nothing listens and no sync begins when the configuration is wrong. Returns null when it is valid, else its
    /// first problem as one line naming the key. Starting the host validates again; the options are cached by then.
    /// </summary>
    private static string? ConfigurationError(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return OneLine(e.Failures.First());
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is OptionsValidationException first)
        {
            return OneLine(first.Failures.First());
        }
        catch (InvalidOperationException e)
        {
            return OneLine(e.Message); // the binder: an unknown key, or a value it cannot convert (its message names the key)
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
