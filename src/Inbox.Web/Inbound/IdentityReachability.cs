using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Domain.Customers;
using Inbox.Identity;

namespace Inbox.Web.Inbound;

/// <summary>Records on the owning customer's card that an identity can (not) be written to through a channel.</summary>
public sealed class IdentityReachability(IGrainFactory grains, IIdentityOwners owners, ILogger<IdentityReachability> logger) : IIdentityReachability
{
    public async Task SetReachableAsync(string channel, ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken)
    {
        var owner = await owners.FindAsync(identity, cancellationToken);
        if (owner is null)
        {
            return; // nobody has written from it: nothing to mark
        }

        await grains.Reference<ICustomerGrain>(owner.Value).SetReachableAsync(channel, identity, reachable, reason);
        logger.LogInformation("{Identity} of customer {CustomerId} is now {Reachability} on {Channel}: {Reason}", identity.ToString(), owner,
            reachable ? "reachable" : "unreachable", channel, reason);
    }
}
