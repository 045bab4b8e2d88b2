using Inbox.Identity;
namespace Inbox.Connectors;

/// <summary>
/// Where a connector reports that a customer can or cannot be written to on an identity through one channel (Telegram:
/// the user blocked the bot; VK: message_allow / message_deny; SMS: STOP). Reachability is per channel: a phone number
/// that replied STOP to SMS can still be written to on WhatsApp. Operators see it on the customer card.
/// </summary>
public interface IIdentityReachability
{
    /// <param name="channel">The channel (<see cref="ChannelNames"/>) that can or cannot reach the identity.</param>
    Task SetReachableAsync(string channel, ChannelIdentity identity, bool reachable, string? reason, CancellationToken cancellationToken);
}
