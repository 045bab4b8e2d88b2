using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Domain.Text;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Inbound;

/// <summary>
/// The one path of every inbound message: identity resolution finds (or makes) the customer, then the customer's
/// conversation grain orders and stores the message. Completes only when the message is durable. What a provider
/// typed is bounded first (<see cref="LimitsOptions"/>): the sender's name becomes one clean line of at most
/// <c>MaxNameLength</c>, the text is kept up to <c>MaxInboundTextLength</c> and says where it was cut.
/// </summary>
public sealed partial class InboundPipeline(IGrainFactory grains, IConversationStore store, IAttachmentStore attachments, ICursorStore cursors,
    ICustomerResolver customers, IOptions<LimitsOptions> limits, ILogger<InboundPipeline> logger) : IInboundPipeline
{
    public async Task<InboundAcceptance> AcceptAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Count == 0)
        {
            throw new ArgumentException("An inbound message needs at least one sender identity.", nameof(message));
        }

        message = message with { SenderName = DisplayText.Line(message.SenderName, limits.Value.MaxNameLength), Text = Bounded(message.Text) };

        // A retried delivery with files is answered from the store at once, so that its files are not kept twice. Without
        // files the conversation's commit decides (the unique index on channel and external id): one read fewer per message.
        if (message.Attachments is { Count: > 0 }
            && await store.FindByExternalIdAsync(message.Channel, message.ExternalId, MessageKind.Inbound, cancellationToken) is { } stored)
        {
            await AdvanceCheckpointAsync(message, cancellationToken);
            return new InboundAcceptance(stored.ConversationId, stored.ConversationId, stored.MessageId, stored.Sequence, Duplicate: true);
        }

        var lookup = new CustomerLookup(message.Channel, message.From, message.SenderName, message.InReplyTo, message.ConversationHint);
        var sender = await customers.ResolveAsync(lookup, cancellationToken);
        var files = new List<AttachmentInfo>();
        foreach (var attachment in message.Attachments ?? [])
        {
            using var content = new MemoryStream(attachment.Content, writable: false);
            files.Add(await attachments.SaveAsync(attachment.FileName, attachment.ContentType, content, cancellationToken));
        }

        var incoming = new IncomingMessage(message.Channel, message.ExternalId, message.From[0].ToString(), message.SenderName, message.Text, message.SentAt,
            files.Count == 0 ? null : files, message.Metadata, message.IsAutomated,
            message.Checkpoint is null ? null : ConnectorCursorStore.StoreKey(message.Checkpoint.Key), message.Checkpoint?.Value);
        async Task<ReceiveResult> ReceiveAsync(CustomerResolution to)
        {
            var conversation = grains.Reference<IConversationGrain>(to.CustomerId);
            if (!to.ClaimsSender)
            {
                return await conversation.ReceiveAsync(incoming);
            }

            // A customer this message makes: its conversation's id is new, so its grain starts without reading the store.
            using (NewConversationHint.For(to.CustomerId))
            {
                return await conversation.ReceiveAsync(incoming with { ClaimsSender = true });
            }
        }

        ReceiveResult result;
        try
        {
            result = await ReceiveAsync(sender);
        }
        catch (IdentityClaimedException)
        {
            // Another first message from this new address was stored first, with its claim: this one goes to that customer.
            sender = await customers.ResolveAsync(lookup, cancellationToken);
            result = await ReceiveAsync(sender);
        }

        // A duplicate was stored by its first delivery, under that one's customer: its conversation's (a customer's conversation
        // has the customer's id), as for a retried delivery with files above.
        var customerId = result.Duplicate && sender.ClaimsSender ? result.Message.ConversationId : sender.CustomerId;
        if (sender.ClaimsSender && !result.Duplicate)
        {
            customers.Claimed(lookup, sender);
        }

        if (result.Duplicate)
        {
            // Its commit wrote nothing, the checkpoint that came with the retry included.
            await AdvanceCheckpointAsync(message, cancellationToken);
        }

        LogStored(message.Channel, message.ExternalId, incoming.FromIdentity, result.Message.MessageId, result.Message.Sequence, result.Duplicate);
        return new InboundAcceptance(result.Message.ConversationId, customerId, result.Message.MessageId, result.Message.Sequence, result.Duplicate);
    }

    /// <summary>A duplicate's polling position is still the connector's progress: it is kept, or the connector polls it again.</summary>
    private async Task AdvanceCheckpointAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Checkpoint is { } checkpoint)
        {
            await cursors.SetAsync(ConnectorCursorStore.StoreKey(checkpoint.Key), checkpoint.Value, cancellationToken);
        }
    }

    public async Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken)
    {
        edit = edit with { NewText = Bounded(edit.NewText) };
        var stored = await store.FindByExternalIdAsync(edit.Channel, edit.ExternalId, MessageKind.Inbound, cancellationToken);
        return stored is not null
            && await grains.Reference<IConversationGrain>(stored.ConversationId).EditInboundAsync(edit.Channel, edit.ExternalId, edit.NewText, edit.EditedAt);
    }

    /// <summary>At Debug; generated, so that a message's values are not boxed while Debug is off (every message passes here).</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound {Channel} message {ExternalId} from {Identity} stored as {MessageId} (sequence {Sequence}, duplicate {Duplicate})")]
    private partial void LogStored(string channel, string externalId, string identity, Guid messageId, long sequence, bool duplicate);

    /// <summary>The text up to the limit; a longer one is cut (never inside a surrogate pair) and ends saying how much was left out.</summary>
    private string Bounded(string text)
    {
        var max = limits.Value.MaxInboundTextLength;
        if (text.Length <= max)
        {
            return text;
        }

        var kept = DisplayText.Cut(text, max);
        return kept + $"\n[… {text.Length - kept.Length} more characters were not kept]";
    }
}
