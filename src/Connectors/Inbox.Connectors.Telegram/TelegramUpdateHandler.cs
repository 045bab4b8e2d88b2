using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Handles one update, from the webhook or the poller alike, and completes only when its effect is durable:
/// <list type="bullet">
/// <item><c>message</c> (private chat): files downloaded first, then <see cref="IInboundPipeline.AcceptAsync"/>.</item>
/// <item><c>edited_message</c>: <see cref="IInboundPipeline.EditAsync"/>; an edit of an unknown message is ignored.</item>
/// <item><c>callback_query</c>: stored as a message whose text is the button data, then <c>answerCallbackQuery</c>.</item>
/// <item><c>my_chat_member</c> (private chat): <c>kicked</c> = the customer blocked the bot, <c>member</c> = unblocked.</item>
/// <item>anything else: ignored.</item>
/// </list>
/// Repeats are harmless: the pipeline de-duplicates on the external id, edits and reachability are idempotent.
/// Throws <see cref="TelegramUnavailableException"/> when a file could not be fetched for a passing reason, unless asked for
/// best effort (the webhook intake's late attempts): then the file becomes a note in the text and the message is stored.
/// </summary>
public sealed class TelegramUpdateHandler(
    TelegramBotClientFactory clients,
    TelegramInboundConverter converter,
    IInboundPipeline pipeline,
    IIdentityReachability reachability,
    TimeProvider clock,
    IOptions<TelegramChannelOptions> options,
    ILogger<TelegramUpdateHandler> logger)
{
    /// <summary>The Bot API serves files up to 20 MB; bigger ones are described in the text instead.</summary>
    public const long MaxDownloadBytes = 20 * 1024 * 1024;

    public Task<TelegramUpdateResult> HandleAsync(Update update, CancellationToken cancellationToken) => HandleAsync(update, bestEffort: false, cancellationToken);

    public async Task<TelegramUpdateResult> HandleAsync(Update update, bool bestEffort, CancellationToken cancellationToken)
    {
        var result = update switch
        {
            { Message: { } message } => await HandleMessageAsync(message, bestEffort, cancellationToken),
            { EditedMessage: { } edited } => await HandleEditAsync(edited, cancellationToken),
            { CallbackQuery: { } query } => await HandleCallbackAsync(query, cancellationToken),
            { MyChatMember: { } membership } => await HandleMembershipAsync(membership, cancellationToken),
            _ => TelegramUpdateResult.Ignored,
        };
        logger.LogDebug("Telegram update {UpdateId} ({UpdateType}): {Result}", update.Id, update.Type, result);
        return result;
    }

    /// <summary>The chat an update belongs to (updates of one chat are processed in order), or its sender.</summary>
    public static long? ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.EditedMessage?.Chat.Id ?? update.CallbackQuery?.From.Id ?? update.MyChatMember?.Chat.Id;

    private async Task<TelegramUpdateResult> HandleMessageAsync(Message message, bool bestEffort, CancellationToken cancellationToken)
    {
        if (!TelegramInboundConverter.IsFromCustomer(message))
        {
            return TelegramUpdateResult.Ignored;
        }

        var attachments = new List<InboundAttachment>();
        var notes = new List<string>();
        var files = TelegramInboundConverter.FilesOf(message);
        if (files.Count > 0)
        {
            var client = clients.CreateForRequests();
            foreach (var file in files)
            {
                var (attachment, note) = await DownloadAsync(client, file, bestEffort, cancellationToken);
                if (attachment is not null)
                {
                    attachments.Add(attachment);
                }

                if (note is not null)
                {
                    notes.Add(note);
                }
            }
        }

        var inbound = converter.ToInbound(message, attachments, notes, clock.GetUtcNow());
        var accepted = await pipeline.AcceptAsync(inbound, cancellationToken);
        return accepted.Duplicate ? TelegramUpdateResult.Duplicate : TelegramUpdateResult.Stored;
    }

    private async Task<TelegramUpdateResult> HandleEditAsync(Message edited, CancellationToken cancellationToken)
    {
        var newText = edited.Text ?? edited.Caption;
        if (!TelegramInboundConverter.IsFromCustomer(edited) || newText is null)
        {
            // e.g. a live location moving: nothing textual changed
            return TelegramUpdateResult.EditIgnored;
        }

        var editedAt = TelegramInboundConverter.ToTime(edited.EditDate ?? default, clock.GetUtcNow());
        var externalId = TelegramInboundConverter.MessageExternalId(edited);
        var found = await pipeline.EditAsync(new InboundEdit(ChannelNames.Telegram, externalId, newText, editedAt), cancellationToken);
        if (!found)
        {
            logger.LogInformation("Telegram edit of message {ExternalId}, which was never stored, is ignored", externalId);
        }

        return found ? TelegramUpdateResult.Edited : TelegramUpdateResult.EditIgnored;
    }

    private async Task<TelegramUpdateResult> HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        if (query.From is null || query.From.IsBot || string.IsNullOrEmpty(query.Id))
        {
            return TelegramUpdateResult.Ignored;
        }

        var accepted = await pipeline.AcceptAsync(TelegramInboundConverter.FromCallback(query, clock.GetUtcNow()), cancellationToken);

        // Stops the spinner on the customer's button. A failure here changes nothing stored, so it is only logged.
        try
        {
            await clients.CreateForRequests().AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken);
        }
        catch (RequestException ex)
        {
            logger.LogWarning("answerCallbackQuery for {CallbackQueryId} failed: {Problem}", query.Id, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("answerCallbackQuery for {CallbackQueryId} timed out", query.Id);
        }

        return accepted.Duplicate ? TelegramUpdateResult.Duplicate : TelegramUpdateResult.Stored;
    }

    private async Task<TelegramUpdateResult> HandleMembershipAsync(ChatMemberUpdated membership, CancellationToken cancellationToken)
    {
        if (membership.Chat is not { Type: ChatType.Private } chat)
        {
            return TelegramUpdateResult.Ignored;
        }

        var identity = TelegramInboundConverter.UserIdentity(chat.Id);
        switch (membership.NewChatMember?.Status)
        {
            case ChatMemberStatus.Kicked:
                await reachability.SetReachableAsync(ChannelNames.Telegram, identity, false, "The customer blocked the bot in Telegram.", cancellationToken);
                return TelegramUpdateResult.ReachabilityChanged;
            case ChatMemberStatus.Member:
                await reachability.SetReachableAsync(ChannelNames.Telegram, identity, true, "The customer started or unblocked the bot in Telegram.", cancellationToken);
                return TelegramUpdateResult.ReachabilityChanged;
            default:
                return TelegramUpdateResult.Ignored;
        }
    }

    /// <summary>getFile, then the file URL. A lasting refusal (too big, gone) becomes a note in the text; a passing one throws.</summary>
    private async Task<(InboundAttachment? Attachment, string? Note)> DownloadAsync(ITelegramBotClient client, TelegramFileReference file, bool bestEffort,
        CancellationToken cancellationToken)
    {
        try
        {
            return await DownloadOnceAsync(client, file, cancellationToken);
        }
        catch (TelegramUnavailableException ex) when (bestEffort)
        {
            logger.LogWarning("Telegram file {FileId} could not be fetched, tried often enough; the message is stored without it: {Problem}", file.FileId, ex.Message);
            return (null, $"[file {file.FileName ?? file.ContentType} not downloaded: Telegram could not serve it]");
        }
    }

    private async Task<(InboundAttachment? Attachment, string? Note)> DownloadOnceAsync(ITelegramBotClient client, TelegramFileReference file, CancellationToken cancellationToken)
    {
        var label = file.FileName ?? file.ContentType;
        if (file.Size > MaxDownloadBytes)
        {
            return (null, $"[file {label} not downloaded: larger than Telegram lets bots download (20 MB)]");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout * 2);
        try
        {
            var info = await client.GetFile(file.FileId, timeout.Token);
            if (string.IsNullOrEmpty(info.FilePath) || info.FileSize > MaxDownloadBytes)
            {
                return (null, $"[file {label} not downloaded: Telegram does not serve it to bots]");
            }

            using var content = new MemoryStream();
            await client.DownloadFile(info.FilePath, content, timeout.Token);
            var name = file.FileName ?? Path.GetFileName(info.FilePath);
            if (string.IsNullOrWhiteSpace(name))
            {
                name = "file";
            }

            return (new InboundAttachment(name, file.ContentType, content.ToArray(), file.FileId), null);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is 429 or >= 500)
        {
            throw new TelegramUnavailableException($"Telegram could not serve a file ({ex.ErrorCode}: {ex.Message})", ex);
        }
        catch (ApiRequestException ex)
        {
            logger.LogWarning("Telegram refused file {FileId}: {ErrorCode} {Problem}", file.FileId, ex.ErrorCode, ex.Message);
            return (null, $"[file {label} not downloaded: {ex.Message}]");
        }
        catch (RequestException ex) when (ex.HttpStatusCode is { } status && (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
        {
            logger.LogWarning("Telegram refused file {FileId}: HTTP {Status}", file.FileId, (int)status);
            return (null, $"[file {label} not downloaded: HTTP {(int)status}]");
        }
        catch (RequestException ex)
        {
            throw new TelegramUnavailableException($"Telegram could not serve a file: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TelegramUnavailableException("Downloading a file from Telegram timed out", ex);
        }
    }
}
