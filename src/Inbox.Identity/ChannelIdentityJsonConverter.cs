using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Identity;

/// <summary>Writes an identity as its text form <c>kind:value</c> and reads it back; anything else is a JSON error.</summary>
public sealed class ChannelIdentityJsonConverter : JsonConverter<ChannelIdentity>
{
    public override ChannelIdentity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ChannelIdentity.TryParse(reader.GetString(), out var identity)
            ? identity
            : throw new JsonException("An identity is a string of the form kind:value.");

    public override void Write(Utf8JsonWriter writer, ChannelIdentity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
