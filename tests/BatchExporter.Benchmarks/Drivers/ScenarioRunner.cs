using System.Globalization;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>Dispatches <c>scenario NAME [args]</c> to a driver; the scripts/bench-*.sh wrappers call these.</summary>
public static class ScenarioRunner
{
    private const string Usage = """
        usage: scenario economy [SIZES=1000,10000,100000,1000000] [SYNCS=60] [RUNNING=5,300,3000] [relist]
               scenario scrape [TRACKED:LIVE[:ENDED],...=10:10,1000:10,100000:10,100000:1000,100000:1000:1000] [SCRAPES=200]
               scenario scrape-parts [RUNS=300]
               scenario ledger-heap [SIZES=10000,100000,1000000]
               scenario first-sync BASE_URL API_KEY
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(int i, string fallback) => args.Length > i ? args[i] : fallback;
        switch (args.FirstOrDefault())
        {
            case "economy":
                await EconomyDriver.RunAsync(
                    Ints(Arg(1, "1000,10000,100000,1000000")),
                    int.Parse(Arg(2, "60"), CultureInfo.InvariantCulture),
                    Ints(Arg(3, "5,300,3000")),
                    relist: Arg(4, string.Empty) == "relist");
                return 0;
            case "scrape":
                var cases = Arg(1, "10:10,1000:10,100000:10,100000:1000,100000:1000:1000").Split(',')
                    .Select(c => Ints(c.Replace(':', ','))).Select(p => (p[0], p[1], p.Length > 2 ? p[2] : 0)).ToList();
                await ScrapeDriver.RunAsync(cases, int.Parse(Arg(2, "200"), CultureInfo.InvariantCulture));
                return 0;
            case "scrape-parts":
                await ScrapePartsDriver.RunAsync(int.Parse(Arg(1, "300"), CultureInfo.InvariantCulture));
                return 0;
            case "ledger-heap":
                LedgerHeapDriver.Run(Ints(Arg(1, "10000,100000,1000000")));
                return 0;
            case "first-sync" when args.Length == 3:
                await FirstSyncDriver.RunAsync(new Uri(args[1]), args[2]);
                return 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 64;
        }
    }

    private static int[] Ints(string list) => [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
