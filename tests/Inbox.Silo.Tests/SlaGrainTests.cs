using System.Globalization;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// SLA clocks in conversation grains (bot off: a new conversation waits in the queue), under a policy of seconds around the
/// clock: first response in 2 s, resolution in 3 s. The breach is recorded once however many times the grain is asked at
/// once (the watcher is not in this cluster; the tests ask as it does); the first operator reply and the resolve stop them.
/// </summary>
public sealed class SlaGrainTests(SlaGrainTests.Fixture fixture) : IClassFixture<SlaGrainTests.Fixture>
{
    public sealed class Fixture() : ClusterFixture(new Dictionary<string, string>
    {
        ["Chatbot:Enabled"] = "false",
        ["Sla:Policies:0:FirstResponse"] = "00:00:02",
        ["Sla:Policies:0:Resolution"] = "00:00:03",
    });

    private RecordingPublisher Publisher => fixture.SiloServices.GetRequiredService<RecordingPublisher>();

    private ISlaStore Clocks => fixture.SiloServices.GetRequiredService<ISlaStore>();

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    private static IncomingMessage Incoming(string externalId, string text = "hello") => new("api", externalId, "api:c1", "Ivan", text, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_waiting_conversation_breaches_each_target_once_however_often_it_is_asked()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1"));
        var queuedAt = (await grain.GetAsync())!.QueuedAt!.Value;
        var clocks = await Clocks.GetClocksAsync(id);
        Assert.Equal([(SlaTargets.FirstResponse, queuedAt.AddSeconds(2)), (SlaTargets.Resolution, queuedAt.AddSeconds(3))],
            clocks.Select(c => (c.Target, c.DueAt)));

        await UntilAsync(queuedAt.AddSeconds(3.2));
        var recorded = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.RecordSlaDueAsync()));
        Assert.Equal(2, recorded.Sum());
        Assert.Equal(0, await grain.RecordSlaDueAsync());

        var items = await SlaItemsAsync(id);
        Assert.Equal([(TimelineActions.SlaBreached, SlaTargets.FirstResponse), (TimelineActions.SlaBreached, SlaTargets.Resolution)],
            items.Select(m => (m.Metadata![TimelineActions.Key], m.Metadata["target"])).Order());
        Assert.All(items, m => Assert.Equal("normal", m.Metadata!["priority"]));
        Assert.Contains(items, m => m.Metadata!["dueAt"] == queuedAt.AddSeconds(2).ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(2, Publisher.Of(id).Count(e => e.Type == LiveEventTypes.SlaBreached));
        Assert.Null(await NextDueOfAsync(id));
    }

    [Fact]
    public async Task The_first_operator_reply_and_the_resolve_stop_the_clocks_the_bots_answer_does_not()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1"));
        var queuedAt = (await grain.GetAsync())!.QueuedAt!.Value;

        await grain.ReplyAsync(new ReplyRequest(null, "bot", "A person will answer soon.", null, null));
        Assert.All(await Clocks.GetClocksAsync(id), c => Assert.Null(c.StoppedAt));
        var operatorId = Guid.NewGuid();
        await grain.ReplyAsync(new ReplyRequest(operatorId, "Olga", "Hello, I am looking.", null, null));
        await grain.ResolveAsync();

        var clocks = await Clocks.GetClocksAsync(id);
        Assert.All(clocks, c => Assert.NotNull(c.StoppedAt));
        Assert.All(clocks, c => Assert.Equal(queuedAt, c.StartedAt));
        Assert.Null(await NextDueOfAsync(id));
        await UntilAsync(queuedAt.AddSeconds(3.2));
        Assert.Equal(0, await grain.RecordSlaDueAsync());
        Assert.Empty(await SlaItemsAsync(id));

        // The customer writes again: a new episode with new clocks.
        await grain.ReceiveAsync(Incoming($"{id}-2", "one more thing"));
        var reopened = await grain.GetAsync();
        Assert.Equal(ConversationStatus.Assigned, reopened!.Status);
        Assert.True(reopened.QueuedAt > queuedAt);
        Assert.All(await Clocks.GetClocksAsync(id), c => Assert.Equal((reopened.QueuedAt, (DateTimeOffset?)null), (c.StartedAt, c.StoppedAt)));
    }

    private async Task<List<TimelineMessage>> SlaItemsAsync(Guid id) =>
        [.. (await Queries.GetTimelineAsync(id, null, 100)).Messages.Where(m => m.Kind == MessageKind.Event
            && m.Metadata?[TimelineActions.Key] is TimelineActions.SlaAtRisk or TimelineActions.SlaBreached)];

    private async Task<DateTimeOffset?> NextDueOfAsync(Guid id) => (await Clocks.GetClocksAsync(id)).Min(c => c.NextAt);

    /// <summary>Waits until the wall clock passes an instant the test computed (a due time), not for an effect.</summary>
    private static async Task UntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
