using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Inbox.Identity;

/// <summary>
/// One address of a customer on one channel: <c>telegram:123456789</c>, <c>phone:+79161234567</c>. Its text form
/// <c>kind:value</c> is the key of the identity index and what JSON carries.
/// </summary>
[JsonConverter(typeof(ChannelIdentityJsonConverter))]
public sealed record ChannelIdentity
{
    public ChannelIdentity(string kind, string value)
    {
        if (!IdentityKinds.All.Contains(kind))
        {
            throw new ArgumentException($"Unknown identity kind '{kind}'.", nameof(kind));
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("An identity needs a value.", nameof(value));
        }

        Kind = kind;
        Value = value;
    }

    public string Kind { get; }

    public string Value { get; }

    public override string ToString() => $"{Kind}:{Value}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out ChannelIdentity? identity)
    {
        identity = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var kind = text[..colon];
        if (!IdentityKinds.All.Contains(kind))
        {
            return false;
        }

        identity = new ChannelIdentity(kind, text[(colon + 1)..]);
        return true;
    }

    public static ChannelIdentity Parse(string text) =>
        TryParse(text, out var identity) ? identity : throw new FormatException($"'{text}' is not an identity of the form kind:value.");
}
