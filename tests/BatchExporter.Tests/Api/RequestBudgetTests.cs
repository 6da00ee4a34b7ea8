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
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var fourth = budget.AcquireAsync(TimeSpan.MaxValue, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(fourth.IsCompleted);
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
}
