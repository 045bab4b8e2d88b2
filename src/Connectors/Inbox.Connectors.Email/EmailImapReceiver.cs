using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Leases;

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
/// <para>
/// One bad mail does not stall the folder: when the server refuses its FETCH (NO/BAD) or it cannot be parsed, the try is
/// counted durably (<see cref="EmailDeadLetterStore"/>; the first mail of a round is counted before it is read, so a
/// process that crashes on it counts too) and the receiver reconnects as before. After
/// <see cref="EmailChannelOptions.MaxAttemptsPerMessage"/> tries the mail is skipped: put on the dead-letter list (shown in
/// <c>/health/ready</c>, logged once as an error), left in the folder, and the checkpoint moves past it. A lost connection,
/// a protocol error, a failing store or a stop is not the mail's fault and is not counted.
/// </para>
/// </remarks>
public sealed class EmailImapReceiver(
    EmailMailFetcher fetcher,
    EmailInboundConverter converter,
    IInboundPipeline pipeline,
    IDeliveryReceipts receipts,
    IConnectorCursorStore cursors,
    EmailDeadLetterStore deadLetters,
    TimeProvider clock,
    IOptions<EmailChannelOptions> options,
    [FromKeyedServices(ChannelNames.Email)] ConnectorHealth health,
    ILogger<EmailImapReceiver> logger,
    ClusterSingleton? singleton = null) : BackgroundService
{
    private const int FetchBatchSize = 25;

    /// <summary>The cursor key of a folder: <c>email:{user}@{host}/{folder}</c> (user and host in lower case).</summary>
    public static string CheckpointKey(EmailImapOptions imap) =>
        $"email:{imap.User?.Trim().ToLowerInvariant()}@{imap.Host?.Trim().ToLowerInvariant()}/{imap.Folder}";

    /// <summary>Receives on the node that holds the folder's lease (<see cref="ClusterSingleton"/>, named as the checkpoint); without one, here.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        singleton is null ? ReceiveAsync(stoppingToken) : singleton.RunAsync(CheckpointKey(options.Value.Imap), ReceiveAsync, stoppingToken);

    private async Task ReceiveAsync(CancellationToken stoppingToken)
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
        await deadLetters.LoadAsync(key, cancellationToken);
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
                if (!client.IsConnected)
                {
                    logger.LogInformation("The IMAP server closed the session on a skipped mail; reconnecting");
                    return;
                }
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
        var first = true;
        // The first mail of a round is asked for on its own: when the server fails on it, it is known to be that mail.
        foreach (var batch in fresh.Take(1).Chunk(1).Concat(fresh.Skip(1).Chunk(FetchBatchSize)))
        {
            var summaries = first ? null : await FetchSummariesAsync(folder, batch, cancellationToken);
            foreach (var uid in batch)
            {
                var next = new EmailMailboxCheckpoint(validity, uid.Id);
                await ReadOneAsync(folder, uid, summaries, key, next, first, cancellationToken);
                first = false;
                checkpoint = next;
                if (!folder.IsOpen)
                {
                    // The mail just skipped took the session with it (* BYE FETCH failed): the rest waits for the next one.
                    return checkpoint;
                }
            }
        }

        return checkpoint;
    }

    /// <summary>The summaries of a batch, by UID; null when the server refused the batch (each is then asked for on its own).</summary>
    private async Task<Dictionary<uint, IMessageSummary>?> FetchSummariesAsync(IMailFolder folder, UniqueId[] batch, CancellationToken cancellationToken)
    {
        try
        {
            return (await folder.FetchAsync(batch, EmailMailFetcher.SummaryRequest, cancellationToken)).ToDictionary(s => s.UniqueId.Id);
        }
        catch (ImapCommandException ex)
        {
            logger.LogWarning("The IMAP server refused the summaries of {Count} mail(s) in {Folder} ({Problem}); asking for them one by one",
                batch.Length, folder.FullName, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Reads one mail and hands it on; or skips it when it was tried <see cref="EmailChannelOptions.MaxAttemptsPerMessage"/>
    /// times. Throws (to reconnect and try again) when it could not be read this time.
    /// </summary>
    private async Task ReadOneAsync(IMailFolder folder, UniqueId uid, Dictionary<uint, IMessageSummary>? summaries, string key, EmailMailboxCheckpoint next,
        bool first, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxAttemptsPerMessage;
        // Only the first mail of a round can have been tried before: a failure reconnects, and the next round starts with it.
        var prior = first
            ? await deadLetters.AttemptsAsync(key, next.UidValidity, uid.Id, cancellationToken)
            : new EmailMessageAttempts(next.UidValidity, uid.Id, 0, null);
        if (prior.Count >= max)
        {
            await SkipAsync(folder, key, next, prior.LastProblem ?? "the process stopped while reading it", prior.Count, cancellationToken);
            return;
        }

        if (first)
        {
            // Counted before the try: a process that crashes on this mail over and over still gives up on it.
            await deadLetters.SetAttemptsAsync(key, prior with { Count = prior.Count + 1 }, cancellationToken);
        }

        try
        {
            var summary = summaries is null ? await FetchSummaryAsync(folder, uid, cancellationToken) : summaries.GetValueOrDefault(uid.Id);
            if (summary is null)
            {
                logger.LogInformation("Message UID {Uid} of {Folder} was removed before it could be read", uid.Id, folder.FullName);
                return;
            }

            await HandleAsync(folder, summary, key, next, cancellationToken);
        }
        catch (EmailUnreadableMessageException ex)
        {
            var tried = prior with { Count = prior.Count + 1, LastProblem = ex.Problem };
            if (tried.Count >= max)
            {
                await SkipAsync(folder, key, next, ex.Problem, tried.Count, cancellationToken);
                return;
            }

            await deadLetters.SetAttemptsAsync(key, tried, cancellationToken);
            logger.LogWarning("Email UID {Uid} of {Folder} could not be read (try {Attempt} of {MaxAttempts}, then it is skipped): {Problem}",
                uid.Id, folder.FullName, tried.Count, max, ex.Problem);
            throw;
        }
        catch (Exception) when (first)
        {
            // Not the mail's fault (a lost connection, a failing store, a stop): this try does not count.
            await UncountAsync(key, prior);
            throw;
        }

        await MarkSeenAsync(folder, uid, cancellationToken);
    }

    private async Task<IMessageSummary?> FetchSummaryAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        try
        {
            return (await folder.FetchAsync([uid], EmailMailFetcher.SummaryRequest, cancellationToken)).FirstOrDefault();
        }
        catch (Exception ex) when (IsTheMailsFault(ex))
        {
            throw new EmailUnreadableMessageException(uid.Id, Describe(ex), ex);
        }
    }

    private async Task UncountAsync(string key, EmailMessageAttempts prior)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock);
            await deadLetters.SetAttemptsAsync(key, prior, timeout.Token);
        }
        catch (Exception ex)
        {
            // The try then stays counted: one fewer left for this mail, nothing lost.
            logger.LogDebug("Could not take back the try on UID {Uid}: {Problem}", prior.Uid, ex.Message);
        }
    }

    /// <summary>Gives up on a mail: on the dead-letter list, logged once, and the checkpoint moves past it. It stays in the folder.</summary>
    private async Task SkipAsync(IMailFolder folder, string key, EmailMailboxCheckpoint next, string problem, int attempts, CancellationToken cancellationToken)
    {
        await deadLetters.AddAsync(key, new EmailDeadLetter(next.LastUid, next.UidValidity, folder.FullName, problem, clock.GetUtcNow()), cancellationToken);
        await cursors.SetAsync(key, next.ToString(), cancellationToken);
        logger.LogError("Email UID {Uid} (UIDVALIDITY {UidValidity}) of {Folder} skipped after {Attempts} failed tries and put on the dead-letter list " +
            "(shown in /health/ready); it stays in the folder, unread by Inbox. Last problem: {Problem}",
            next.LastUid, next.UidValidity, folder.FullName, attempts, problem);
    }

    private async Task HandleAsync(IMailFolder folder, IMessageSummary summary, string key, EmailMailboxCheckpoint next, CancellationToken cancellationToken)
    {
        EmailInboundItem item;
        try
        {
            item = converter.Convert(await fetcher.FetchAsync(folder, summary, cancellationToken));
        }
        catch (Exception ex) when (IsTheMailsFault(ex))
        {
            throw new EmailUnreadableMessageException(summary.UniqueId.Id, Describe(ex), ex);
        }

        switch (item)
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

    /// <summary>
    /// Whether reading one mail failed because of the mail: the server refused its FETCH (NO/BAD), or ended the session in
    /// the middle of it (Dovecot answers a mail it cannot read with <c>* BYE FETCH failed</c>), or its content did not parse
    /// or convert. Not: the network (I/O, sockets, timeouts), a session already gone, or a stop.
    /// </summary>
    private static bool IsTheMailsFault(Exception ex) => ex switch
    {
        ImapCommandException or ImapProtocolException => true,
        OperationCanceledException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or FolderNotOpenException or TimeoutException or ObjectDisposedException => false,
        _ => true,
    };

    private static string Describe(Exception ex)
    {
        var text = ex switch
        {
            ImapCommandException refused => $"the server refused the FETCH ({refused.Response}: {refused.ResponseText})",
            ImapProtocolException ended => $"the server ended the session during the FETCH ({ended.Message})",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
        return text.Length <= 300 ? text : text[..300] + "…";
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
