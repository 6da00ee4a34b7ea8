namespace BatchApi.Simulator.State;

/// <summary>
/// How a batch ends if nothing else happens to it. A plan shorter than 24 h ends the batch after
/// <paramref name="Duration"/> with its requests split by the fractions (rounded; the rest succeed). A plan of 24 h or
/// more cannot finish: the batch ends at its expiry (created + 24 h) after processing <c>24 h / Duration</c> of its
/// requests (always leaving at least one), which are split by <paramref name="ErroredFraction"/>; the rest expire.
/// </summary>
/// <param name="Duration">Time from creation to the end of processing.</param>
/// <param name="ErroredFraction">Share of requests that end <c>errored</c> (0..1).</param>
/// <param name="ExpiredFraction">Share of requests that end <c>expired</c> (0..1) when the batch finishes before expiry.</param>
public sealed record BatchPlan(TimeSpan Duration, double ErroredFraction = 0, double ExpiredFraction = 0)
{
    /// <summary>The default plan: every request succeeds after one minute.</summary>
    public static BatchPlan Default { get; } = new(TimeSpan.FromMinutes(1));

    /// <summary>A plan that never finishes: the batch ends at its expiry with every request expired.</summary>
    public static BatchPlan NeverFinishes { get; } = new(TimeSpan.MaxValue);

    internal bool FinishesBeforeExpiry => Duration < BatchTimes.Lifetime;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Duration, TimeSpan.Zero, nameof(Duration));
        ArgumentOutOfRangeException.ThrowIfLessThan(ErroredFraction, 0, nameof(ErroredFraction));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpiredFraction, 0, nameof(ExpiredFraction));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ErroredFraction + ExpiredFraction, 1, nameof(ErroredFraction));
    }
}
