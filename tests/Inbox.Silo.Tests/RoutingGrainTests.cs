using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>A bot-first silo of its own (its teams and rules route every conversation of it), for <see cref="RoutingGrainTests"/>.</summary>
public sealed class TeamRulesClusterFixture() : ClusterFixture(new Dictionary<string, string>());

/// <summary>
/// The bot's handoff gets its team by the stored rules (intent, language, possible victim); a victim is first in the queue
/// whatever its wait; a requeue keeps a conversation's team and place.
/// </summary>
public sealed class RoutingGrainTests(TeamRulesClusterFixture fixture) : IClassFixture<TeamRulesClusterFixture>, IAsyncLifetime
{
    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    public async Task InitializeAsync()
    {
        var teams = fixture.SiloServices.GetRequiredService<ITeamStore>();
        if ((await teams.ListAsync()).Count > 0)
        {
            return;
        }

        await teams.SaveAsync(new Team("email", "Email", ["email"], [], true, []));
        await teams.SaveAsync(new Team("fraud-response", "Fraud response", ["voice"], [], true, []));
        await teams.SaveAsync(new Team("orders", "Orders", [], ["ru", "en"], true, []));
        await teams.SaveAsync(new Team("support-uk", "Ukrainian desk", [], ["uk"], true, []));
        Assert.Empty(await teams.ReplaceRulesAsync(
        [
            new(null, null, null, true, "fraud-response"),
            new(null, ["fraud"], null, null, "fraud-response"),
            new(["email"], null, null, null, "email"),
            new(null, null, ["uk"], null, "support-uk"),
        ]));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A customer writes, the bot reads the message and hands over; the conversation as it is then.</summary>
    private async Task<ConversationSnapshot> HandedOverAsync(string text, string intent, string language, bool victim = false, string channel = "telegram")
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        var received = await grain.ReceiveAsync(new IncomingMessage(channel, $"{id:N}-1", channel == "email" ? $"email:{id:N}@example.com" : $"telegram:{Random.Shared.Next(1, int.MaxValue)}",
            "Customer", text, DateTimeOffset.UtcNow));
        Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);
        var handoff = new HandoffInfo(intent, null, null, victim, victim, "summary", victim ? 2 : 0, DateTimeOffset.UtcNow);
        Assert.True(await grain.RecordBotTurnAsync(new BotTurnRecord(received.Message.MessageId, new BotDecisionInfo(intent, 0.9, null, language), [], handoff, "", [])));
        await Task.Delay(TimeSpan.FromMilliseconds(5)); // distinct times of entering the queue
        return (await grain.GetAsync())!;
    }

    [Fact]
    public async Task A_handoff_gets_its_team_by_the_rules_and_starts_waiting()
    {
        var before = DateTimeOffset.UtcNow;
        var ukrainian = await HandedOverAsync("Де моє замовлення?", "order_status", "uk");
        var russian = await HandedOverAsync("Где мой заказ?", "order_status", "ru");
        var fraud = await HandedOverAsync("Мне пишут от имени магазина", "fraud", "ru");
        var email = await HandedOverAsync("Where is my order?", "order_status", "en", channel: "email");
        var unknownLanguage = await HandedOverAsync("👋", "human", "");

        Assert.Equal(("support-uk", ConversationStatus.Queued), (ukrainian.Team, ukrainian.Status));
        Assert.Equal("orders", russian.Team); // no rule: the first team by key whose skills cover telegram and ru
        Assert.Equal("fraud-response", fraud.Team);
        Assert.Equal("email", email.Team);
        Assert.Equal("orders", unknownLanguage.Team); // no rule, no language: the first team by key covering telegram
        Assert.InRange(ukrainian.QueuedAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.True(russian.QueuedAt > ukrainian.QueuedAt);
    }

    [Fact]
    public async Task A_victim_goes_to_fraud_response_first_in_the_queue_and_a_requeue_keeps_the_place()
    {
        var first = await HandedOverAsync("Where is my parcel?", "order_status", "en");
        var second = await HandedOverAsync("Can I change the address?", "order_status", "en");
        var victim = await HandedOverAsync("I gave them the code from the SMS", "fraud", "en", victim: true);
        var ours = new HashSet<Guid> { first.ConversationId, second.ConversationId, victim.ConversationId };

        Assert.Equal("fraud-response", victim.Team);
        Assert.Equal([victim.ConversationId, first.ConversationId, second.ConversationId], await QueueAsync(ours, null));
        Assert.Equal([victim.ConversationId], await QueueAsync(ours, "fraud-response"));

        // The first conversation's operator goes offline: it comes back to the place it had, in its team.
        var operatorId = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(first.ConversationId);
        await grain.AssignAsync(operatorId);
        Assert.Equal([victim.ConversationId, second.ConversationId], await QueueAsync(ours, null));
        var requeued = await grain.RequeueFromAsync(operatorId);

        Assert.Equal((ConversationStatus.Queued, "orders", first.QueuedAt), (requeued.Status, requeued.Team, requeued.QueuedAt));
        Assert.Equal([victim.ConversationId, first.ConversationId, second.ConversationId], await QueueAsync(ours, null));
    }

    [Fact]
    public async Task A_resolved_conversation_reopened_into_the_queue_is_routed_again_and_waits_from_then()
    {
        var handed = await HandedOverAsync("Де моє замовлення?", "order_status", "uk");
        var grain = fixture.Grains.GetGrain<IConversationGrain>(handed.ConversationId);
        await grain.ResolveAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(5));

        var reopened = await grain.ReopenAsync();

        Assert.Equal((ConversationStatus.Queued, "support-uk"), (reopened.Status, reopened.Team)); // its language read from the latest message
        Assert.True(reopened.QueuedAt > handed.QueuedAt);
    }

    private async Task<List<Guid>> QueueAsync(IReadOnlySet<Guid> ours, string? team)
    {
        var page = await Queries.ListConversationsAsync(new ConversationQuery([ConversationStatus.Queued], null, false, 0, 10_000, team));
        return page.Items.Select(i => i.Conversation.ConversationId).Where(ours.Contains).ToList();
    }
}
