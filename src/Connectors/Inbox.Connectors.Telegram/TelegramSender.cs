using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using Inbox.Identity;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Sends replies to <c>telegram:{chat id}</c>: the text in pieces of at most 4096 UTF-16 units (<c>sendMessage</c>, no
/// parse mode), then each attachment (<c>sendPhoto</c> for JPEG/PNG/WebP images up to 10 MB, <c>sendDocument</c> otherwise).
/// The provider message id is <c>{chat}:{message_id}</c> of the first message sent. The reply's choices are an inline keyboard
/// under the last text message (<see cref="TelegramKeyboards.Choices"/>).
/// </summary>
/// <remarks>
/// <para>Errors, mapped so the outbox can act: 429 → Retry after <c>retry_after</c>; 403 (blocked, deactivated, never started)
/// → Failed, recipient unreachable; 400 with <c>migrate_to_chat_id</c> → Failed naming the new chat id (we only talk in private
/// chats, so this is not resent); other 4xx → Failed with Telegram's description; 5xx, HTML pages, network errors, timeouts → Retry.</para>
/// <para>A reply of several messages remembers which of them went out (in <see cref="IConnectorCursorStore"/>, under the
/// outbound message id), so a retry after a failure in the middle sends only the rest and the customer sees nothing twice.</para>
/// </remarks>
public sealed class TelegramSender(
    TelegramBotClientFactory clients,
    IConnectorCursorStore progress,
    IOptions<TelegramChannelOptions> options,
    ILogger<TelegramSender> logger) : IOutboundChannel
{
    /// <summary>The Bot API's limit for <c>sendPhoto</c> uploads.</summary>
    public const long MaxPhotoBytes = 10 * 1024 * 1024;

    /// <summary>The Bot API's limit for other uploads.</summary>
    public const long MaxDocumentBytes = 50 * 1024 * 1024;

    private static readonly HashSet<string> PhotoTypes = new(StringComparer.OrdinalIgnoreCase) { "image/jpeg", "image/jpg", "image/png", "image/webp" };

    public string Channel => ChannelNames.Telegram;

    public async Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Recipient.Kind != IdentityKinds.Telegram ||
            !long.TryParse(message.Recipient.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return new DeliveryOutcome.Failed($"'{message.Recipient}' is not a Telegram chat: Telegram replies go to telegram:<numeric id>.");
        }

        var parts = Plan(message);
        if (parts.Count == 0)
        {
            return new DeliveryOutcome.Failed("The reply has neither text nor files: there is nothing to send.");
        }

        if (parts.FirstOrDefault(p => p.Attachment is { Size: > MaxDocumentBytes }) is { Attachment: { } tooBig })
        {
            return new DeliveryOutcome.Failed($"The file {tooBig.FileName} is larger than the 50 MB Telegram lets bots send.");
        }

        var progressKey = ProgressKey(message.MessageId);
        var sent = parts.Count > 1 ? await LoadProgressAsync(progressKey, cancellationToken) : [];
        var client = clients.CreateForRequests();
        for (var index = sent.Count; index < parts.Count; index++)
        {
            var part = parts[index];
            Message result;
            try
            {
                result = await SendPartAsync(client, chatId, part, cancellationToken);
            }
            catch (ApiRequestException ex)
            {
                return Explain(ex, message, index, parts.Count);
            }
            catch (RequestException ex)
            {
                var status = ex.HttpStatusCode is { } code ? $" (HTTP {(int)code})" : "";
                return new DeliveryOutcome.Retry($"Telegram did not answer properly{status}: {ex.Message}{Progress(index, parts.Count)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new DeliveryOutcome.Retry($"Telegram did not answer in time{Progress(index, parts.Count)}");
            }
            catch (FileNotFoundException ex)
            {
                return new DeliveryOutcome.Failed($"The file {part.Attachment?.FileName} cannot be sent: it is missing from storage ({ex.Message}).");
            }

            sent.Add(string.Create(CultureInfo.InvariantCulture, $"{chatId}:{result.Id}"));
            if (parts.Count > 1)
            {
                await progress.SetAsync(progressKey, string.Join(',', sent), cancellationToken);
            }
        }

        logger.LogDebug("Reply {MessageId} sent to {Identity} as {Count} Telegram message(s)", message.MessageId, message.Recipient.ToString(), sent.Count);
        return new DeliveryOutcome.Sent(sent[0]);
    }

    /// <summary>Where the ids of the already sent messages of a multi-message reply are kept.</summary>
    public static string ProgressKey(Guid messageId) => $"telegram:outbound:{messageId:N}";

    private List<TelegramOutboundPart> Plan(OutboundMessage message)
    {
        var askForContact = TelegramKeyboards.TryRemoveRequestContactMarker(message.Text ?? "", out var text);
        var parts = TelegramTextSplitter.Split(text).Select(piece => new TelegramOutboundPart(piece, null, null)).ToList();
        if (askForContact)
        {
            var buttonText = string.IsNullOrWhiteSpace(options.Value.RequestContactButtonText)
                ? TelegramKeyboards.DefaultRequestContactButtonText
                : options.Value.RequestContactButtonText;
            var keyboard = TelegramKeyboards.RequestContact(buttonText);
            if (parts.Count == 0)
            {
                parts.Add(new TelegramOutboundPart(buttonText, null, keyboard));
            }
            else
            {
                parts[^1] = parts[^1] with { Keyboard = keyboard };
            }
        }

        if (TelegramKeyboards.Choices(message.Choices) is { } choices && parts.Count > 0)
        {
            parts[^1] = parts[^1] with { Keyboard = choices };
        }

        parts.AddRange((message.Attachments ?? []).Select(a => new TelegramOutboundPart(null, a, null)));
        return parts;
    }

    private static async Task<Message> SendPartAsync(ITelegramBotClient client, long chatId, TelegramOutboundPart part, CancellationToken cancellationToken)
    {
        if (part.Attachment is not { } attachment)
        {
            return await client.SendMessage(chatId, part.Text!, replyMarkup: part.Keyboard, cancellationToken: cancellationToken);
        }

        await using var content = await attachment.OpenAsync(cancellationToken);
        var file = InputFile.FromStream(content, attachment.FileName);
        return PhotoTypes.Contains(attachment.ContentType) && attachment.Size <= MaxPhotoBytes
            ? await client.SendPhoto(chatId, file, cancellationToken: cancellationToken)
            : await client.SendDocument(chatId, file, cancellationToken: cancellationToken);
    }

    private DeliveryOutcome Explain(ApiRequestException ex, OutboundMessage message, int index, int count)
    {
        var description = ex.Message;
        switch (ex.ErrorCode)
        {
            case 429:
                var after = ex.Parameters?.RetryAfter is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                return new DeliveryOutcome.Retry($"Telegram rate limit (429): {description}{Progress(index, count)}", after);
            case 403:
                logger.LogInformation("Telegram refuses messages to {Identity}: {Problem}", message.Recipient.ToString(), description);
                return new DeliveryOutcome.Failed(Explain403(description), RecipientUnreachable: true);
            case 400 when ex.Parameters?.MigrateToChatId is { } newChatId:
                return new DeliveryOutcome.Failed(string.Create(CultureInfo.InvariantCulture,
                    $"The Telegram group became a supergroup with the new chat id {newChatId}; messages to the old id are refused ({description})."));
            case 401 or 404:
                logger.LogError("Telegram refused the bot token: {ErrorCode} {Problem}", ex.ErrorCode, description);
                return new DeliveryOutcome.Failed($"Telegram does not accept the bot token ({ex.ErrorCode} {description}): check Channels:Telegram:BotToken.");
            case >= 500:
                return new DeliveryOutcome.Retry($"Telegram server error {ex.ErrorCode}: {description}{Progress(index, count)}");
            default:
                return new DeliveryOutcome.Failed($"Telegram refused the message ({ex.ErrorCode}): {description}{Progress(index, count)}");
        }
    }

    private static string Explain403(string description)
    {
        if (description.Contains("blocked", StringComparison.OrdinalIgnoreCase))
        {
            return $"The customer blocked the bot in Telegram ({description}).";
        }

        if (description.Contains("deactivated", StringComparison.OrdinalIgnoreCase))
        {
            return $"The customer's Telegram account is deleted ({description}).";
        }

        if (description.Contains("initiate", StringComparison.OrdinalIgnoreCase))
        {
            return $"The customer has never started a chat with the bot, so the bot cannot write first ({description}).";
        }

        return $"Telegram does not let the bot write to this customer ({description}).";
    }

    private static string Progress(int index, int count) =>
        count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({index} of {count} messages of this reply were sent)");

    private async Task<List<string>> LoadProgressAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await progress.GetAsync(key, cancellationToken);
        return string.IsNullOrEmpty(stored) ? [] : [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }
}
