using Inbox.Identity;

namespace Inbox.Chatbot.Fraud;

/// <summary>The country whose fraud contacts a customer is given.</summary>
public static class CustomerRegion
{
    /// <summary>
    /// The region of the customer's first verified phone number that has one (<c>+44…</c> is GB, <c>+7 9…</c> RU, <c>+7 7…</c> KZ);
    /// without a verified phone, the shop's default region (<c>Phone:DefaultRegion</c>).
    /// </summary>
    public static string Of(IEnumerable<ChannelIdentity> verified, PhoneNumberNormalizer phones)
    {
        ArgumentNullException.ThrowIfNull(verified);
        ArgumentNullException.ThrowIfNull(phones);
        return verified
            .Where(i => i.Kind == IdentityKinds.Phone)
            .Select(i => phones.RegionOf(i.Value))
            .FirstOrDefault(r => r is not null) ?? phones.DefaultRegion;
    }
}
