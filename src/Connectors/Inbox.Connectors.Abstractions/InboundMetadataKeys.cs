namespace Inbox.Connectors;

/// <summary>Keys of <see cref="InboundMessage.Metadata"/> that mean the same on every channel; the host reads them, not a provider's words.</summary>
public static class InboundMetadataKeys
{
    /// <summary>
    /// Set to <see cref="OwnContact"/> when the message is the customer's own contact shared through the channel and the channel
    /// verified its phone (it is then among <see cref="InboundMessage.From"/>): the bot thanks them instead of reading the text.
    /// </summary>
    public const string SharedContact = "sharedContact";

    /// <summary>The value of <see cref="SharedContact"/> for the customer's own contact.</summary>
    public const string OwnContact = "own";
}
