using Inbox.Connectors;
using Inbox.Connectors.Api;

namespace Inbox.Web.Api;

/// <summary>What operators type for an address: a phone in any usual writing, an email, or an identity written kind:value.</summary>
public static class IdentityInput
{
    /// <summary>The identity, normalised (E.164 phones, lower-case emails), or null when the text is none of these.</summary>
    public static string? Normalize(string? raw, PhoneNumberNormalizer phones)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (ChannelIdentity.TryParse(text, out var parsed))
        {
            return parsed.Kind switch
            {
                IdentityKinds.Phone => phones.ToIdentity(parsed.Value)?.ToString(),
                IdentityKinds.Email => Email(parsed.Value),
                _ => parsed.ToString(),
            };
        }

        return text.Contains('@') ? Email(text) : phones.ToIdentity(text)?.ToString();
    }

    private static string? Email(string text) =>
        ApiInboundConverter.TryNormalizeEmail(text, out var email) ? new ChannelIdentity(IdentityKinds.Email, email).ToString() : null;
}
