namespace BatchApi.Simulator.State;

/// <summary>
/// Ids shaped like the real ones (<c>msgbatch_01</c> + 22 base62 characters), random but reproducible from the seed.
/// They carry no order: clients must not sort by id.
/// </summary>
internal sealed class BatchIdGenerator(int seed)
{
    private const string Prefix = "msgbatch_01";
    private readonly Random _random = new(seed);

    public string Next() => Prefix + Base62.Random(_random, 22);
}
