namespace BatchExporter.Tests.Infrastructure;

/// <summary>
/// Reads the data points out of an OTLP <c>ExportMetricsServiceRequest</c> (protobuf), by the field numbers of
/// opentelemetry-proto's metrics.proto: enough to check names, attributes and values without generated code.
/// </summary>
internal static class OtlpMetricsDecoder
{
    public static List<OtlpPoint> Decode(byte[] request)
    {
        var points = new List<OtlpPoint>();
        foreach (var resourceMetrics in Fields(request, 1))
        {
            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
            {
                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    var name = System.Text.Encoding.UTF8.GetString(Fields(metric, 1).Single());
                    // gauge = 5, sum = 7: both hold NumberDataPoints in field 1.
                    foreach (var data in Fields(metric, 5).Concat(Fields(metric, 7)))
                    {
                        foreach (var point in Fields(data, 1))
                        {
                            points.Add(NumberPoint(name, point));
                        }
                    }
                }
            }
        }

        return points;
    }

    private static OtlpPoint NumberPoint(string name, byte[] point)
    {
        var attributes = new Dictionary<string, string>();
        double value = 0;
        var reader = new Reader(point);
        while (reader.TryReadField(out var field, out var wire, out var bytes, out var number))
        {
            switch (field)
            {
                case 4 when wire == 1: value = BitConverter.Int64BitsToDouble((long)number); break;
                case 6 when wire == 1: value = (long)number; break;
                case 7:
                    var key = System.Text.Encoding.UTF8.GetString(Fields(bytes!, 1).Single());
                    var any = Fields(bytes!, 2).Single();
                    attributes[key] = System.Text.Encoding.UTF8.GetString(Fields(any, 1).SingleOrDefault() ?? []);
                    break;
            }
        }

        return new OtlpPoint(name, attributes, value);
    }

    private static IEnumerable<byte[]> Fields(byte[] message, int wanted)
    {
        var reader = new Reader(message);
        while (reader.TryReadField(out var field, out var wire, out var bytes, out _))
        {
            if (field == wanted && wire == 2)
            {
                yield return bytes!;
            }
        }
    }

    private sealed class Reader(byte[] data)
    {
        private int _at;

        public bool TryReadField(out int field, out int wire, out byte[]? bytes, out ulong number)
        {
            bytes = null;
            number = 0;
            field = wire = 0;
            if (_at >= data.Length)
            {
                return false;
            }

            var tag = Varint();
            field = (int)(tag >> 3);
            wire = (int)(tag & 7);
            switch (wire)
            {
                case 0: number = Varint(); break;
                case 1: number = BitConverter.ToUInt64(data, _at); _at += 8; break;
                case 5: number = BitConverter.ToUInt32(data, _at); _at += 4; break;
                case 2:
                    var length = (int)Varint();
                    bytes = data[_at..(_at + length)];
                    _at += length;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }

            return true;
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[_at++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}

internal sealed record OtlpPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);
