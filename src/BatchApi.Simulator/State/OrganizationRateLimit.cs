namespace BatchApi.Simulator.State;

/// <summary>
/// The organization's request limit, enforced per second as the API documents ("60 RPM may be enforced as about 1
/// request per second"): a token bucket holding at most one second's share of the limit (at least one request),
/// refilled continuously at <c>limit / 60</c> requests per second, shared by every workspace and endpoint.
/// Thread-safe; time is the simulator's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class OrganizationRateLimit(int requestsPerMinute)
{
    private readonly Lock _gate = new();
    private readonly double _perSecond = requestsPerMinute / 60.0;
    private readonly double _capacity = Math.Max(1, requestsPerMinute / 60.0);
    private double _tokens = Math.Max(1, requestsPerMinute / 60.0);
    private DateTimeOffset? _last;

    public int RequestsPerMinute => requestsPerMinute;

    /// <summary>Takes one request at <paramref name="now"/>; when none is left, returns how long until one is.</summary>
    public TimeSpan? TryTake(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_last is { } last && now > last)
            {
                _tokens = Math.Min(_capacity, _tokens + ((now - last).TotalSeconds * _perSecond));
            }

            _last = now > _last ? now : _last ?? now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return null;
            }

            return TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
        }
    }
}
