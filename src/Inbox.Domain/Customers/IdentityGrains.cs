using Inbox.Identity;

namespace Inbox.Domain.Customers;

public static class IdentityGrains
{
    /// <summary>The identity index entry of <paramref name="identity"/>: one grain per identity, keyed by its text form.</summary>
    public static IIdentityGrain GetIdentityGrain(this IGrainFactory grains, ChannelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(identity);
        return grains.Reference<IIdentityGrain>(identity.ToString());
    }
}
