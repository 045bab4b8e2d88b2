using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Identity;

namespace Inbox.Connectors.Vk;

/// <summary>
/// Sends replies with messages.send to <c>peer_id</c> = the customer's VK id. A long text is split at
/// <see cref="VkChannelOptions.MaxMessageLength"/>; each part carries a <c>random_id</c> derived from our message id and
/// the part number, so a retry never shows the customer a part twice. Files are uploaded first (images as photos,
/// anything else as documents) and go with the last text part. VK errors (which come with HTTP 200) are mapped by
/// <see cref="VkDeliveryErrors"/>. The reply's choices go as an inline keyboard with the last text part (<see cref="VkKeyboards"/>).
/// </summary>
public sealed class VkOutboundChannel(VkApiClient api, VkFileClient files, IOptions<VkChannelOptions> options, ILogger<VkOutboundChannel> logger) : IOutboundChannel
{
    public const int MaxAttachmentsPerMessage = 10;
    public const int VkMaxMessageLength = 9000;

    private static readonly HashSet<string> PhotoTypes = new(StringComparer.OrdinalIgnoreCase) { "image/jpeg", "image/jpg", "image/png", "image/gif" };

    public string Channel => ChannelNames.Vk;

    public async Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Recipient.Kind != IdentityKinds.Vk
            || !long.TryParse(message.Recipient.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var peerId) || peerId == 0)
        {
            return new DeliveryOutcome.Failed($"'{message.Recipient}' is not a VK user id, so it cannot be written to through VK.");
        }

        var uploaded = new List<string>();
        foreach (var attachment in message.Attachments ?? [])
        {
            var (reference, failure) = await UploadAsync(peerId, attachment, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            uploaded.Add(reference!);
        }

        var maxLength = Math.Clamp(options.Value.MaxMessageLength, 2, VkMaxMessageLength);
        var parts = Plan(VkTextSplitter.Split(message.Text, maxLength), uploaded);
        if (parts.Count == 0)
        {
            return new DeliveryOutcome.Failed("The reply is empty: VK cannot send a message with neither text nor files.");
        }

        var ids = new List<string>(parts.Count);
        var keyboard = VkKeyboards.Choices(message.Choices);
        var keyboardPart = Enumerable.Range(0, parts.Count).LastOrDefault(i => !string.IsNullOrEmpty(parts[i].Text), -1);
        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            var result = await api.SendMessageAsync(peerId, VkRandomId.For(message.MessageId, index), part.Text, part.Attachment,
                index == keyboardPart ? keyboard : null, cancellationToken).ConfigureAwait(false);
            if (result is VkApiResult.Success success)
            {
                ids.Add(success.Response.ValueKind == JsonValueKind.String ? success.Response.GetString() ?? "" : success.Response.GetRawText());
                continue;
            }

            var outcome = VkDeliveryErrors.ToOutcome(result);
            if (result is VkApiResult.ApiError { Code: VkErrorCodes.AuthorizationFailed })
            {
                logger.LogCritical("VK refused the access token (error 5): the VK channel cannot send until Channels:Vk:AccessToken is replaced");
            }
            else if (result is VkApiResult.ApiError { Code: VkErrorCodes.FloodControl or VkErrorCodes.CaptchaNeeded } error)
            {
                logger.LogWarning("VK stops replies for now (error {ErrorCode}); operators should slow down", error.Code);
            }

            logger.LogWarning("Reply {MessageId} to {Identity} via VK, part {Part} of {Parts}: {Outcome}",
                message.MessageId, message.Recipient.ToString(), index + 1, parts.Count, outcome);
            return outcome;
        }

        logger.LogInformation("Reply {MessageId} sent to {Identity} via VK as {ProviderMessageId}", message.MessageId, message.Recipient.ToString(), string.Join(',', ids));
        return new DeliveryOutcome.Sent(string.Join(',', ids));
    }

    /// <summary>Text parts in order; the files go with the last text part, and further messages carry any files beyond the first 10.</summary>
    public static IReadOnlyList<VkOutboundPart> Plan(IReadOnlyList<string> textParts, IReadOnlyList<string> attachments)
    {
        var groups = attachments.Chunk(MaxAttachmentsPerMessage).Select(group => string.Join(',', group)).ToList();
        var parts = textParts.Select(text => new VkOutboundPart(text, null)).ToList();
        var nextGroup = 0;
        if (parts.Count > 0 && groups.Count > 0)
        {
            parts[^1] = parts[^1] with { Attachment = groups[0] };
            nextGroup = 1;
        }

        parts.AddRange(groups.Skip(nextGroup).Select(group => new VkOutboundPart(null, group)));
        return parts;
    }

    private async Task<(string? Reference, DeliveryOutcome? Failure)> UploadAsync(long peerId, OutboundAttachment attachment, CancellationToken cancellationToken)
    {
        var asPhoto = PhotoTypes.Contains(attachment.ContentType);
        var server = asPhoto
            ? await api.GetMessagesPhotoUploadServerAsync(peerId, cancellationToken).ConfigureAwait(false)
            : await api.GetMessagesDocUploadServerAsync(peerId, cancellationToken).ConfigureAwait(false);
        if (server is not VkApiResult.Success { } serverAnswer || VkJson.GetString(serverAnswer.Response, "upload_url") is not { Length: > 0 } uploadUrl)
        {
            return (null, Explain(server, attachment));
        }

        VkApiResult upload;
        await using (var content = await attachment.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            upload = await files.UploadAsync(uploadUrl, asPhoto ? "photo" : "file", attachment.FileName, attachment.ContentType, content, cancellationToken).ConfigureAwait(false);
        }

        if (upload is not VkApiResult.Success { } uploadAnswer)
        {
            return (null, Explain(upload, attachment));
        }

        return asPhoto ? await SavePhotoAsync(uploadAnswer.Response, attachment, cancellationToken).ConfigureAwait(false)
            : await SaveDocAsync(uploadAnswer.Response, attachment, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string? Reference, DeliveryOutcome? Failure)> SavePhotoAsync(JsonElement uploadAnswer, OutboundAttachment attachment, CancellationToken cancellationToken)
    {
        var photo = VkJson.GetString(uploadAnswer, "photo");
        var server = VkJson.GetScalar(uploadAnswer, "server");
        var hash = VkJson.GetString(uploadAnswer, "hash");
        if (string.IsNullOrEmpty(photo) || photo == "[]" || server is null || hash is null)
        {
            return (null, new DeliveryOutcome.Failed($"VK did not accept '{attachment.FileName}' as a photo."));
        }

        var saved = await api.SaveMessagesPhotoAsync(photo, server, hash, cancellationToken).ConfigureAwait(false);
        if (saved is VkApiResult.Success { Response.ValueKind: JsonValueKind.Array } success && success.Response.GetArrayLength() > 0)
        {
            var item = success.Response[0];
            if (VkJson.GetInt64(item, "owner_id") is { } owner && VkJson.GetInt64(item, "id") is { } id)
            {
                var key = VkJson.GetString(item, "access_key");
                return (string.IsNullOrEmpty(key) ? $"photo{owner}_{id}" : $"photo{owner}_{id}_{key}", null);
            }
        }

        return (null, Explain(saved, attachment));
    }

    private async Task<(string? Reference, DeliveryOutcome? Failure)> SaveDocAsync(JsonElement uploadAnswer, OutboundAttachment attachment, CancellationToken cancellationToken)
    {
        if (VkJson.GetString(uploadAnswer, "file") is not { Length: > 0 } file)
        {
            return (null, new DeliveryOutcome.Failed($"VK did not accept '{attachment.FileName}' as a document."));
        }

        var saved = await api.SaveDocAsync(file, attachment.FileName, cancellationToken).ConfigureAwait(false);
        if (saved is VkApiResult.Success success)
        {
            // {"type":"doc","doc":{…}} since 5.103; earlier an array of docs.
            var doc = success.Response.ValueKind == JsonValueKind.Array && success.Response.GetArrayLength() > 0 ? success.Response[0]
                : VkJson.TryGetObject(success.Response, "doc", out var inner) ? inner : default;
            if (VkJson.GetInt64(doc, "owner_id") is { } owner && VkJson.GetInt64(doc, "id") is { } id)
            {
                var key = VkJson.GetString(doc, "access_key");
                return (string.IsNullOrEmpty(key) ? $"doc{owner}_{id}" : $"doc{owner}_{id}_{key}", null);
            }
        }

        return (null, Explain(saved, attachment));
    }

    private static DeliveryOutcome Explain(VkApiResult result, OutboundAttachment attachment) => result switch
    {
        VkApiResult.Success => new DeliveryOutcome.Failed($"VK gave an unexpected answer while taking '{attachment.FileName}'."),
        VkApiResult.Refused refused => new DeliveryOutcome.Failed($"'{attachment.FileName}' could not be sent: {refused.Reason}"),
        _ => VkDeliveryErrors.ToOutcome(result),
    };
}
