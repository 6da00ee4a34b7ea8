using System.Globalization;

namespace BatchApi.Simulator.Hosting;

/// <summary>The standalone simulator's flags.</summary>
internal sealed record SimulatorCommandLine(int Port, int History, TimeSpan HistorySpan, int Seed, string? ApiKey, bool Demo, bool Help)
{
    public const string Usage = """
        Usage: dotnet run --project src/BatchApi.Simulator -- [options]
          --port N           port on 127.0.0.1 (default 8089; 0 = any free port)
          --history N        ended batches seeded before now (default 1000)
          --history-days D   span of the seeded history in days (default 7)
          --seed N           seed of ids and history (default 1)
          --api-key KEY      the key to accept (default: a random sk-ant-sim-… key, printed at start)
          --no-demo          no live workload (by default new batches arrive every few seconds)
          --help             this text
        """;

    /// <exception cref="ArgumentException">An unknown flag or a bad value.</exception>
    public static SimulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new SimulatorCommandLine(8089, 1000, TimeSpan.FromDays(7), 1, null, Demo: true, Help: false);
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value.");
            result = flag switch
            {
                "--port" => result with { Port = Integer(flag, Value(), 0, 65535) },
                "--history" => result with { History = Integer(flag, Value(), 0, 10_000_000) },
                "--history-days" => result with { HistorySpan = TimeSpan.FromDays(Integer(flag, Value(), 1, 3650)) },
                "--seed" => result with { Seed = Integer(flag, Value(), int.MinValue, int.MaxValue) },
                "--api-key" => result with { ApiKey = Value() },
                "--no-demo" => result with { Demo = false },
                "--help" or "-h" => result with { Help = true },
                _ => throw new ArgumentException($"Unknown option {flag}. Try --help."),
            };
        }

        return result;
    }

    private static int Integer(string flag, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{flag}: '{text}' is not a whole number in {min}..{max}.");
}
