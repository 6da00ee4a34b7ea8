using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Workloads;

/// <summary>
/// A live workload on the simulator's clock. At start: a few running batches; batches created about 24 h earlier that
/// reach their <c>expires_at</c> 2, 6 and 12 minutes and 45 minutes from now and end with expired requests (as in
/// the API, requests expire only in a batch that reaches its expiry); one batch being canceled; and one that ends with
/// errored requests about 30 s in (so the "Recently ended batches" table and AnthropicBatchRequestsErrored show within
/// the first minute). Then every 3 s, 0 to 2 new batches of 1..2,000 requests that end within 1 to 3 min; a tenth have
/// errored requests, and one in thirty is canceled a tick after it starts.
/// </summary>
internal sealed class DemoWorkload : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(3);

    private readonly SimulatedWorkspace _workspace;
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly ITimer _timer;
    private string? _toCancel;
    private bool _disposed;

    public DemoWorkload(BatchSimulator simulator, SimulatedWorkspace workspace)
    {
        _workspace = workspace;
        _random = new Random(simulator.Options.Seed);
        var now = simulator.Time.GetUtcNow();
        foreach (var (minutesLeft, size) in new[] { (2, 1_200), (6, 400), (12, 3_000), (45, 2_500) })
        {
            // Processing at 24/30 of the needed pace: about a fifth of the requests will be expired at expires_at.
            workspace.CreateBatch(size, new BatchPlan(TimeSpan.FromHours(30), ErroredFraction: 0.01),
                now - BatchTimes.Lifetime + TimeSpan.FromMinutes(minutesLeft));
        }

        var canceled = workspace.CreateBatch(800, new BatchPlan(TimeSpan.FromMinutes(20)), now - TimeSpan.FromMinutes(5));
        workspace.Cancel(canceled.Id);
        workspace.CreateBatch(1_200, new BatchPlan(TimeSpan.FromSeconds(40), ErroredFraction: 0.08), now - TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            NewBatch(now - TimeSpan.FromSeconds(_random.Next(5, 60)));
        }

        _timer = simulator.Time.CreateTimer(_ => OnTick(), null, Tick, Tick);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void OnTick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            CancelPending();
            for (var n = _random.Next(0, 3); n > 0; n--)
            {
                var batch = NewBatch(createdAt: null);
                if (_random.Next(30) == 0)
                {
                    _toCancel = batch.Id;
                }
            }
        }
    }

    private BatchView NewBatch(DateTimeOffset? createdAt)
    {
        var errored = _random.Next(10) == 0 ? 0.01 + (_random.NextDouble() * 0.2) : 0;
        var plan = new BatchPlan(TimeSpan.FromSeconds(_random.Next(60, 181)), errored); // ends long before expiry: nothing expires
        _ = _random.Next(20); // keeps the sequence of later draws as before
        return _workspace.CreateBatch(_random.Next(1, 2_001), plan, createdAt);
    }

    private void CancelPending()
    {
        if (_toCancel is not { } id)
        {
            return;
        }

        _toCancel = null;
        try
        {
            _workspace.Cancel(id);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            // Someone else ended, canceled or deleted it through the control endpoints first.
        }
    }
}
