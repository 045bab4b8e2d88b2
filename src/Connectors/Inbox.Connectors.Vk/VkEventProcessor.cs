using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Identity;

namespace Inbox.Connectors.Vk;

/// <summary>
/// Acts on one VK event, the same for the Callback API and Bots Long Poll: new messages go to the inbound pipeline
/// (keyed by <c>peer_id_conversation_message_id</c>, so a repeated <c>event_id</c> is a duplicate), edits change the
/// stored text, allow/deny set the identity's reachability, callback buttons arrive as text. Our own echoes
/// (<c>message_reply</c>) and unknown types are ignored. Returns only after the pipeline has stored the message.
/// </summary>
public sealed class VkEventProcessor(
    VkApiClient api,
    VkFileClient files,
    VkSenderNames names,
    IInboundPipeline pipeline,
    IIdentityReachability reachability,
    IOptions<VkChannelOptions> options,
    TimeProvider clock,
    ILogger<VkEventProcessor> logger)
{
    public const string AllowedReason = "the user allowed messages from the community";
    public const string DeniedReason = "the user denied messages from the community";

    private static readonly Version ObjectMessageLayoutSince = new(5, 103);

    /// <summary>Loads the names of all senders of a batch with one users.get call.</summary>
    public Task PrefetchNamesAsync(IEnumerable<JsonElement> events, CancellationToken cancellationToken)
    {
        var senders = new List<long>();
        foreach (var update in events)
        {
            if (VkJson.GetString(update, "type") == VkEventTypes.MessageNew && TryGetMessage(update, out var message)
                && VkMessageReader.TryRead(message, out var read))
            {
                senders.Add(read.FromId);
            }
            else if (VkJson.GetString(update, "type") == VkEventTypes.MessageEvent && VkJson.TryGetObject(update, "object", out var item)
                     && VkJson.GetInt64(item, "user_id") is { } user)
            {
                senders.Add(user);
            }
        }

        return senders.Count == 0 ? Task.CompletedTask : names.LoadAsync(senders, bestEffort: true, cancellationToken);
    }

    /// <summary>
    /// What can be decided about an event without calling anyone: ignored (echoes, unknown types, group chats, service messages)
    /// or unreadable (<see cref="VkEventOutcome.Invalid"/>); null when it has to be processed.
    /// </summary>
    public VkEventResult? Screen(JsonElement update)
    {
        if (update.ValueKind != JsonValueKind.Object)
        {
            return VkEventResult.Invalid("the event is not a JSON object");
        }

        return VkJson.GetString(update, "type") switch
        {
            null or "" => VkEventResult.Ignored("the event has no type"),
            VkEventTypes.MessageNew => ReadNewMessage(update, out _, out _),
            VkEventTypes.MessageReply => VkEventResult.Ignored("our own reply echoed back"),
            VkEventTypes.MessageEdit => ReadEdit(update, out _, out _),
            VkEventTypes.MessageAllow or VkEventTypes.MessageDeny => UserOf(update) is null ? VkEventResult.Invalid("message_allow/message_deny without user_id") : null,
            VkEventTypes.MessageEvent => ReadButton(update, out _, out _),
            _ => VkEventResult.Ignored("an event type this connector does not handle"),
        };
    }

    /// <summary>Who an event is from (its processing order is kept per sender): the message's author or the object's user_id.</summary>
    public static string SenderOf(JsonElement update)
    {
        if (TryGetMessage(update, out var message) && VkMessageReader.TryRead(message, out var read))
        {
            return read.FromId.ToString(CultureInfo.InvariantCulture);
        }

        return UserOf(update)?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    /// <param name="update">One event.</param>
    /// <param name="bestEffort">
    /// Store a message even when its photos or its sender's name cannot be fetched for a passing reason (a note, no name);
    /// otherwise such a failure throws <see cref="VkUnavailableException"/> so that the event is tried again.
    /// </param>
    /// <param name="cancellationToken">Cancels the processing.</param>
    public async Task<VkEventResult> ProcessAsync(JsonElement update, bool bestEffort, CancellationToken cancellationToken)
    {
        if (Screen(update) is { } decided)
        {
            return decided;
        }

        return VkJson.GetString(update, "type") switch
        {
            VkEventTypes.MessageNew => await NewMessageAsync(update, bestEffort, cancellationToken).ConfigureAwait(false),
            VkEventTypes.MessageEdit => await EditAsync(update, cancellationToken).ConfigureAwait(false),
            VkEventTypes.MessageAllow => await ReachabilityAsync(update, true, cancellationToken).ConfigureAwait(false),
            VkEventTypes.MessageDeny => await ReachabilityAsync(update, false, cancellationToken).ConfigureAwait(false),
            _ => await ButtonAsync(update, bestEffort, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The message of a message_new/message_edit event. From v5.103 message_new carries <c>{"message":{…},"client_info":{…}}</c>;
    /// earlier versions put the message directly in <c>object</c>. <c>v</c> says which to expect; the other shape is accepted too,
    /// because a server's version can be changed in VK's settings while events are in flight.
    /// </summary>
    public static bool TryGetMessage(JsonElement update, out JsonElement message)
    {
        message = default;
        if (!VkJson.TryGetObject(update, "object", out var item))
        {
            return false;
        }

        var version = VkJson.GetScalar(update, "v");
        var nested = VkJson.TryGetObject(item, "message", out var inner);
        var expectNested = version is not null && Version.TryParse(version, out var parsed) ? parsed >= ObjectMessageLayoutSince : nested;
        if (expectNested && nested)
        {
            message = inner;
            return true;
        }

        if (LooksLikeMessage(item))
        {
            message = item;
            return true;
        }

        if (nested)
        {
            message = inner;
            return true;
        }

        return false;
    }

    /// <summary><c>peer_id_conversation_message_id</c>: the message's key (its <c>id</c> is 0 in group chats).</summary>
    public static string? ExternalIdOf(VkIncomingMessage message)
    {
        if (message.ConversationMessageId is > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{message.PeerId}_{message.ConversationMessageId}");
        }

        // Very old API versions have no conversation_message_id; the global id is unique then.
        return message.Id is > 0 ? string.Create(CultureInfo.InvariantCulture, $"id{message.Id}") : null;
    }

    /// <summary>A message from a group chat rather than a private dialog with the community.</summary>
    public static bool IsGroupChat(VkIncomingMessage message) => message.PeerId >= VkChannelOptions.FirstGroupChatPeerId;

    private static bool LooksLikeMessage(JsonElement item) =>
        item.TryGetProperty("peer_id", out _) || item.TryGetProperty("from_id", out _) || item.TryGetProperty("conversation_message_id", out _);

    private VkEventResult? ReadNewMessage(JsonElement update, out VkIncomingMessage message, out string externalId)
    {
        externalId = "";
        if (!TryGetMessage(update, out var raw) || !VkMessageReader.TryRead(raw, out message!))
        {
            message = null!;
            return VkEventResult.Invalid("message_new without a readable message object");
        }

        if (message.Outgoing || message.FromId == -options.Value.GroupId)
        {
            return VkEventResult.Ignored("a message the community itself sent");
        }

        if (IsGroupChat(message))
        {
            logger.LogInformation("VK message from group chat {PeerId} ignored (Channels:Vk:GroupChats is {GroupChats}): group chats are not conversations",
                message.PeerId, options.Value.GroupChats);
            return VkEventResult.Ignored("a group chat message (Channels:Vk:GroupChats)");
        }

        if ((ExternalIdOf(message) ?? EventKey(update)) is not { } key)
        {
            return VkEventResult.Invalid("message_new without peer_id/conversation_message_id or event_id");
        }

        externalId = key;
        return message.Text.Length == 0 && message.Photos.Count == 0
            ? VkEventResult.Ignored("a message with neither text nor attachments (a service message)")
            : null;
    }

    private async Task<VkEventResult> NewMessageAsync(JsonElement update, bool bestEffort, CancellationToken cancellationToken)
    {
        if (ReadNewMessage(update, out var message, out var externalId) is { } decided)
        {
            return decided;
        }

        var senderName = await names.GetAsync(message.FromId, bestEffort, cancellationToken).ConfigureAwait(false);
        var (attachments, notes) = await DownloadPhotosAsync(message.Photos, bestEffort, cancellationToken).ConfigureAwait(false);
        var text = notes.Count == 0 ? message.Text : string.Join('\n', new[] { message.Text }.Concat(notes).Where(line => line.Length > 0));
        var sentAt = message.Date is { } date ? DateTimeOffset.FromUnixTimeSeconds(date) : clock.GetUtcNow();
        var inbound = new InboundMessage(ChannelNames.Vk, externalId, [Identity(message.FromId)], senderName, text, sentAt,
            attachments.Count == 0 ? null : attachments);
        var acceptance = await pipeline.AcceptAsync(inbound, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("VK message {ExternalId} from {Identity} stored (duplicate: {Duplicate}, photos: {Photos})",
            externalId, inbound.From[0].ToString(), acceptance.Duplicate, attachments.Count);
        return new VkEventResult(acceptance.Duplicate ? VkEventOutcome.Duplicate : VkEventOutcome.Accepted, externalId);
    }

    private VkEventResult? ReadEdit(JsonElement update, out VkIncomingMessage message, out string externalId)
    {
        externalId = "";
        if (!TryGetMessage(update, out var raw) || !VkMessageReader.TryRead(raw, out message!))
        {
            message = null!;
            return VkEventResult.Invalid("message_edit without a readable message object");
        }

        if (message.Outgoing || message.FromId == -options.Value.GroupId)
        {
            return VkEventResult.Ignored("an edit of our own message");
        }

        if (IsGroupChat(message))
        {
            return VkEventResult.Ignored("an edit in a group chat (Channels:Vk:GroupChats)");
        }

        if (ExternalIdOf(message) is not { } key)
        {
            return VkEventResult.Invalid("message_edit without peer_id/conversation_message_id");
        }

        externalId = key;
        return null;
    }

    private async Task<VkEventResult> EditAsync(JsonElement update, CancellationToken cancellationToken)
    {
        if (ReadEdit(update, out var message, out var externalId) is { } decided)
        {
            return decided;
        }

        var editedAt = message.UpdateTime is { } time ? DateTimeOffset.FromUnixTimeSeconds(time) : clock.GetUtcNow();
        var found = await pipeline.EditAsync(new InboundEdit(ChannelNames.Vk, externalId, message.Text, editedAt), cancellationToken).ConfigureAwait(false);
        return found ? new VkEventResult(VkEventOutcome.Accepted, externalId) : VkEventResult.Ignored("an edit of a message we do not have");
    }

    private static long? UserOf(JsonElement update) =>
        VkJson.TryGetObject(update, "object", out var item) && VkJson.GetInt64(item, "user_id") is > 0 and var userId ? userId : null;

    private async Task<VkEventResult> ReachabilityAsync(JsonElement update, bool reachable, CancellationToken cancellationToken)
    {
        if (UserOf(update) is not { } userId)
        {
            return VkEventResult.Invalid("message_allow/message_deny without user_id");
        }

        var identity = Identity(userId);
        await reachability.SetReachableAsync(ChannelNames.Vk, identity, reachable, reachable ? AllowedReason : DeniedReason, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("VK user {Identity} is now {Reachability}", identity.ToString(), reachable ? "reachable" : "unreachable");
        return new VkEventResult(VkEventOutcome.Accepted, reachable ? "allowed" : "denied");
    }

    /// <summary>A callback button (<c>message_event</c>): its payload becomes an inbound message, and the button's spinner is stopped with sendMessageEventAnswer.</summary>
    private static VkEventResult? ReadButton(JsonElement update, out long userId, out string externalId)
    {
        externalId = "";
        userId = UserOf(update) ?? 0;
        if (userId == 0)
        {
            return VkEventResult.Invalid("message_event without user_id");
        }

        var buttonEventId = VkJson.GetString(update.GetProperty("object"), "event_id");
        if ((buttonEventId is { Length: > 0 } ? $"button_{buttonEventId}" : EventKey(update)) is not { } key)
        {
            return VkEventResult.Invalid("message_event without event_id");
        }

        externalId = key;
        return null;
    }

    private async Task<VkEventResult> ButtonAsync(JsonElement update, bool bestEffort, CancellationToken cancellationToken)
    {
        if (ReadButton(update, out var userId, out var externalId) is { } decided)
        {
            return decided;
        }

        var item = update.GetProperty("object");
        var buttonEventId = VkJson.GetString(item, "event_id");
        var peerId = VkJson.GetInt64(item, "peer_id") ?? userId;
        var senderName = await names.GetAsync(userId, bestEffort, cancellationToken).ConfigureAwait(false);
        var inbound = new InboundMessage(ChannelNames.Vk, externalId, [Identity(userId)], senderName, PayloadText(item), clock.GetUtcNow());
        var acceptance = await pipeline.AcceptAsync(inbound, cancellationToken).ConfigureAwait(false);
        if (!acceptance.Duplicate && buttonEventId is { Length: > 0 })
        {
            var answer = await api.SendMessageEventAnswerAsync(buttonEventId, userId, peerId, cancellationToken).ConfigureAwait(false);
            if (answer is not VkApiResult.Success)
            {
                logger.LogWarning("Could not answer the VK button press {ExternalId}: {Answer}", externalId, answer.GetType().Name);
            }
        }

        return new VkEventResult(acceptance.Duplicate ? VkEventOutcome.Duplicate : VkEventOutcome.Accepted, externalId);
    }

    /// <summary>The button's payload as text: a string as is; an object's "text"/"label"/"command" when it has one; else the JSON.</summary>
    public static string PayloadText(JsonElement item)
    {
        if (!item.TryGetProperty("payload", out var payload) || payload.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "[button pressed]";
        }

        if (payload.ValueKind == JsonValueKind.String)
        {
            var text = payload.GetString();
            return string.IsNullOrWhiteSpace(text) ? "[button pressed]" : text;
        }

        foreach (var name in (string[])["text", "label", "command"])
        {
            if (VkJson.GetString(payload, name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return payload.GetRawText();
    }

    private async Task<(List<InboundAttachment> Attachments, List<string> Notes)> DownloadPhotosAsync(IReadOnlyList<VkPhotoReference> photos, bool bestEffort,
        CancellationToken cancellationToken)
    {
        var attachments = new List<InboundAttachment>();
        var notes = new List<string>();
        foreach (var photo in photos)
        {
            var download = await files.DownloadAsync(photo.Url, options.Value.MaxDownloadBytes, cancellationToken).ConfigureAwait(false);
            if (download.Content is null && download.Transient && !bestEffort)
            {
                throw new VkUnavailableException($"a photo could not be fetched from VK now: {download.Problem}");
            }

            if (download.Content is null)
            {
                // The message is still stored: the operator sees that a photo came and could not be fetched.
                notes.Add($"[photo could not be downloaded: {download.Problem}]");
                continue;
            }

            var contentType = download.ContentType is { } type && type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? type : "image/jpeg";
            // photo<owner>_<id>, without the access key
            var stem = photo.ProviderFileId is { } id ? string.Join('_', id.Split('_').Take(2)) : $"photo{attachments.Count + 1}";
            var name = stem + Extension(contentType);
            attachments.Add(new InboundAttachment(name, contentType, download.Content, photo.ProviderFileId));
        }

        return (attachments, notes);
    }

    private static string Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "image/heic" => ".heic",
        _ => ".jpg",
    };

    private static string? EventKey(JsonElement update) => VkJson.GetString(update, "event_id") is { Length: > 0 } eventId ? $"event_{eventId}" : null;

    private static ChannelIdentity Identity(long vkId) => new(IdentityKinds.Vk, vkId.ToString(CultureInfo.InvariantCulture));
}
