using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Email;

/// <summary>
/// Reads new mail from the IMAP folder: connects, logs in, opens the folder read-write, and reads every message whose UID is
/// above the checkpoint, in ascending order. Each is downloaded with <c>BODY.PEEK</c>, converted, and handed to the pipeline
/// together with the new checkpoint (<c>"{uidvalidity}:{uid}"</c>), which the host stores in the same transaction as the
/// message; only then is <c>\Seen</c> set (for people who look into the mailbox too; reading never depends on it).
/// Then it waits for new mail with IDLE (renewed every <see cref="EmailChannelOptions.IdleMinutes"/>), or, where the server
/// has no IDLE, looks again every <see cref="EmailChannelOptions.PollSeconds"/>.
/// </summary>
/// <remarks>
/// A lost connection, a protocol error or a failing store never stops it: it reconnects after a pause that doubles from
/// <see cref="EmailChannelOptions.ReconnectDelay"/> to <see cref="EmailChannelOptions.ReconnectMaxDelay"/> and continues from
/// the stored checkpoint (a message stored but not yet checkpointed cannot exist: both are written together). When the
/// folder's UIDVALIDITY differs from the checkpoint's, every UID is void: it reads the folder from the start again and the
/// pipeline recognises what it already has by Message-ID. The first start (no checkpoint) imports none of the mail already
/// in the folder, or only the last <see cref="EmailChannelOptions.ImportExistingDays"/> days. Delivery status notifications become receipts
/// (<see cref="IDeliveryReceipts"/>) and their checkpoint is stored on its own.
/// </remarks>
public sealed class EmailImapReceiver(
    EmailMailFetcher fetcher,
    EmailInboundConverter converter,
    IInboundPipeline pipeline,
    IDeliveryReceipts receipts,
    IConnectorCursorStore cursors,
    TimeProvider clock,
    IOptions<EmailChannelOptions> options,
    [FromKeyedServices(ChannelNames.Email)] ConnectorHealth health,
    ILogger<EmailImapReceiver> logger) : BackgroundService
{
    private const int FetchBatchSize = 25;

    /// <summary>The cursor key of a folder: <c>email:{user}@{host}/{folder}</c> (user and host in lower case).</summary>
    public static string CheckpointKey(EmailImapOptions imap) =>
        $"email:{imap.User?.Trim().ToLowerInvariant()}@{imap.Host?.Trim().ToLowerInvariant()}/{imap.Folder}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = settings.ReconnectDelay;
        logger.LogInformation("Email receiving started: IMAP {ImapHost}:{ImapPort} folder {Folder}", settings.Imap.Host, settings.Imap.EffectivePort, settings.Imap.Folder);
        if (!EmailCharsets.MimeKitDecodesCyrillic())
        {
            logger.LogError("MimeKit was used before the code pages were registered, so Russian mail (windows-1251, koi8-r) will be garbled: " +
                "register EmailModule (or call EmailCharsets.Register) at start-up, before anything else uses MimeKit");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = new ImapClient { Timeout = (int)settings.CommandTimeout.TotalMilliseconds };
                var folder = await OpenAsync(client, settings.Imap, stoppingToken);
                // The pause starts small again only once a round went through (a store that keeps failing keeps it growing).
                await WatchAsync(client, folder, () =>
                {
                    delay = settings.ReconnectDelay;
                    health.Succeeded();
                }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (AuthenticationException ex)
            {
                health.Failed("the IMAP server refused our login: check Channels:Email:Imap:User and Password");
                logger.LogError("The IMAP server refused our login ({Problem}): check Channels:Email:Imap:User and Password. Retrying in {Delay}", ex.Message, delay);
            }
            catch (FolderNotFoundException)
            {
                health.Failed($"the IMAP folder {settings.Imap.Folder} does not exist: check Channels:Email:Imap:Folder");
                logger.LogError("The IMAP folder {Folder} does not exist: check Channels:Email:Imap:Folder. Retrying in {Delay}", settings.Imap.Folder, delay);
            }
            catch (Exception ex)
            {
                health.Failed($"receiving interrupted: {ex.GetType().Name}");
                logger.LogWarning("Email receiving interrupted ({ErrorType}: {Problem}); reconnecting in {Delay}", ex.GetType().Name, ex.Message, delay);
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var doubled = delay * 2;
            delay = doubled > settings.ReconnectMaxDelay ? settings.ReconnectMaxDelay : doubled;
        }

        logger.LogInformation("Email receiving stopped");
    }

    private async Task<IMailFolder> OpenAsync(ImapClient client, EmailImapOptions imap, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(imap.Host ?? "", imap.EffectivePort, imap.Security.ToSocketOptions(), cancellationToken);
        await client.AuthenticateAsync(imap.User ?? "", imap.Password ?? "", cancellationToken);
        var folder = string.Equals(imap.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(imap.Folder)
            ? client.Inbox
            : await client.GetFolderAsync(imap.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        logger.LogInformation("IMAP folder {Folder} open (UIDVALIDITY {UidValidity}, {Count} messages, IDLE {IdleSupported})",
            imap.Folder, folder.UidValidity, folder.Count, client.Capabilities.HasFlag(ImapCapabilities.Idle));
        return folder;
    }

    private async Task WatchAsync(ImapClient client, IMailFolder folder, Action roundSucceeded, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = CheckpointKey(settings.Imap);
        var checkpoint = await LoadCheckpointAsync(key, cancellationToken) ?? await FirstStartAsync(folder, key, cancellationToken);
        var changed = 0;
        CancellationTokenSource? idleDone = null;
        void OnCountChanged(object? sender, EventArgs e)
        {
            Volatile.Write(ref changed, 1);
            try
            {
                Volatile.Read(ref idleDone)?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the IDLE already ended
            }
        }

        var renewal = TimeSpan.FromMinutes(Math.Clamp(settings.IdleMinutes, 1, 9));
        var openedAt = clock.GetUtcNow();
        folder.CountChanged += OnCountChanged;
        try
        {
            while (true)
            {
                Volatile.Write(ref changed, 0);
                checkpoint = await ScanAsync(folder, key, checkpoint, cancellationToken);
                roundSucceeded();
                if (Volatile.Read(ref changed) == 1)
                {
                    continue;
                }

                bool renew;
                if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
                {
                    using var done = new CancellationTokenSource(renewal, clock);
                    Volatile.Write(ref idleDone, done);
                    try
                    {
                        if (Volatile.Read(ref changed) == 0)
                        {
                            logger.LogDebug("Waiting for new mail in {Folder} (IDLE)", folder.FullName);
                            await client.IdleAsync(done.Token, cancellationToken);
                        }
                    }
                    finally
                    {
                        Volatile.Write(ref idleDone, null);
                    }

                    // The IDLE ran its full term (it was not ended by new mail).
                    renew = done.IsCancellationRequested && Volatile.Read(ref changed) == 0;
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds)), clock, cancellationToken);
                    await client.NoOpAsync(cancellationToken);
                    renew = clock.GetUtcNow() - openedAt >= renewal;
                }

                if (renew)
                {
                    // A folder deleted and recreated under us keeps the old UIDVALIDITY in this session, and the server may not
                    // say so: selecting it again now and then reads the current one (and rescans when it changed).
                    await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
                    openedAt = clock.GetUtcNow();
                }
            }
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
        }
    }

    /// <summary>The stored checkpoint; null when there is none (the first start).</summary>
    private async Task<EmailMailboxCheckpoint?> LoadCheckpointAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await cursors.GetAsync(key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (EmailMailboxCheckpoint.TryParse(stored, out var checkpoint))
        {
            return checkpoint.Value;
        }

        logger.LogWarning("The stored email checkpoint {Checkpoint} of {CheckpointKey} is unreadable; the folder is read from the start (stored mail is recognised)", stored, key);
        return new EmailMailboxCheckpoint(0, 0);
    }

    /// <summary>
    /// The first start on a folder: the mail already there is not imported (the checkpoint is set just below UIDNEXT), or,
    /// with <see cref="EmailChannelOptions.ImportExistingDays"/>, only from the first message received in those days on.
    /// The checkpoint is stored at once, so a restart does not decide again.
    /// </summary>
    private async Task<EmailMailboxCheckpoint> FirstStartAsync(IMailFolder folder, string key, CancellationToken cancellationToken)
    {
        var days = options.Value.ImportExistingDays;
        var validity = folder.UidValidity;
        uint last;
        if (days > 0)
        {
            var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-days);
            var recent = await folder.SearchAsync(SearchQuery.DeliveredAfter(since), cancellationToken);
            last = recent.Count == 0 ? await HighestUidAsync(folder, cancellationToken) : recent.Min(uid => uid.Id) - 1;
        }
        else
        {
            last = await HighestUidAsync(folder, cancellationToken);
        }

        var checkpoint = new EmailMailboxCheckpoint(validity, last);
        await cursors.SetAsync(key, checkpoint.ToString(), cancellationToken);
        logger.LogInformation("First start on IMAP folder {Folder}: mail already there up to UID {LastUid} is not imported (Channels:Email:ImportExistingDays is {Days})",
            folder.FullName, last, days);
        return checkpoint;
    }

    /// <summary>The highest UID in use: UIDNEXT − 1, or, where the server does not say UIDNEXT, the highest UID found.</summary>
    private static async Task<uint> HighestUidAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        if (folder.UidNext is { } next && next.Id > 0)
        {
            return next.Id - 1;
        }

        var all = await folder.SearchAsync(SearchQuery.All, cancellationToken);
        return all.Count == 0 ? 0 : all.Max(uid => uid.Id);
    }

    /// <summary>Reads every message above the checkpoint, in UID order; returns the checkpoint after the last one handled.</summary>
    private async Task<EmailMailboxCheckpoint> ScanAsync(IMailFolder folder, string key, EmailMailboxCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var validity = folder.UidValidity;
        if (checkpoint.UidValidity != validity)
        {
            if (checkpoint.UidValidity != 0)
            {
                logger.LogWarning("UIDVALIDITY of {Folder} changed from {OldUidValidity} to {UidValidity}: every UID is new, the folder is read again " +
                    "and mail already stored is recognised by its Message-ID", folder.FullName, checkpoint.UidValidity, validity);
            }

            checkpoint = new EmailMailboxCheckpoint(validity, 0);
            await cursors.SetAsync(key, checkpoint.ToString(), cancellationToken);
        }

        var last = checkpoint.LastUid;
        if (last == uint.MaxValue)
        {
            return checkpoint;
        }

        var found = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(validity, last + 1), UniqueId.MaxValue)), cancellationToken);
        // RFC 3501: "n:*" always includes the highest UID, even when it is below n: keep only the new ones.
        var fresh = found.Where(uid => uid.Id > last).OrderBy(uid => uid.Id).ToList();
        logger.LogDebug("Scanned IMAP folder {Folder} after UID {LastUid}: {Count} new message(s)", folder.FullName, last, fresh.Count);
        foreach (var batch in fresh.Chunk(FetchBatchSize))
        {
            var summaries = (await folder.FetchAsync(batch, EmailMailFetcher.SummaryRequest, cancellationToken)).ToDictionary(s => s.UniqueId.Id);
            foreach (var uid in batch)
            {
                if (!summaries.TryGetValue(uid.Id, out var summary))
                {
                    logger.LogInformation("Message UID {Uid} of {Folder} was removed before it could be read", uid.Id, folder.FullName);
                    continue;
                }

                var next = new EmailMailboxCheckpoint(validity, uid.Id);
                await HandleAsync(folder, summary, key, next, cancellationToken);
                checkpoint = next;
                await MarkSeenAsync(folder, uid, cancellationToken);
            }
        }

        return checkpoint;
    }

    private async Task HandleAsync(IMailFolder folder, IMessageSummary summary, string key, EmailMailboxCheckpoint next, CancellationToken cancellationToken)
    {
        var mail = await fetcher.FetchAsync(folder, summary, cancellationToken);
        switch (converter.Convert(mail))
        {
            case EmailInboundItem.Message { Inbound: var inbound }:
                var acceptance = await pipeline.AcceptAsync(inbound with { Checkpoint = new ConnectorCheckpoint(key, next.ToString()) }, cancellationToken);
                logger.LogInformation("Email UID {Uid} {Outcome} as {ExternalId} (automated: {IsAutomated}, {AttachmentCount} attachment(s))",
                    summary.UniqueId.Id, acceptance.Duplicate ? "was already stored" : "stored", inbound.ExternalId, inbound.IsAutomated, inbound.Attachments?.Count ?? 0);
                break;
            case EmailInboundItem.Bounce { Report: var bounce }:
                await RecordBounceAsync(bounce, cancellationToken);
                await cursors.SetAsync(key, next.ToString(), cancellationToken);
                break;
        }
    }

    private async Task RecordBounceAsync(EmailBounce bounce, CancellationToken cancellationToken)
    {
        if (bounce.OriginalMessageIds.Count == 0)
        {
            logger.LogInformation("Delivery report (status {Status}) that names no message; ignored", bounce.Status);
            return;
        }

        if (bounce.Kind == EmailBounceKind.Delayed)
        {
            logger.LogInformation("Delay notice (status {Status}) for our email {OriginalMessageId}; the server keeps trying", bounce.Status, bounce.OriginalMessageIds[0]);
            return;
        }

        var status = bounce.Kind == EmailBounceKind.Failed ? ReceiptStatus.Failed : ReceiptStatus.Delivered;
        foreach (var id in bounce.OriginalMessageIds)
        {
            if (await receipts.RecordAsync(new DeliveryReceipt(ChannelNames.Email, id, status, bounce.Reason), cancellationToken))
            {
                logger.LogInformation("Delivery report (status {Status}) recorded for our email {OriginalMessageId}: {ReceiptStatus}", bounce.Status, id, status);
                return;
            }
        }

        logger.LogInformation("Delivery report (status {Status}) about an email we do not know ({OriginalMessageId}); ignored", bounce.Status, bounce.OriginalMessageIds[0]);
    }

    private async Task MarkSeenAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        try
        {
            await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
        }
        catch (ImapCommandException ex)
        {
            // Only a courtesy to people reading the mailbox: the checkpoint, not \Seen, says what was read.
            logger.LogDebug("Could not set \\Seen on UID {Uid}: {Problem}", uid.Id, ex.Message);
        }
    }
}
