using System.Globalization;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Silo.Csat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Grains;

/// <summary>
/// Customer satisfaction. When a person resolves the conversation, the customer is asked for a rating 1–5 where they last
/// wrote from (<see cref="CsatOptions.IsOn"/>): an automated reply through the outbox, with buttons for the channels that
/// show them, and a <see cref="TimelineActions.CsatRequested"/> item. Their answer within <see cref="CsatOptions.AnswerWindow"/>
/// (a button press, or a message that is only a digit, on the channel asked) becomes one <see cref="TimelineActions.CsatRated"/>
/// item and neither reopens the conversation nor wakes the bot. The first answer counts: another button press of the same
/// request is ignored, and a digit typed after the rating (or after the window) is an ordinary message.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>The author name of the rating request and the thanks on the timeline.</summary>
    public const string CsatAuthor = "csat";

    /// <summary>The metadata keys of the satisfaction items besides <see cref="TimelineActions.Key"/>.</summary>
    public const string CsatRatingKey = "rating";
    public const string CsatChannelKey = "channel";

    /// <summary>How many of the newest timeline items are searched for the pending request.</summary>
    private const int CsatLookBack = 50;

    /// <summary>The channel name of event items.</summary>
    private const string EventChannel = "event";

    private CsatOptions CsatSettings => ServiceProvider.GetRequiredService<IOptions<CsatOptions>>().Value;

    /// <summary>
    /// Asks for a rating after a person resolved the conversation: not for a merged-away conversation, a customer who never
    /// wrote, a channel switched off, or an identity the channel cannot reach now. Returns the conversation after it.
    /// </summary>
    private async Task<ConversationSnapshot> AskForRatingAsync(ConversationSnapshot resolved)
    {
        var settings = CsatSettings;
        if (_state is not { Status: ConversationStatus.Resolved, MergedInto: null, LastInboundChannel: { } channel, LastInboundIdentity: { } identity } current
            || !settings.IsOn(channel))
        {
            return _state ?? resolved;
        }

        if (ChannelIdentity.TryParse(identity, out var address)
            && await GrainFactory.Reference<ICustomerGrain>(current.CustomerId).GetAsync() is { } card && card.IsUnreachable(channel, address))
        {
            return current;
        }

        var recent = await RecentAsync(current.ConversationId);
        var language = CsatLanguage.Of(recent, settings.DefaultLanguage);
        var request = await ReplyAsync(new ReplyRequest(null, CsatAuthor, CsatTexts.Request(language, CsatAnswers.ShowsButtons(channel)), null, null,
            Choices: CsatAnswers.Buttons));
        await AddCsatEventAsync(_state!, $"The customer was asked to rate the conversation ({channel}).", null, null, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TimelineActions.Key] = TimelineActions.CsatRequested,
            [CsatChannelKey] = channel,
            ["identity"] = identity,
            ["requestMessageId"] = request.MessageId.ToString(),
            ["language"] = language,
        });
        return _state!;
    }

    /// <summary>
    /// Takes a rating out of the inbound flow. Returns the result when <paramref name="incoming"/> was one (or a repeat of
    /// one); otherwise null and the message to store as usual: itself, or for a button press that no longer counts, its digit.
    /// </summary>
    private async Task<(ReceiveResult? Rated, IncomingMessage Incoming)> TakeRatingAsync(IncomingMessage incoming)
    {
        var button = CsatAnswers.FromButton(incoming.Text);
        var answer = button ?? (incoming.Automated ? null : CsatAnswers.FromText(incoming.Metadata?.GetValueOrDefault("display") ?? incoming.Text));
        if (answer is not { } value || _state is not { } current)
        {
            return (null, incoming);
        }

        var externalId = $"{incoming.Channel}:{incoming.ExternalId}";
        if (await store.FindByExternalIdAsync(EventChannel, externalId, MessageKind.Event) is { } repeated && repeated.ConversationId == current.ConversationId)
        {
            return (new ReceiveResult(repeated, Duplicate: true), incoming);
        }

        var (pending, rated) = await PendingRatingAsync(current, incoming.Channel);
        if (pending is null)
        {
            // A second press of the request's buttons is ignored; a late one is the digit it shows, an ordinary message.
            return rated is not null && button is not null
                ? (new ReceiveResult(rated, Duplicate: true), incoming)
                : (null, button is null ? incoming : incoming with { Text = value.ToString(CultureInfo.InvariantCulture) });
        }

        var rating = value.ToString(CultureInfo.InvariantCulture);
        var item = await AddCsatEventAsync(current, $"The customer rated the conversation {rating} of {CsatAnswers.Highest} ({incoming.Channel}).",
            incoming, externalId, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TimelineActions.Key] = TimelineActions.CsatRated,
                [CsatRatingKey] = rating,
                [CsatChannelKey] = incoming.Channel,
                ["requestMessageId"] = pending.Metadata?.GetValueOrDefault("requestMessageId") ?? "",
            });
        if (CsatSettings.ThankYou)
        {
            var language = pending.Metadata?.GetValueOrDefault("language") ?? CsatSettings.DefaultLanguage;
            try
            {
                await ReplyAsync(new ReplyRequest(null, CsatAuthor, CsatTexts.Thanks(language), incoming.Channel, incoming.FromIdentity));
            }
            catch (ConversationException)
            {
                // the identity is no longer the customer's (an unmerge meanwhile): the rating stands, the thanks is left out
            }
        }

        return (new ReceiveResult(item, Duplicate: false), incoming);
    }

    /// <summary>
    /// The request an answer on <paramref name="channel"/> rates now: the newest satisfaction item, when it is a request on
    /// that channel within the window, the conversation is still resolved and the customer has not written since. Else
    /// null, with the rating when the newest satisfaction item is one.
    /// </summary>
    private async Task<(TimelineMessage? Pending, TimelineMessage? Rated)> PendingRatingAsync(ConversationSnapshot current, string channel)
    {
        if (current.Status != ConversationStatus.Resolved || current.MergedInto is not null)
        {
            return (null, null);
        }

        foreach (var item in await RecentAsync(current.ConversationId))
        {
            if (item.Kind == MessageKind.Inbound && !item.Automated)
            {
                return (null, null); // the customer wrote since: the conversation was reopened after that request
            }

            switch (item.Kind == MessageKind.Event ? item.Metadata?.GetValueOrDefault(TimelineActions.Key) : null)
            {
                case TimelineActions.CsatRated:
                    return (null, item);
                case TimelineActions.CsatRequested:
                    var inTime = clock.GetUtcNow() - item.CreatedAt <= CsatSettings.AnswerWindow;
                    return (inTime && item.Metadata?.GetValueOrDefault(CsatChannelKey) == channel ? item : null, null);
            }
        }

        return (null, null);
    }

    /// <summary>The newest items of the timeline, newest first.</summary>
    private async Task<IReadOnlyList<TimelineMessage>> RecentAsync(Guid conversationId)
    {
        var page = await ServiceProvider.GetRequiredService<IConversationQueries>().GetTimelineAsync(conversationId, null, CsatLookBack);
        return [.. page.Messages.Reverse()];
    }

    private async Task<TimelineMessage> AddCsatEventAsync(ConversationSnapshot current, string text, IncomingMessage? answer, string? externalId,
        Dictionary<string, string> metadata)
    {
        var now = clock.GetUtcNow();
        var item = new TimelineMessage(StoreIds.New(), current.ConversationId, NextSequence(current), MessageKind.Event, EventChannel, answer?.FromIdentity, externalId,
            text, null, answer?.SenderName ?? CsatAuthor, null, null, now, now, Metadata: metadata);
        await CommitAsync(current, LiveEventTypes.MessageCreated, now, newMessage: item);
        return item;
    }
}
