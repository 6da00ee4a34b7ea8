using BatchExporter.Api;
using Microsoft.Extensions.Time.Testing;

namespace BatchExporter.Tests.Api;

public sealed class RequestBudgetTests
{
    [Fact]
    public async Task AcquireAsync_BudgetSpent_WaitsUntilTheOldestRequestLeavesTheWindow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var budget = new RequestBudget(3, time);
        for (var i = 0; i < 3; i++)
        {
            await budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(20)); // the pace of 3 a minute
        }

        var fourth = budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(fourth.IsCompleted); // paced, but the window still holds three
        time.Advance(TimeSpan.FromSeconds(1)); // 61 s after the first: a minute plus the guard second
        await fourth.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, budget.Granted);
    }

    [Fact]
    public async Task AcquireAsync_PausedByRetryAfter_NothingGoesBeforeIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var budget = new RequestBudget(100, time);
        budget.PauseUntil(time.GetUtcNow() + TimeSpan.FromSeconds(7));

        var next = budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await next.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AcquireAsync_WaitLongerThanAllowed_FailsAsRateLimited()
    {
        var time = new FakeTimeProvider();
        using var budget = new RequestBudget(1, time);
        await budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None);

        var e = await Assert.ThrowsAsync<ApiException>(() => budget.AcquireAsync(TimeSpan.FromSeconds(20), CancellationToken.None).AsTask());
        Assert.Equal(SyncFailureReason.RateLimited, e.Reason);
    }

    /// <summary>Whatever the order of requests, no rolling minute ever holds more than the budget.</summary>
    [Fact]
    public async Task AcquireAsync_ManyRequests_NeverMoreThanBudgetInAnyMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var budget = new RequestBudget(10, time);
        var granted = new List<DateTimeOffset>();
        var random = new Random(3);
        while (granted.Count < 100)
        {
            var request = budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask();
            while (!request.IsCompleted)
            {
                time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 3000)));
                await Task.Yield();
            }

            await request;
            granted.Add(time.GetUtcNow());
        }

        for (var i = 10; i < granted.Count; i++)
        {
            Assert.True(granted[i] - granted[i - 10] >= TimeSpan.FromMinutes(1), $"requests {i - 10} and {i} within a minute");
        }
    }

    [Theory]
    [InlineData(20, 3_000)]
    [InlineData(30, 2_000)]
    [InlineData(1, 60_000)]
    public async Task AcquireAsync_Paced_RequestsLeaveEvenlyNotInABurst(int perMinute, int spacingMs)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var budget = new RequestBudget(perMinute, time);

        var granted = await GrantAsync(time, [budget], 10, stepMs: 100);

        for (var i = 1; i < granted.Count; i++)
        {
            Assert.True(granted[i].At - granted[i - 1].At >= TimeSpan.FromMilliseconds(spacingMs), $"requests {i - 1} and {i} are {granted[i].At - granted[i - 1].At} apart");
        }
    }

    /// <summary>A large budget is paced too: 600 a minute is one request every 100 ms, at most 11 in any second.</summary>
    [Fact]
    public async Task AcquireAsync_LargeBudget_NeverMoreThanThePerSecondShareInASecond()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var budget = new RequestBudget(600, time);

        var granted = await GrantAsync(time, [budget], 200, stepMs: 7);

        for (var i = 10; i < granted.Count; i++)
        {
            Assert.True(granted[i].At - granted[i - 10].At >= TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1), $"11 requests within {granted[i].At - granted[i - 10].At}");
        }

        Assert.InRange(granted[^1].At - granted[0].At, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(21));
    }

    /// <summary>Two sources of 30 a minute each under a process budget of 12: together one request every 5 s.</summary>
    [Fact]
    public async Task AcquireAsync_ProcessBudget_CapsAllSourcesTogether()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var process = new RequestBudget(12, time);
        using var a = new RequestBudget(30, time, process);
        using var b = new RequestBudget(30, time, process);

        var granted = await GrantAsync(time, [a, b], 24, stepMs: 100);

        var times = granted.Select(g => g.At).Order().ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(5), $"requests {i - 1} and {i} are {times[i] - times[i - 1]} apart");
        }

        Assert.Equal(24, a.Granted + b.Granted);
        Assert.Equal(24, process.Granted);
        Assert.True(a.Granted >= 6 && b.Granted >= 6, $"one source starved: {a.Granted} and {b.Granted}");
    }

    [Fact]
    public async Task PauseUntil_SourceBudget_HoldsTheProcessBudgetToo()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var process = new RequestBudget(600, time);
        using var a = new RequestBudget(600, time, process);
        using var b = new RequestBudget(600, time, process);

        Assert.True(b.HasRoom);
        a.PauseUntil(time.GetUtcNow() + TimeSpan.FromSeconds(10));

        Assert.False(b.HasRoom);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(b.HasRoom);
    }

    /// <summary>Callers on every budget ask in turn while the clock moves in steps; returns when each was let through.</summary>
    private static async Task<List<(int Budget, DateTimeOffset At)>> GrantAsync(FakeTimeProvider time, RequestBudget[] budgets, int total, int stepMs)
    {
        var granted = new List<(int Budget, DateTimeOffset At)>();
        var pending = budgets.Select(b => b.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask()).ToArray();
        while (granted.Count < total)
        {
            await Task.Yield();
            var progressed = false;
            for (var i = 0; i < budgets.Length && granted.Count < total; i++)
            {
                if (pending[i].IsCompleted)
                {
                    await pending[i];
                    granted.Add((i, time.GetUtcNow()));
                    pending[i] = budgets[i].AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask();
                    progressed = true;
                }
            }

            if (!progressed)
            {
                time.Advance(TimeSpan.FromMilliseconds(stepMs));
            }
        }

        return granted;
    }

    /// <summary>
    /// At 100,000 a minute the pace is 0.6 ms, less than a timer's millisecond: the wait is one timer of a whole
    /// millisecond, not a loop of timers that complete at once (which spun until the clock moved, forever on a fake clock).
    /// </summary>
    [Fact]
    public async Task AcquireAsync_PaceUnderOneMillisecond_WaitsOnOneTimerUntilTheClockMoves()
    {
        var time = new TimerCountingTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var budget = new RequestBudget(100_000, time);
        await budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None);

        var second = Task.Run(() => budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask());
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(time.TimersCreated > 0), TimeSpan.FromSeconds(10)), "the second request never waited on a timer: its wait spun");
        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, time.TimersCreated);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, budget.Granted);
    }

    private sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int TimersCreated => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
