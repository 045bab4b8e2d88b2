namespace Inbox.Connectors.Email;

/// <summary>The keys of <see cref="InboundMessage.Metadata"/> the email channel writes, and reads back through <see cref="IConversationHistory"/>.</summary>
public static class EmailMetadataKeys
{
    /// <summary>The decoded Subject.</summary>
    public const string Subject = "subject";

    /// <summary>The Message-ID without brackets; absent when the mail had none (its ExternalId is then a hash).</summary>
    public const string MessageId = "messageId";

    /// <summary>The References ids without brackets, oldest first, separated by spaces (cut to 20).</summary>
    public const string References = "references";

    /// <summary>The Reply-To address, when the customer named one other than From: replies go there.</summary>
    public const string ReplyTo = "replyTo";

    /// <summary>The text to show folded: quotes and signature cut (the full text is the message text).</summary>
    public const string Display = "display";

    /// <summary>Why the mail counts as automated (auto-reply, list, bounce…), when it does.</summary>
    public const string Automated = "automated";

    /// <summary>The names of attachments that were too large to keep, separated by new lines.</summary>
    public const string OmittedAttachments = "omittedAttachments";
}
