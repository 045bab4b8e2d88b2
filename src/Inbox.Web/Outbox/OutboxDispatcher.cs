using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Options;
using Inbox.Identity;

namespace Inbox.Web.Outbox;

/// <summary>
/// Delivers queued replies through their channel's connector. Every state change goes through the conversation,
/// so the operator sees it live: sent, failed with a reason, or queued again with the reason of the last attempt.
/// Passing failures are retried with exponential backoff; after <see cref="OutboxOptions.MaxAttempts"/> the message fails.
/// An entry is removed only after its final state is stored, so a crash re-sends rather than loses (the message id stays the same).
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox,
    IAttachmentStore attachments,
    IIdentityReachability reachability,
    IGrainFactory grains,
    IEnumerable<IOutboundChannel> channels,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, IOutboundChannel> _channels = channels
        .GroupBy(c => c.Channel, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<OutboxEntry> due = [];
            try
            {
                due = await outbox.LeaseDueOutboxAsync(clock.GetUtcNow(), settings.Concurrency * 4, settings.Lease, stoppingToken);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = stoppingToken },
                    async (entry, ct) => await DeliverAsync(entry, ct));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox dispatcher failed a round; it tries again");
            }

            if (due.Count == 0)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var attempt = entry.Attempts + 1;
        DeliveryOutcome outcome;
        if (!_channels.TryGetValue(entry.Channel, out var channel))
        {
            outcome = new DeliveryOutcome.Failed($"The {entry.Channel} channel is not configured on this installation.");
        }
        else if (!ChannelIdentity.TryParse(entry.Recipient, out var recipient))
        {
            outcome = new DeliveryOutcome.Failed($"'{entry.Recipient}' is not an address this channel can send to.");
        }
        else
        {
            try
            {
                var files = entry.Attachments?.Select(a => new OutboundAttachment(a.AttachmentId, a.FileName, a.ContentType, a.Size,
                    async ct => await attachments.OpenAsync(a.AttachmentId, ct) ?? throw new FileNotFoundException($"Attachment {a.AttachmentId} is missing."))).ToList();
                outcome = await channel.SendAsync(new OutboundMessage(entry.MessageId, entry.ConversationId, entry.Channel, recipient, entry.Text, attempt, entry.CreatedAt, files)
                {
                    IsAutomated = entry.Automated,
                    Choices = entry.Choices?.Select(c => new OutboundChoice(c.Label, c.Data)).ToList(),
                }, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = new DeliveryOutcome.Retry($"{ex.GetType().Name}: {ex.Message}");
            }
        }

        var conversation = grains.Reference<IConversationGrain>(entry.ConversationId);
        switch (outcome)
        {
            case DeliveryOutcome.Sent sent:
                await conversation.RecordDeliveryAsync(entry.MessageId, DeliveryState.Sent, null, sent.ProviderMessageId);
                await outbox.CompleteOutboxAsync(entry.MessageId, cancellationToken);
                break;
            case DeliveryOutcome.Delivered delivered:
                await conversation.RecordDeliveryAsync(entry.MessageId, DeliveryState.Delivered, null, delivered.ProviderMessageId);
                await outbox.CompleteOutboxAsync(entry.MessageId, cancellationToken);
                break;
            case DeliveryOutcome.Failed failed:
                logger.LogWarning("Reply {MessageId} via {Channel} failed: {Reason}", entry.MessageId, entry.Channel, failed.Reason);
                if (failed.RecipientUnreachable && ChannelIdentity.TryParse(entry.Recipient, out var unreachable))
                {
                    await reachability.SetReachableAsync(entry.Channel, unreachable, false, failed.Reason, cancellationToken);
                }

                await conversation.RecordDeliveryAsync(entry.MessageId, DeliveryState.Failed, failed.Reason, null);
                await outbox.CompleteOutboxAsync(entry.MessageId, cancellationToken);
                break;
            case DeliveryOutcome.Retry retry when attempt >= options.Value.MaxAttempts:
                logger.LogWarning("Reply {MessageId} via {Channel} gave up after {Attempts} attempts: {Reason}", entry.MessageId, entry.Channel, attempt, retry.Reason);
                await conversation.RecordDeliveryAsync(entry.MessageId, DeliveryState.Failed, $"gave up after {attempt} attempts; last: {retry.Reason}", null);
                await outbox.CompleteOutboxAsync(entry.MessageId, cancellationToken);
                break;
            case DeliveryOutcome.Retry retry:
                var delay = retry.After ?? Backoff(attempt);
                var next = clock.GetUtcNow() + delay;
                logger.LogInformation("Reply {MessageId} via {Channel}: attempt {Attempt} failed ({Reason}); next try in {Delay}", entry.MessageId, entry.Channel, attempt, retry.Reason, delay);
                await conversation.RecordDeliveryAsync(entry.MessageId, DeliveryState.Queued, $"attempt {attempt} failed: {retry.Reason}; retrying at {next:O}", null);
                await outbox.RescheduleOutboxAsync(entry.MessageId, attempt, next, retry.Reason, cancellationToken);
                break;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var settings = options.Value;
        var exponential = settings.BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = exponential > settings.MaxDelay ? settings.MaxDelay : exponential;
        // up to 20% jitter so that many failed messages do not retry in lockstep
        return capped + capped * (Random.Shared.NextDouble() * 0.2);
    }
}
