using Inbox.Identity;
namespace Inbox.Connectors;

/// <summary>
/// Where a connector reports that a customer can or cannot be written to on an identity (Telegram: the user blocked
/// the bot; VK: message_allow / message_deny). Operators see it on the customer card.
/// </summary>
public interface IIdentityReachability
{
    Task SetReachableAsync(ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken);
}
