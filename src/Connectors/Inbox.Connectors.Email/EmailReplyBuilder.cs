using Microsoft.Extensions.Options;
using MimeKit;
using Inbox.Identity;

namespace Inbox.Connectors.Email;

/// <summary>
/// Builds the mail of an operator's reply: our From, To the customer (their Reply-To when their last mail named one), our
/// Reply-To plus-address with the conversation's reply token, our own Message-ID (the same on every retry of the outbound
/// message), In-Reply-To and References of the customer's last mail, and its subject with a single "Re:".
/// An operator's answer is a person's mail and carries no Auto-Submitted header; the bot's carries
/// <c>Auto-Submitted: auto-replied</c> (RFC 3834), so that other machines do not answer it and start a loop.
/// </summary>
public sealed class EmailReplyBuilder(IOptions<EmailChannelOptions> options, TimeProvider clock)
{
    private readonly MailboxAddress _from = EmailAddresses.ParseConfigured(options.Value.Smtp.From)
        ?? throw new InvalidOperationException($"{EmailChannelOptions.SectionName}:Smtp:From is not an email address.");

    private readonly EmailOwnAddresses _own = new(options.Value);

    public MailboxAddress From => _from;

    /// <summary>Our Message-ID of an outbound message, without brackets: <c>inbox.{message id}@{our domain}</c>.</summary>
    public string MessageIdFor(Guid outboundMessageId) => $"inbox.{outboundMessageId:N}@{_from.Domain.ToLowerInvariant()}";

    public MimeMessage Build(OutboundMessage outbound, string recipientAddress, ThreadedMessage? parent, IReadOnlyList<MimePart> attachments)
    {
        var message = new MimeMessage();
        message.From.Add(_from.Clone());
        message.To.Add(new MailboxAddress(null, recipientAddress));
        if (_own.ReplyToBase is { } replyBase)
        {
            message.ReplyTo.Add(new MailboxAddress(_from.Name, EmailReplyToken.AddressFor(replyBase, outbound.ConversationId)));
        }

        message.MessageId = MessageIdFor(outbound.MessageId);
        if (outbound.IsAutomated)
        {
            message.Headers.Add("Auto-Submitted", "auto-replied");
        }

        message.Date = clock.GetUtcNow();
        var metadata = parent?.Metadata ?? new Dictionary<string, string>();
        var parentId = metadata.TryGetValue(EmailMetadataKeys.MessageId, out var id) ? EmailMessageIds.Normalize(id) : null;
        parentId ??= parent is null ? null : EmailMessageIds.Normalize(parent.ExternalId);
        if (parentId is not null)
        {
            message.InReplyTo = parentId;
        }

        var parentReferences = metadata.TryGetValue(EmailMetadataKeys.References, out var references) ? EmailMessageIds.Split(references) : [];
        foreach (var reference in EmailMessageIds.ReferencesForReply(parentReferences, parentId))
        {
            message.References.Add(reference);
        }

        var defaultSubject = options.Value.DefaultSubject;
        message.Subject = parent is not null && metadata.TryGetValue(EmailMetadataKeys.Subject, out var subject)
            ? EmailSubjects.Reply(subject, defaultSubject)
            : parent is not null ? EmailSubjects.Reply(null, defaultSubject) : defaultSubject;

        var text = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = outbound.Text ?? "" };
        if (attachments.Count == 0)
        {
            message.Body = text;
        }
        else
        {
            var mixed = new Multipart("mixed") { text };
            foreach (var attachment in attachments)
            {
                mixed.Add(attachment);
            }

            message.Body = mixed;
        }

        return message;
    }

    /// <summary>Where the reply goes: the recipient's address, or the Reply-To of their last mail when that came from the same address.</summary>
    public static string RecipientAddress(string recipient, ThreadedMessage? parent)
    {
        if (parent is not null && parent.Identity == new ChannelIdentity(IdentityKinds.Email, recipient).ToString()
            && parent.Metadata.TryGetValue(EmailMetadataKeys.ReplyTo, out var replyTo) && EmailAddressNormalizer.TryNormalize(replyTo, out var address))
        {
            return address;
        }

        return recipient;
    }
}
