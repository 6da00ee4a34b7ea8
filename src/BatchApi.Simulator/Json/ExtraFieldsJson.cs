using System.Text.Json;

namespace BatchApi.Simulator.Json;

/// <summary>Unknown fields of every JSON kind, for clients that must ignore what they do not know.</summary>
internal static class ExtraFieldsJson
{
    public static void Write(Utf8JsonWriter writer)
    {
        writer.WriteString("sim_extra_string", "ignore me");
        writer.WriteNumber("sim_extra_number", 1.5e3);
        writer.WriteBoolean("sim_extra_flag", true);
        writer.WriteNull("sim_extra_null");
        writer.WriteStartObject("sim_extra_object");
        writer.WriteStartArray("items");
        writer.WriteNumberValue(1);
        writer.WriteStringValue("two");
        writer.WriteStartObject();
        writer.WriteString("id", "msgbatch_not_a_batch");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
