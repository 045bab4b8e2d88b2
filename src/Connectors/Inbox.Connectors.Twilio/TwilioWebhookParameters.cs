using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// The parameters of one Twilio webhook, exactly as sent: names are case-sensitive, a name may repeat, and parameters
/// Twilio adds without notice are kept (they are part of the signature).
/// </summary>
public sealed class TwilioWebhookParameters
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    public TwilioWebhookParameters(IEnumerable<KeyValuePair<string, string>> pairs) => _pairs = pairs.ToList();

    public IReadOnlyList<KeyValuePair<string, string>> All => _pairs;

    /// <summary>The first value of <paramref name="name"/>, or null when it is absent.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in _pairs)
            {
                if (string.Equals(key, name, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            return null;
        }
    }

    /// <summary>The first non-blank value of <paramref name="name"/>, trimmed.</summary>
    public string? Text(string name) => this[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The parameters as a form body (names and values percent-encoded), which <see cref="FromForm"/> reads back as they are.</summary>
    public string ToForm() => string.Join('&', _pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    /// <summary>Parses an <c>application/x-www-form-urlencoded</c> body (UTF-8; <c>+</c> is a space).</summary>
    public static TwilioWebhookParameters FromForm(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var segment in text.Split('&'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            var equals = segment.IndexOf('=');
            var name = Decode(equals < 0 ? segment : segment[..equals]);
            var value = equals < 0 ? "" : Decode(segment[(equals + 1)..]);
            pairs.Add(new KeyValuePair<string, string>(name, value));
        }

        return new TwilioWebhookParameters(pairs);
    }

    /// <summary>
    /// Reads a JSON object body (the <c>bodySHA256</c> variant) into the same shape: strings as they are, numbers and
    /// booleans as their JSON text, arrays as repeated names, nested objects as their JSON text; nulls are left out.
    /// </summary>
    public static bool TryFromJson(ReadOnlySpan<byte> body, [NotNullWhen(true)] out TwilioWebhookParameters? parameters, out string? error)
    {
        parameters = null;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The JSON body must be an object.";
                return false;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        AddValue(pairs, property.Name, item);
                    }
                }
                else
                {
                    AddValue(pairs, property.Name, property.Value);
                }
            }

            parameters = new TwilioWebhookParameters(pairs);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON: {ex.Message}";
            return false;
        }
    }

    private static void AddValue(List<KeyValuePair<string, string>> pairs, string name, JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
        if (text is not null)
        {
            pairs.Add(new KeyValuePair<string, string>(name, text));
        }
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
