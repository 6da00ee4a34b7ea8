namespace BatchApi.Simulator.State;

/// <summary>How the requests of a batch divide into results when it ends.</summary>
internal static class RequestSplit
{
    /// <summary>The split at the planned end: at <c>Duration</c>, or at expiry for a plan that cannot finish.</summary>
    public static RequestCountsView Planned(int size, BatchPlan plan)
    {
        if (plan.FinishesBeforeExpiry)
        {
            var expired = Share(size, plan.ExpiredFraction);
            var errored = Math.Min(Share(size, plan.ErroredFraction), size - expired);
            return new RequestCountsView(0, size - expired - errored, errored, 0, expired);
        }

        var processed = Math.Min(size - 1, (int)(size * (BatchTimes.Lifetime / plan.Duration)));
        return Processed(processed, plan, size - processed, canceled: false);
    }

    /// <summary>The split when a cancel made at <paramref name="elapsed"/> after creation completes.</summary>
    public static RequestCountsView Canceled(int size, BatchPlan plan, TimeSpan elapsed)
    {
        var progress = Math.Clamp(elapsed / plan.Duration, 0, 1);
        var processed = Math.Min(size, (int)(size * progress));
        return Processed(processed, plan, size - processed, canceled: true);
    }

    private static RequestCountsView Processed(int processed, BatchPlan plan, int rest, bool canceled)
    {
        var errored = Share(processed, plan.ErroredFraction);
        return canceled
            ? new RequestCountsView(0, processed - errored, errored, rest, 0)
            : new RequestCountsView(0, processed - errored, errored, 0, rest);
    }

    private static int Share(int count, double fraction) => (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero);
}
