using BatchExporter.Benchmarks.Drivers;
using BenchmarkDotNet.Running;

// `scenario NAME [args]` runs a scenario driver (API economy, first sync, scrape sizes, memory); anything else goes
// to BenchmarkDotNet (`--filter '*'`, `--job Dry`, ...).
if (args.Length > 0 && args[0] == "scenario")
{
    return await ScenarioRunner.RunAsync(args[1..]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ScenarioRunner).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
