using System.Globalization;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// One AMI message: its <c>Key: Value</c> lines in order. Keys may repeat (<c>ChanVariable</c>) and are matched without
/// regard to case; a key written without a value (<c>AccountCode:</c>) has the empty value.
/// </summary>
public sealed record AmiMessage(IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The first value of <paramref name="key"/>, or null when the key is absent.</summary>
    public string? this[string key]
    {
        get
        {
            foreach (var field in Fields)
            {
                if (string.Equals(field.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return field.Value;
                }
            }

            return null;
        }
    }

    public IEnumerable<string> All(string key) =>
        Fields.Where(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    public string? Event => this["Event"];

    public string? Response => this["Response"];

    public string? ActionId => this["ActionID"];

    /// <summary>A value with AMI's placeholder for "empty" (<c>&lt;unknown&gt;</c>) and blanks turned into null.</summary>
    public string? Value(string key) => this[key] is { } value && value.Trim() is { Length: > 0 } trimmed && trimmed != "<unknown>" ? trimmed : null;

    public int? Integer(string key) =>
        int.TryParse(this[key], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    public bool IsEvent(string name) => string.Equals(Event, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => string.Join(" | ", Fields.Select(f => $"{f.Key}: {f.Value}"));
}
