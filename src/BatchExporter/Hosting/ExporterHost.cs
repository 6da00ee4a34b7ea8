using BatchExporter.Options;

namespace BatchExporter.Hosting;

/// <summary>Builds and runs the exporter process: configuration check, optional demo simulator, host.</summary>
internal static class ExporterHost
{
    public const string DemoFlag = "--demo";
    private const string DefaultUrls = "http://0.0.0.0:9464";

    public static async Task<int> RunAsync(string[] args)
    {
        var demo = args.Contains(DemoFlag);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. args.Where(a => a != DemoFlag)],
            ContentRootPath = AppContext.BaseDirectory, // appsettings.json ships beside the binary, whatever the working directory
        });
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
        builder.Services.AddBatchExporter();
        await using var app = builder.Build();
        app.MapExporterEndpoints();
        await app.RunAsync();
        return 0;
    }

    /// <summary>Gets the configuration key of <see cref="ExporterOptions.Demo"/>, for tests.</summary>
    public static string DemoKey => $"{ExporterOptions.Section}:{nameof(ExporterOptions.Demo)}";
}
