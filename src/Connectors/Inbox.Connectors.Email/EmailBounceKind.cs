namespace Inbox.Connectors.Email;

/// <summary>What a delivery status notification (RFC 3464) says became of our message.</summary>
public enum EmailBounceKind
{
    /// <summary>Action failed or Status 5.x.x: the message will not be delivered.</summary>
    Failed,

    /// <summary>Action delayed or Status 4.x.x: the server keeps trying.</summary>
    Delayed,

    /// <summary>Action delivered, relayed or expanded (Status 2.x.x): a success notice.</summary>
    Delivered,
}
