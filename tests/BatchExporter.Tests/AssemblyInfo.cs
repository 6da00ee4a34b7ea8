// Each test starts a real exporter host. OpenTelemetry's MeterProvider listens to every Meter of the exporter's
// name in the process, so two hosts running at once would see each other's measurements: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
