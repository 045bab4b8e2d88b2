using System.Globalization;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// Customer satisfaction in the conversation grain, run against each provider by a subclass: the request after a person's
/// resolve, the answer as a button press or a typed digit, once, without reopening; and what is not an answer.
/// </summary>
public abstract class CsatGrainTests(ClusterFixture fixture)
{
    private static readonly ActingOperator Olga = new(Guid.NewGuid(), "Olga", Supervisor: false);

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    private IOutboxStore Outbox => fixture.SiloServices.GetRequiredService<IOutboxStore>();

    [Fact]
    public async Task A_person_resolving_a_telegram_conversation_sends_buttons_1_to_5_in_the_customers_language_and_records_the_request()
    {
        var (id, grain, identity) = await CustomerAsync("telegram", "Где мой заказ?");

        var resolved = await grain.ResolveAsync(Olga);

        Assert.Equal(ConversationStatus.Resolved, resolved.Status);
        var timeline = await TimelineAsync(id);
        var request = Assert.Single(timeline, m => m.Kind == MessageKind.Outbound);
        Assert.Equal(("telegram", identity, "csat"), (request.Channel, request.Identity, request.AuthorName));
        Assert.StartsWith("Спасибо за обращение!", request.Text);
        var asked = Assert.Single(timeline, m => Action(m) == TimelineActions.CsatRequested);
        Assert.Equal("telegram", asked.Metadata!["channel"]);
        Assert.Equal(resolved.LastSequence, asked.Sequence);
        var entry = Assert.Single(await DueAsync(), e => e.MessageId == request.MessageId);
        Assert.Equal(["1", "2", "3", "4", "5"], entry.Choices!.Select(c => c.Label));
        Assert.Equal(["csat:1", "csat:2", "csat:3", "csat:4", "csat:5"], entry.Choices!.Select(c => c.Data));
        Assert.True(entry.Automated);
    }

    [Fact]
    public async Task A_button_press_is_the_rating_once_and_the_conversation_stays_resolved()
    {
        var (id, grain, identity) = await CustomerAsync("telegram", "Where is my order?");
        await grain.ResolveAsync(Olga);

        var press = await grain.ReceiveAsync(new IncomingMessage("telegram", "callback:q1", identity, "Ivan", "csat:4", DateTimeOffset.UtcNow));
        var repeated = await grain.ReceiveAsync(new IncomingMessage("telegram", "callback:q1", identity, "Ivan", "csat:4", DateTimeOffset.UtcNow));
        var secondPress = await grain.ReceiveAsync(new IncomingMessage("telegram", "callback:q2", identity, "Ivan", "csat:1", DateTimeOffset.UtcNow));

        Assert.False(press.Duplicate);
        Assert.Equal(MessageKind.Event, press.Message.Kind);
        Assert.Equal(("csatRated", "4", "telegram"), (Action(press.Message), press.Message.Metadata!["rating"], press.Message.Metadata["channel"]));
        Assert.True(repeated.Duplicate);
        Assert.Equal(press.Message.MessageId, repeated.Message.MessageId);
        Assert.True(secondPress.Duplicate);
        Assert.Equal(ConversationStatus.Resolved, (await grain.GetAsync())!.Status);
        var timeline = await TimelineAsync(id);
        Assert.Single(timeline, m => Action(m) == TimelineActions.CsatRated);
        Assert.DoesNotContain(timeline, m => m.Kind == MessageKind.Inbound && m.Text.Contains("csat", StringComparison.Ordinal));
        var thanks = timeline.Last(m => m.Kind == MessageKind.Outbound);
        Assert.Equal(("Thank you for your rating!", identity), (thanks.Text, thanks.Identity));
    }

    [Fact]
    public async Task A_typed_digit_by_sms_is_the_rating_and_a_digit_after_it_is_an_ordinary_message_that_reopens()
    {
        var (id, grain, identity) = await CustomerAsync("sms", "Добрый день, где посылка?");
        await grain.ResolveAsync(Olga);
        var request = (await TimelineAsync(id)).Single(m => m.Kind == MessageKind.Outbound);
        Assert.Contains("ответьте одной цифрой", request.Text);

        var rated = await grain.ReceiveAsync(new IncomingMessage("sms", $"{id}-rate", identity, null, " 5! ", DateTimeOffset.UtcNow));
        Assert.Equal("5", rated.Message.Metadata!["rating"]);
        Assert.Equal(ConversationStatus.Resolved, (await grain.GetAsync())!.Status);

        var later = await grain.ReceiveAsync(new IncomingMessage("sms", $"{id}-again", identity, null, "3", DateTimeOffset.UtcNow));
        Assert.Equal(MessageKind.Inbound, later.Message.Kind);
        Assert.Equal(ConversationStatus.Queued, (await grain.GetAsync())!.Status);
        Assert.Single(await TimelineAsync(id), m => Action(m) == TimelineActions.CsatRated);
    }

    [Fact]
    public async Task Other_text_reopens_as_before_and_a_digit_after_it_rates_nothing()
    {
        var (id, grain, identity) = await CustomerAsync("whatsapp", "Привет");
        await grain.ResolveAsync(Olga);

        var other = await grain.ReceiveAsync(new IncomingMessage("whatsapp", $"{id}-other", identity, null, "5/5 спасибо", DateTimeOffset.UtcNow));
        await grain.ResolveAsync(); // resolved with no person (as a system would): no new request
        var digit = await grain.ReceiveAsync(new IncomingMessage("whatsapp", $"{id}-digit", identity, null, "5", DateTimeOffset.UtcNow));

        Assert.Equal(MessageKind.Inbound, other.Message.Kind);
        Assert.Equal(MessageKind.Inbound, digit.Message.Kind);
        Assert.Equal(ConversationStatus.Queued, (await grain.GetAsync())!.Status);
        var timeline = await TimelineAsync(id);
        Assert.Single(timeline, m => Action(m) == TimelineActions.CsatRequested);
        Assert.DoesNotContain(timeline, m => Action(m) == TimelineActions.CsatRated);
    }

    [Fact]
    public async Task A_digit_on_another_channel_than_the_one_asked_is_an_ordinary_message()
    {
        var (id, grain, _) = await CustomerAsync("telegram", "Вопрос");
        await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([ChannelIdentity.Parse("phone:+79160000001")], "Ivan");
        await grain.ResolveAsync(Olga);

        var sms = await grain.ReceiveAsync(new IncomingMessage("sms", $"{id}-sms", "phone:+79160000001", null, "4", DateTimeOffset.UtcNow));

        Assert.Equal(MessageKind.Inbound, sms.Message.Kind);
        Assert.Equal(ConversationStatus.Queued, (await grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task The_api_channel_a_second_resolve_and_an_unreachable_customer_get_no_request()
    {
        var (apiId, apiGrain, _) = await CustomerAsync("api", "hello");
        await apiGrain.ResolveAsync(Olga);
        var (tgId, tgGrain, _) = await CustomerAsync("telegram", "hello");
        await tgGrain.ResolveAsync(Olga);
        await tgGrain.ResolveAsync(Olga);
        var (blockedId, blockedGrain, blocked) = await CustomerAsync("vk", "hello");
        await fixture.Grains.GetGrain<ICustomerGrain>(blockedId).SetReachableAsync("vk", ChannelIdentity.Parse(blocked), false, "blocked");
        await blockedGrain.ResolveAsync(Olga);

        Assert.DoesNotContain(await TimelineAsync(apiId), m => m.Kind != MessageKind.Inbound);
        Assert.Single(await TimelineAsync(tgId), m => Action(m) == TimelineActions.CsatRequested);
        Assert.DoesNotContain(await TimelineAsync(blockedId), m => m.Kind != MessageKind.Inbound);
    }

    [Fact]
    public async Task An_email_answer_counts_by_its_text_above_the_quote()
    {
        var (id, grain, identity) = await CustomerAsync("email", "Hello, my parcel is late");
        await grain.ResolveAsync(Olga);
        var request = (await TimelineAsync(id)).Single(m => m.Kind == MessageKind.Outbound);
        Assert.Contains("reply with one digit", request.Text);

        var mail = await grain.ReceiveAsync(new IncomingMessage("email", $"<{id}@mail>", identity, null, "4\n\nOn Monday you wrote:\n> Please rate", DateTimeOffset.UtcNow,
            Metadata: new Dictionary<string, string> { ["display"] = "4" }));

        Assert.Equal("4", mail.Message.Metadata!["rating"]);
        Assert.Equal(ConversationStatus.Resolved, (await grain.GetAsync())!.Status);
    }

    private async Task<(Guid Id, IConversationGrain Grain, string Identity)> CustomerAsync(string channel, string text)
    {
        var id = Guid.NewGuid();
        var number = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var identity = channel switch
        {
            "sms" or "whatsapp" => $"phone:+7916{number[..7]}",
            "email" => $"email:c{number}@example.com",
            _ => $"{channel}:{number}",
        };
        await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([ChannelIdentity.Parse(identity)], "Ivan");
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(new IncomingMessage(channel, $"{id}-first", identity, "Ivan", text, DateTimeOffset.UtcNow));
        return (id, grain, identity);
    }

    private async Task<IReadOnlyList<TimelineMessage>> TimelineAsync(Guid id) => (await Queries.GetTimelineAsync(id, null, 100)).Messages;

    private Task<IReadOnlyList<OutboxEntry>> DueAsync() => Outbox.LeaseDueOutboxAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, TimeSpan.Zero);

    private static string? Action(TimelineMessage message) =>
        message.Kind == MessageKind.Event ? message.Metadata?.GetValueOrDefault(TimelineActions.Key) : null;
}
