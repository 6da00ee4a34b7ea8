namespace BatchApi.Simulator.State;

/// <summary>Time rules shared by the lifecycle and the scenarios.</summary>
internal static class BatchTimes
{
    /// <summary>A batch expires this long after creation.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The real API stores microseconds; keeping the same precision makes every timestamp round-trip.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
