namespace Inbox.Chatbot.Text;

/// <summary>The phones and emails among a request's verified identities (<c>phone:+7916...</c>, <c>email:...</c>).</summary>
/// <param name="Phones">Verified phones in E.164.</param>
/// <param name="Emails">Verified emails, lower case.</param>
public sealed record CustomerIdentities(IReadOnlyList<string> Phones, IReadOnlyList<string> Emails)
{
    /// <summary>True when there is no verified phone or email.</summary>
    public bool IsEmpty => Phones.Count == 0 && Emails.Count == 0;

    /// <summary>Reads <c>kind:value</c> identities; other kinds (telegram, vk...) are ignored.</summary>
    public static CustomerIdentities Parse(IReadOnlyList<string>? identities)
    {
        var phones = new List<string>();
        var emails = new List<string>();
        foreach (var identity in identities ?? [])
        {
            if (string.IsNullOrWhiteSpace(identity))
            {
                continue;
            }

            var colon = identity.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var kind = identity[..colon].Trim().ToLowerInvariant();
            var value = identity[(colon + 1)..].Trim();
            if (kind == "phone" && PhoneNumbers.Normalize(value) is { } phone && !phones.Contains(phone))
            {
                phones.Add(phone);
            }
            else if (kind == "email" && value.Contains('@', StringComparison.Ordinal))
            {
                var email = value.ToLowerInvariant();
                if (!emails.Contains(email))
                {
                    emails.Add(email);
                }
            }
        }

        return new CustomerIdentities(phones, emails);
    }

    /// <summary>True when a verified phone or email is the order's phone or email: only then may personal details be shown.</summary>
    public bool Matches(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.CustomerPhone is { } orderPhone && Phones.Any(p => PhoneNumbers.AreSame(p, orderPhone)))
        {
            return true;
        }

        return order.CustomerEmail is { } orderEmail &&
               Emails.Any(e => string.Equals(e, orderEmail.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
