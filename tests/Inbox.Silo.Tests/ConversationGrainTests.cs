using Inbox.Identity;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>Run against each provider's stores by a subclass, in that provider's cluster.</summary>
public abstract class ConversationGrainTests(ClusterFixture fixture)
{
    private static IncomingMessage Incoming(string externalId, string text = "hello", string identity = "api:c1") =>
        new("api", externalId, identity, "Ivan", text, DateTimeOffset.UtcNow);

    private RecordingPublisher Publisher => fixture.SiloServices.GetRequiredService<RecordingPublisher>();

    private IConversationStore Store => fixture.SiloServices.GetRequiredService<IConversationStore>();

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    private IOutboxStore Outbox => fixture.SiloServices.GetRequiredService<IOutboxStore>();

    [Fact]
    public async Task Messages_are_numbered_in_order_and_each_raises_a_live_event()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);

        var first = await grain.ReceiveAsync(Incoming($"{id}-1", "first"));
        var second = await grain.ReceiveAsync(Incoming($"{id}-2", "second"));

        Assert.Equal(1, first.Message.Sequence);
        Assert.Equal(2, second.Message.Sequence);
        var state = await grain.GetAsync();
        Assert.Equal(ConversationStatus.Queued, state!.Status);
        Assert.Equal("api:c1", state.LastInboundIdentity);
        Assert.Equal([1L, 2], Publisher.Of(id).Select(e => e.Sequence));
        Assert.All(Publisher.Of(id), e => Assert.Equal(LiveEventTypes.MessageCreated, e.Type));
    }

    [Fact]
    public async Task A_redelivered_message_is_stored_once_and_raises_no_second_event()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);

        var first = await grain.ReceiveAsync(Incoming($"{id}-same"));
        var again = await grain.ReceiveAsync(Incoming($"{id}-same"));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Message.MessageId, again.Message.MessageId);
        Assert.Single((await Queries.GetTimelineAsync(id, null, 10)).Messages);
        Assert.Single(Publisher.Of(id));
    }

    [Fact]
    public async Task A_step_stored_by_another_activation_refuses_the_step_numbered_the_same_and_the_retry_comes_after_it()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        var first = await grain.ReceiveAsync(Incoming($"{id}-1", "first"));
        // Another activation of the conversation (a split cluster) stores step 2 behind this one's back.
        var other = (await grain.GetAsync())! with { LastSequence = 2 };
        var otherMessage = first.Message with { MessageId = Guid.NewGuid(), Sequence = 2, ExternalId = $"{id}-other", Text = "from the other activation" };
        await Store.CommitAsync(new ConversationCommit(other,
            [new LiveEvent(id, 2, LiveEventTypes.MessageCreated, DateTimeOffset.UtcNow, other, otherMessage)], NewMessage: otherMessage));

        await Assert.ThrowsAsync<StepConflictException>(() => grain.ReceiveAsync(Incoming($"{id}-3", "third")));
        var retried = await grain.ReceiveAsync(Incoming($"{id}-3", "third")); // the provider's redelivery

        Assert.Equal(3, retried.Message.Sequence);
        Assert.Equal(["first", "from the other activation", "third"], (await Queries.GetTimelineAsync(id, null, 10)).Messages.Select(m => m.Text));
        Assert.Equal([1L, 2, 3], (await Queries.GetEventsAsync(id, 0, 10)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Concurrent_messages_to_one_conversation_get_gapless_sequences()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => grain.ReceiveAsync(Incoming($"{id}-c{i}"))));

        var timeline = await Queries.GetTimelineAsync(id, null, 100);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), timeline.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_reply_is_queued_to_where_the_customer_last_wrote_and_the_operator_takes_the_conversation()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1", identity: "api:c9"));
        var operatorId = Guid.NewGuid();

        var reply = await grain.ReplyAsync(new ReplyRequest(operatorId, "Olga", "Your order ships today.", null, null));

        Assert.Equal(MessageKind.Outbound, reply.Kind);
        Assert.Equal(DeliveryState.Queued, reply.Delivery);
        Assert.Equal(("api", "api:c9"), (reply.Channel, reply.Identity));
        var state = await grain.GetAsync();
        Assert.Equal(ConversationStatus.Assigned, state!.Status);
        Assert.Equal(operatorId, state.AssigneeId);
        var due = await Outbox.LeaseDueOutboxAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, TimeSpan.FromSeconds(1));
        Assert.Contains(due, e => e.MessageId == reply.MessageId && e.Recipient == "api:c9" && e.Text == "Your order ships today.");
    }

    [Fact]
    public async Task A_reply_to_an_identity_the_customer_does_not_own_is_refused()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([ChannelIdentity.Parse("api:own")], "Ivan");
        await grain.ReceiveAsync(Incoming($"{id}-1", identity: "api:own"));

        var refused = await Assert.ThrowsAsync<ConversationInputException>(() =>
            grain.ReplyAsync(new ReplyRequest(Guid.NewGuid(), "Olga", "hi", "sms", "phone:+79160000000")));
        Assert.Equal("identity", refused.Field);
        Assert.Contains("not one of this customer's identities", refused.Message);

        var allowed = await grain.ReplyAsync(new ReplyRequest(Guid.NewGuid(), "Olga", "hi", "api", "api:own"));
        Assert.Equal("api:own", allowed.Identity);
    }

    [Fact]
    public async Task Replying_before_the_customer_wrote_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await Assert.ThrowsAsync<ConversationException>(() => grain.ReplyAsync(new ReplyRequest(Guid.NewGuid(), "Olga", "hi", null, null)));
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Assign_resolve_and_a_new_message_reopen_the_conversation()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1"));
        var operatorId = Guid.NewGuid();

        Assert.Equal(ConversationStatus.Assigned, (await grain.AssignAsync(operatorId)).Status);
        Assert.Equal(ConversationStatus.Resolved, (await grain.ResolveAsync()).Status);
        await grain.ReceiveAsync(Incoming($"{id}-2", "one more question"));
        var reopened = await grain.GetAsync();
        Assert.Equal(ConversationStatus.Assigned, reopened!.Status);
        Assert.Equal(operatorId, reopened.AssigneeId);

        var queued = await grain.AssignAsync(null);
        Assert.Equal(ConversationStatus.Queued, queued.Status);
        Assert.Null(queued.AssigneeId);
        Assert.Equal(
            [LiveEventTypes.MessageCreated, LiveEventTypes.ConversationChanged, LiveEventTypes.ConversationChanged, LiveEventTypes.MessageCreated, LiveEventTypes.ConversationChanged],
            Publisher.Of(id).Select(e => e.Type));
    }

    [Fact]
    public async Task A_colleagues_conversation_is_changed_only_by_a_supervisor_or_a_take_over_and_that_is_recorded()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1"));
        var holder = Guid.NewGuid();
        var colleague = new ActingOperator(Guid.NewGuid(), "Olga", Supervisor: false);
        await grain.AssignAsync(holder, new ActingOperator(holder, "Ivan", Supervisor: false));

        var refused = await Assert.ThrowsAsync<ConversationHeldException>(() => grain.AssignAsync(colleague.OperatorId, colleague));
        Assert.Equal(holder, refused.AssigneeId);
        await Assert.ThrowsAsync<ConversationHeldException>(() => grain.ResolveAsync(colleague));
        await Assert.ThrowsAsync<ConversationHeldException>(() => grain.ReplyAsync(new ReplyRequest(colleague.OperatorId, "Olga", "hi", null, null, By: colleague)));
        Assert.Equal(2, (await grain.GetAsync())!.LastSequence);

        var taken = await grain.AssignAsync(colleague.OperatorId, colleague with { TakeOver = true });

        Assert.Equal(colleague.OperatorId, taken.AssigneeId);
        var raised = Publisher.Of(id).Last();
        Assert.Equal(LiveEventTypes.TakenOver, raised.Type);
        Assert.Equal((MessageKind.Event, "takeOver", holder.ToString()), (raised.Message!.Kind, raised.Message.Metadata!["action"], raised.Message.Metadata["previousAssigneeId"]));
        Assert.StartsWith("Olga took over the conversation from ", raised.Message.Text, StringComparison.Ordinal);
        var stored = await Store.GetMessageAsync(raised.Message.MessageId);
        Assert.Equal((MessageKind.Event, raised.Message.Text, "takeOver"), (stored!.Kind, stored.Text, stored.Metadata!["action"]));
        var byHolder = await Assert.ThrowsAsync<ConversationHeldException>(() => grain.ResolveAsync(new ActingOperator(holder, "Ivan", Supervisor: false)));
        Assert.Equal(colleague.OperatorId, byHolder.AssigneeId);
        Assert.Equal(ConversationStatus.Resolved, (await grain.ResolveAsync(new ActingOperator(Guid.NewGuid(), "Boss", Supervisor: true))).Status);
    }

    [Fact]
    public async Task Delivery_states_only_move_forward()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1"));
        var reply = await grain.ReplyAsync(new ReplyRequest(Guid.NewGuid(), "Olga", "hi", null, null));

        await grain.RecordDeliveryAsync(reply.MessageId, DeliveryState.Delivered, null, "provider-1");
        await grain.RecordDeliveryAsync(reply.MessageId, DeliveryState.Sent, null, null);
        await grain.RecordDeliveryAsync(reply.MessageId, DeliveryState.Failed, "late failure", null);

        var stored = await Store.GetMessageAsync(reply.MessageId);
        Assert.Equal(DeliveryState.Delivered, stored!.Delivery);
        Assert.Equal("provider-1", stored.ExternalId);
        Assert.Single(Publisher.Of(id), e => e.Type == LiveEventTypes.MessageDelivery);
    }

    [Fact]
    public async Task The_conversation_state_survives_deactivation()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1"));
        await grain.ResolveAsync();

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var state = await fixture.Grains.GetGrain<IConversationGrain>(id).GetAsync();
        Assert.Equal(ConversationStatus.Resolved, state!.Status);
        Assert.Equal(2, state.LastSequence);
        var next = await fixture.Grains.GetGrain<IConversationGrain>(id).ReceiveAsync(Incoming($"{id}-2"));
        Assert.Equal(3, next.Message.Sequence);
    }

    [Fact]
    public async Task A_grain_started_with_the_new_conversation_hint_reads_no_row_and_a_wrong_hint_loses_nothing()
    {
        var id = Guid.NewGuid();
        await fixture.Grains.GetGrain<IConversationGrain>(id).ReceiveAsync(Incoming($"{id}-1"));
        var collect = () => fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The hint names one conversation: another grain started under it reads its row.
        await collect();
        using (NewConversationHint.For(Guid.NewGuid()))
        {
            Assert.Equal(1, (await fixture.Grains.GetGrain<IConversationGrain>(id).GetAsync())!.LastSequence);
        }

        // Hinted, the grain starts as a new conversation (the row is there, so the hint is wrong) ...
        await collect();
        using (NewConversationHint.For(id))
        {
            Assert.Null(await fixture.Grains.GetGrain<IConversationGrain>(id).GetAsync());
            // ... and its first step, numbered 1, is refused by the store, which holds a step 1,
            await Assert.ThrowsAsync<StepConflictException>(() => fixture.Grains.GetGrain<IConversationGrain>(id).ReceiveAsync(Incoming($"{id}-2", "second")));
        }

        // ... after which the activation left, and the next one reads the row and numbers on from it.
        var retried = await fixture.Grains.GetGrain<IConversationGrain>(id).ReceiveAsync(Incoming($"{id}-2", "second"));
        Assert.Equal(2, retried.Message.Sequence);
        Assert.Equal(["hello", "second"], (await Queries.GetTimelineAsync(id, null, 10)).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_reply_or_note_repeated_under_its_idempotency_key_is_stored_once_and_the_first_comes_back()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1", "Where is my order?"));
        var operatorId = Guid.NewGuid();
        var reply = new ReplyRequest(operatorId, "Olga", "It ships today.", null, null, IdempotencyKey: "reply-key");

        var replies = await Task.WhenAll(grain.ReplyAsync(reply), grain.ReplyAsync(reply), grain.ReplyAsync(reply));
        var notes = await Task.WhenAll(grain.AddNoteAsync(operatorId, "Olga", "Checked", "note-key"), grain.AddNoteAsync(operatorId, "Olga", "Checked", "note-key"));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => grain.ReplyAsync(reply with { Text = "Another text" }));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => grain.AddNoteAsync(operatorId, "Olga", "It ships today.", "reply-key"));

        Assert.Single(replies.Select(r => r.MessageId).Distinct());
        Assert.Single(notes.Select(n => n.MessageId).Distinct());
        var timeline = (await Queries.GetTimelineAsync(id, null, 10)).Messages;
        Assert.Single(timeline, m => m.Kind == MessageKind.Outbound);
        Assert.Single(timeline, m => m.Kind == MessageKind.Note);
        Assert.Equal(3, timeline.Count);
        Assert.Equal(3, Publisher.Of(id).Count(e => e.Type == LiveEventTypes.MessageCreated));
        Assert.Single(await Outbox.LeaseDueOutboxAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, TimeSpan.FromSeconds(1)), e => e.ConversationId == id);
    }

    [Fact]
    public async Task The_customers_last_message_stays_the_preview_over_replies_and_automated_messages()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(Incoming($"{id}-1", "Where is my order?"));
        await grain.ReplyAsync(new ReplyRequest(Guid.NewGuid(), "Olga", "It ships today.", null, null));
        await grain.ReceiveAsync(Incoming($"{id}-2", "I am out of office") with { Automated = true });

        var state = (await grain.GetAsync())!;
        var stored = (await Store.GetConversationAsync(id))!;

        Assert.Equal("Where is my order?", state.LastInboundPreview);
        Assert.Equal("I am out of office", state.LastMessagePreview);
        Assert.Equal(state.LastInboundPreview, stored.LastInboundPreview);
        Assert.Equal(state.LastInboundAt, stored.LastInboundAt);
        Assert.True(state.LastInboundAt < state.LastMessageAt);
    }
}
