namespace BatchExporter.Api;

/// <summary>
/// The API budget of one source: at most <c>perMinute</c> requests in any rolling 60 seconds, and none before a
/// <c>retry-after</c> the API asked for has passed. Callers wait for their turn on the injected clock.
/// A rolling log, not a refilling bucket, so the cap holds for every window, not just on average.
/// </summary>
internal sealed class RequestBudget(int perMinute, TimeProvider time) : IDisposable
{
    /// <summary>A minute plus a second of guard: the API sees a request when it arrives, a little after it was let go.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(61);
    private readonly Queue<DateTimeOffset> _sent = new(perMinute);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private DateTimeOffset _pausedUntil;

    /// <summary>Gets the requests this budget let through.</summary>
    public long Granted { get; private set; }

    /// <summary>How long the next request would wait now; zero when it could go at once.</summary>
    public TimeSpan CurrentWait
    {
        get
        {
            lock (_sent)
            {
                var wait = WaitAt(time.GetUtcNow());
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Waits until one more request fits, then takes it. Throws <see cref="ApiException"/> when the wait would exceed <paramref name="maxWait"/>.</summary>
    public async ValueTask AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_sent)
                {
                    var now = time.GetUtcNow();
                    wait = WaitAt(now);
                    if (wait <= TimeSpan.Zero)
                    {
                        _sent.Enqueue(now);
                        Granted++;
                        return;
                    }
                }

                if (wait > maxWait)
                {
                    throw new ApiException(SyncFailureReason.RateLimited, $"request budget: next request allowed in {wait.TotalSeconds:0.#} s");
                }

                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Holds every request back until <paramref name="until"/> (from a 429's <c>retry-after</c>).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_sent)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    public void Dispose() => _turn.Dispose();

    private TimeSpan WaitAt(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() <= now - Window)
        {
            _sent.Dequeue();
        }

        var wait = _pausedUntil - now;
        if (_sent.Count >= perMinute)
        {
            var windowWait = _sent.Peek() + Window - now;
            wait = windowWait > wait ? windowWait : wait;
        }

        return wait;
    }
}
