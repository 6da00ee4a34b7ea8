namespace BatchExporter.Api;

/// <summary>
/// An API budget: at most <c>perMinute</c> requests in any rolling 60 seconds, let go evenly, one every
/// <c>60 s / perMinute</c> (so any second holds at most the budget's per-second share plus one, and a minute's
/// requests never leave in a burst that trips the API's per-second enforcement), and none before a <c>retry-after</c> the API asked for has
/// passed. A source's budget may have a parent, the process-wide budget over every source: a request then needs room
/// in both. Callers wait for their turn on the injected clock.
/// </summary>
internal sealed class RequestBudget : IDisposable
{
    /// <summary>A minute plus a second of guard: the API sees a request when it arrives, a little after it was let go.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(61);
    private readonly int _perMinute;
    private readonly TimeProvider _time;
    private readonly RequestBudget? _parent;
    private readonly double _perSecond;
    private readonly Queue<DateTimeOffset> _sent;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public RequestBudget(int perMinute, TimeProvider time, RequestBudget? parent = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        _perMinute = perMinute;
        _time = time;
        _parent = parent;
        _perSecond = perMinute / 60.0;
        _tokens = 1;
        _refilledAt = time.GetUtcNow();
        _sent = new Queue<DateTimeOffset>(Math.Min(perMinute, 4096));
    }

    /// <summary>Gets the requests this budget let through.</summary>
    public long Granted { get; private set; }

    /// <summary>
    /// Gets a value indicating whether the rolling minute has room for another request (here and in the parent) and no
    /// <c>retry-after</c> holds requests back; the request may still wait for its turn in the pace.
    /// </summary>
    public bool HasRoom
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                WaitAt(now);
                if (_pausedUntil > now || _sent.Count >= _perMinute)
                {
                    return false;
                }
            }

            return _parent?.HasRoom ?? true;
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
                var now = _time.GetUtcNow();
                TimeSpan wait;
                lock (_gate)
                {
                    wait = WaitAt(now);
                    if (wait <= TimeSpan.Zero)
                    {
                        // Room here: take it only if the parent has room too (child, then parent: no cycle).
                        wait = _parent?.TryTake(now) ?? TimeSpan.Zero;
                        if (wait <= TimeSpan.Zero)
                        {
                            Take(now);
                            return;
                        }
                    }
                }

                if (wait > maxWait)
                {
                    throw new ApiException(SyncFailureReason.RateLimited, $"request budget: next request allowed in {wait.TotalSeconds:0.#} s");
                }

                // Timers count whole milliseconds (Task.Delay truncates, so 0.6 ms would complete at once and this
                // loop would spin until the clock caught up; a fake clock never does): wait the next whole millisecond.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Holds every request back until <paramref name="until"/> (from a 429's <c>retry-after</c>), in the parent too: the limit is the organization's.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }

        _parent?.PauseUntil(until);
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>Takes one request now if it fits (for a child's request); else returns how long until it would.</summary>
    private TimeSpan TryTake(DateTimeOffset now)
    {
        lock (_gate)
        {
            var wait = WaitAt(now);
            if (wait <= TimeSpan.Zero)
            {
                Take(now);
            }

            return wait;
        }
    }

    private void Take(DateTimeOffset now)
    {
        _tokens -= 1;
        _sent.Enqueue(now);
        Granted++;
    }

    private TimeSpan WaitAt(DateTimeOffset now)
    {
        if (now > _refilledAt)
        {
            _tokens = Math.Min(1, _tokens + ((now - _refilledAt).TotalSeconds * _perSecond));
            _refilledAt = now;
        }

        while (_sent.Count > 0 && _sent.Peek() <= now - Window)
        {
            _sent.Dequeue();
        }

        var wait = _pausedUntil - now;
        if (_tokens < 1 - 1e-9)
        {
            // Rounded up to a whole tick, so the wake-up finds the token there.
            var paced = TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) / _perSecond * TimeSpan.TicksPerSecond));
            wait = paced > wait ? paced : wait;
        }

        if (_sent.Count >= _perMinute)
        {
            var windowWait = _sent.Peek() + Window - now;
            wait = windowWait > wait ? windowWait : wait;
        }

        return wait;
    }
}
