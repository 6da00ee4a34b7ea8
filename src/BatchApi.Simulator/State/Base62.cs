namespace BatchApi.Simulator.State;

/// <summary>The alphabet of the API's ids.</summary>
internal static class Base62
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Random(Random random, int length) =>
        string.Create(length, random, static (span, rng) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[rng.Next(Alphabet.Length)];
            }
        });

    /// <summary>Writes <paramref name="value"/> left-padded with zeros to <paramref name="width"/> digits.</summary>
    public static string Encode(long value, int width) =>
        string.Create(width, value, static (span, remaining) =>
        {
            for (var i = span.Length - 1; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(remaining % Alphabet.Length)];
                remaining /= Alphabet.Length;
            }
        });
}
