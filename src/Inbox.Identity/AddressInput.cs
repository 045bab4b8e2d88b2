namespace Inbox.Identity;

/// <summary>What operators type for an address: a phone in any usual writing, an email, or an identity written <c>kind:value</c>.</summary>
public static class AddressInput
{
    /// <summary>The identity, normalised (E.164 phones, lower-case emails), or null when the text is none of these.</summary>
    public static ChannelIdentity? Read(string? raw, PhoneNumberNormalizer phones)
    {
        ArgumentNullException.ThrowIfNull(phones);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (ChannelIdentity.TryParse(text, out var parsed))
        {
            return parsed.Kind switch
            {
                IdentityKinds.Phone => phones.ToIdentity(parsed.Value),
                IdentityKinds.Email => EmailAddressNormalizer.ToIdentity(parsed.Value),
                _ => parsed,
            };
        }

        return text.Contains('@', StringComparison.Ordinal) ? EmailAddressNormalizer.ToIdentity(text) : phones.ToIdentity(text);
    }
}
