using BatchExporter.Hosting;

return await ExporterHost.RunAsync(args);
