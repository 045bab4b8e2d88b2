namespace Inbox.Connectors.Email;

/// <summary>What one mail in the mailbox turned out to be.</summary>
public abstract record EmailInboundItem
{
    private EmailInboundItem()
    {
    }

    /// <summary>A message to store on the timeline (a customer's, or an automated one marked <see cref="InboundMessage.IsAutomated"/>).</summary>
    public sealed record Message(InboundMessage Inbound) : EmailInboundItem;

    /// <summary>A delivery status notification about one of our messages: it becomes a receipt, never a customer message.</summary>
    public sealed record Bounce(EmailBounce Report) : EmailInboundItem;
}
