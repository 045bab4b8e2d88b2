using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Tests;

/// <summary>The message store's suite, run against each provider by a subclass: a fresh store (file or database) per test.</summary>
public abstract class MessageStoreTests : StoreTestBase
{
    [Fact]
    public async Task A_committed_message_is_on_the_timeline_and_in_the_events()
    {
        var id = Guid.NewGuid();
        var commit = Samples.Inbound(id, 1, "m-1", "Where is my order 1048576?");

        var outcome = await Store.Conversations.CommitAsync(commit);

        Assert.False(outcome.Duplicate);
        var page = await Store.Queries.GetTimelineAsync(id, null, 50);
        var stored = Assert.Single(page.Messages);
        Assert.Equal(commit.NewMessage, stored);
        var events = await Store.Queries.GetEventsAsync(id, 0, 10);
        Assert.Equal(commit.Events, events);
        Assert.Equal(ConversationStatus.Queued, (await Store.Conversations.GetConversationAsync(id))!.Status);
    }

    [Fact]
    public async Task A_conversations_team_and_time_it_was_queued_are_stored_and_read_back()
    {
        var id = Guid.NewGuid();
        var first = Samples.Inbound(id, 1, "team-1");
        await Store.Conversations.CommitAsync(first);
        var queuedAt = new DateTimeOffset(2026, 12, 2, 9, 30, 15, 123, TimeSpan.Zero);
        var routed = first.Conversation with { LastSequence = 2, Team = "fraud-response", QueuedAt = queuedAt };

        await Store.Conversations.CommitAsync(new ConversationCommit(routed, []));

        var stored = (await Store.Conversations.GetConversationAsync(id))!;
        Assert.Equal("fraud-response", stored.Team);
        Assert.Equal(queuedAt, stored.QueuedAt);
    }

    [Fact]
    public async Task The_queue_is_counted_by_team_with_the_oldest_entry_time_leaving_out_other_statuses_and_merged_conversations()
    {
        var q = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        async Task Conversation(Func<ConversationSnapshot, ConversationSnapshot> state)
        {
            var id = Guid.NewGuid();
            var commit = Samples.Inbound(id, 1, $"{id}");
            await Store.Conversations.CommitAsync(commit with { Conversation = state(commit.Conversation) });
        }

        await Conversation(c => c with { Team = "orders", QueuedAt = q.AddMinutes(5) });
        await Conversation(c => c with { Team = "orders", QueuedAt = q.AddMinutes(2) });
        await Conversation(c => c with { Team = "orders", QueuedAt = q, Status = ConversationStatus.Assigned, AssigneeId = Guid.NewGuid() });
        await Conversation(c => c with { Team = "orders", QueuedAt = q, MergedInto = Guid.NewGuid() });
        await Conversation(c => c with { QueuedAt = q.AddMinutes(7) });
        await Conversation(c => c with { Team = "fraud", QueuedAt = null }); // queued before entry times were kept: its last message counts
        await Conversation(c => c with { QueuedAt = null }); // the same, in a queue whose other conversation has an entry time

        var counted = (await Store.Queries.CountQueuedByTeamAsync()).OrderBy(t => t.Team, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [
                new QueuedTeam(null, 2, Samples.Start.AddSeconds(1)),
                new QueuedTeam("fraud", 1, Samples.Start.AddSeconds(1)),
                new QueuedTeam("orders", 2, q.AddMinutes(2)),
            ],
            counted);
    }

    [Fact]
    public async Task The_same_external_id_twice_stores_one_message_and_returns_the_first()
    {
        var id = Guid.NewGuid();
        var first = Samples.Inbound(id, 1, "dup-1");
        await Store.Conversations.CommitAsync(first);

        var again = await Store.Conversations.CommitAsync(Samples.Inbound(id, 2, "dup-1"));

        Assert.True(again.Duplicate);
        Assert.Equal(first.NewMessage!.MessageId, again.Existing!.MessageId);
        Assert.Single((await Store.Queries.GetTimelineAsync(id, null, 50)).Messages);
        Assert.Single(await Store.Queries.GetEventsAsync(id, 0, 10));
        Assert.Equal(1, (await Store.Conversations.GetConversationAsync(id))!.LastSequence);
    }

    [Fact]
    public async Task A_first_message_claims_its_senders_identity_and_is_refused_whole_when_another_customer_owns_it()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var identity = $"phone:+7916{Random.Shared.Next(1000000, 9999999)}";
        var listing = (Guid customer) => new CustomerSummary(customer, "Ivan", [identity]);

        await Store.Conversations.CommitAsync(Samples.Inbound(first, 1, $"{first}-1") with { NewCustomer = listing(first), ClaimedIdentity = identity });
        await Assert.ThrowsAsync<IdentityClaimedException>(() =>
            Store.Conversations.CommitAsync(Samples.Inbound(second, 1, $"{second}-1") with { NewCustomer = listing(second), ClaimedIdentity = identity }));

        Assert.Equal(first, await Store.IdentityOwners.FindAsync(Identity.ChannelIdentity.Parse(identity)));
        Assert.Single((await Store.Queries.GetTimelineAsync(first, null, 10)).Messages);
        Assert.Empty((await Store.Queries.GetTimelineAsync(second, null, 10)).Messages);
        Assert.Null(await Store.Conversations.GetConversationAsync(second));
        Assert.Equal([first], (await Store.Directory.SearchAsync(identity, null, 10)).Select(c => c.CustomerId));
        Assert.Null(await Store.Directory.GetAsync(second));
    }

    [Fact]
    public async Task An_identitys_owner_is_read_with_whether_its_directory_row_lists_the_identity_and_a_name()
    {
        static (string Text, Identity.ChannelIdentity Identity) Next()
        {
            var text = $"phone:+7916{Random.Shared.Next(1000000, 9999999)}";
            return (text, Identity.ChannelIdentity.Parse(text));
        }

        var (named, unnamed, unlisted, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c, d) = (Next(), Next(), Next(), Next());
        await Store.IdentityOwners.ClaimAsync(a.Identity, named);
        await Store.Directory.UpsertAsync(named, "Ivan", [a.Text]);
        await Store.IdentityOwners.ClaimAsync(b.Identity, unnamed);
        await Store.Directory.UpsertAsync(unnamed, " ", [b.Text]);
        await Store.IdentityOwners.ClaimAsync(c.Identity, unlisted); // claimed, its customer's row never written
        await Store.IdentityOwners.ClaimAsync(d.Identity, other);
        await Store.Directory.UpsertAsync(unlisted, "Olga", [d.Text]); // a row naming the identity for a customer that does not own it

        Assert.Equal(new ListedOwner(named, Listed: true, Named: true), await Store.IdentityOwners.FindListedAsync(a.Identity));
        Assert.Equal(new ListedOwner(unnamed, Listed: true, Named: false), await Store.IdentityOwners.FindListedAsync(b.Identity));
        Assert.Equal(new ListedOwner(unlisted, Listed: false, Named: false), await Store.IdentityOwners.FindListedAsync(c.Identity));
        Assert.Equal(new ListedOwner(other, Listed: false, Named: false), await Store.IdentityOwners.FindListedAsync(d.Identity));
        Assert.Null(await Store.IdentityOwners.FindListedAsync(Next().Identity));
    }

    [Fact]
    public async Task Concurrent_writes_are_grouped_into_fewer_transactions_and_all_stored()
    {
        const int conversations = 200;
        var before = Store.TransactionsCommitted;
        var ids = Enumerable.Range(0, conversations).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(ids.Select((id, i) => Store.Conversations.CommitAsync(Samples.Inbound(id, 1, $"g-{i}"))));

        var transactions = Store.TransactionsCommitted - before;
        Assert.True(transactions < conversations, $"{conversations} writes took {transactions} transactions: no grouping");
        var list = await Store.Queries.ListConversationsAsync(new ConversationQuery(null, null, false, 0, 500));
        Assert.Equal(conversations, list.Total);
    }

    [Fact]
    public async Task A_failing_write_does_not_take_the_rest_of_its_group_down()
    {
        var id = Guid.NewGuid();
        var good = Samples.Inbound(id, 1, "ok-1");
        var clash = Samples.Inbound(id, 1, "ok-2"); // the same sequence again: the conversation's row refuses it

        var results = await Task.WhenAll(
            Capture(Store.Conversations.CommitAsync(good)),
            Capture(Store.Conversations.CommitAsync(clash)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is not null);
        var stored = Assert.Single((await Store.Queries.GetTimelineAsync(id, null, 50)).Messages);
        Assert.Equal(1, stored.Sequence);
    }

    [Fact]
    public async Task Events_are_read_back_in_order_whether_their_step_added_an_item_or_not()
    {
        var id = Guid.NewGuid();
        var first = Samples.Inbound(id, 1, "mixed-1", "first");
        await Store.Conversations.CommitAsync(first);
        var labelled = first.Conversation with { LastSequence = 2, Status = ConversationStatus.Resolved };
        var change = new LiveEvent(id, 2, LiveEventTypes.ConversationChanged, Samples.Start.AddSeconds(2), labelled, null);
        await Store.Conversations.CommitAsync(new ConversationCommit(labelled, [change]));
        var third = Samples.Inbound(id, 3, "mixed-3", "third");
        await Store.Conversations.CommitAsync(third);

        var all = await Store.Queries.GetEventsAsync(id, 0, 10);

        Assert.Equal([first.Events[0], change, third.Events[0]], all);
        Assert.Equal([change], await Store.Queries.GetEventsAsync(id, 1, 1));
        Assert.Equal([third.Events[0]], await Store.Queries.GetEventsAsync(id, 2, 10));
    }

    [Fact]
    public async Task A_message_changed_later_leaves_the_event_that_created_it_as_it_was()
    {
        var id = Guid.NewGuid();
        var created = Samples.Inbound(id, 1, "changed-1", "Where is my order 1048576?");
        await Store.Conversations.CommitAsync(created);
        var edits = new List<LiveEvent>();
        var message = created.NewMessage!;
        foreach (var (sequence, text) in new[] { (2L, "Where is my order 2097152?"), (3L, "Where is my order 4194304?") })
        {
            var at = Samples.Start.AddMinutes(sequence);
            message = message with { Text = text, EditedAt = at, UpdatedAt = at };
            var conversation = created.Conversation with { LastSequence = sequence, UpdatedAt = at };
            edits.Add(new LiveEvent(id, sequence, LiveEventTypes.MessageEdited, at, conversation, message));
            await Store.Conversations.CommitAsync(new ConversationCommit(conversation, [edits[^1]], ChangedMessage: message));
        }

        Assert.Equal([created.Events[0], .. edits], await Store.Queries.GetEventsAsync(id, 0, 10));
        Assert.Equal("Where is my order 1048576?", (await Store.Queries.GetEventsAsync(id, 0, 1))[0].Message!.Text);
        Assert.Equal("Where is my order 4194304?", Assert.Single((await Store.Queries.GetTimelineAsync(id, null, 10)).Messages).Text);
    }

    [Fact]
    public async Task A_merge_moves_the_items_and_leaves_each_event_with_the_conversation_it_happened_in()
    {
        var (absorbed, survivor) = (Guid.NewGuid(), Guid.NewGuid());
        var a1 = Samples.Inbound(absorbed, 1, "merge-a1", "first of the absorbed");
        var a2 = Samples.Inbound(absorbed, 2, "merge-a2", "second of the absorbed");
        var s1 = Samples.Inbound(survivor, 1, "merge-s1", "first of the survivor");
        foreach (var commit in new[] { a1, a2, s1 })
        {
            await Store.Conversations.CommitAsync(commit);
        }

        var merged = s1.Conversation with { LastSequence = 2 };
        var mergeEvent = new LiveEvent(survivor, 2, LiveEventTypes.ConversationMerged, Samples.Start.AddSeconds(10), merged, null);
        await Store.Conversations.CommitAsync(new ConversationCommit(merged, [mergeEvent], Move: new TimelineMove(absorbed, survivor, Back: false)));

        Assert.Equal(3, (await Store.Queries.GetTimelineAsync(survivor, null, 50)).Messages.Count);
        Assert.Empty((await Store.Queries.GetTimelineAsync(absorbed, null, 50)).Messages);
        Assert.Equal([a1.Events[0], a2.Events[0]], await Store.Queries.GetEventsAsync(absorbed, 0, 10));
        Assert.Equal([s1.Events[0], mergeEvent], await Store.Queries.GetEventsAsync(survivor, 0, 10));

        // The survivor goes on, then gives the absorbed conversation's items back: the events stay where they are.
        var s3 = Samples.Inbound(survivor, 3, "merge-s3", "after the merge");
        await Store.Conversations.CommitAsync(s3);
        var split = s3.Conversation with { LastSequence = 4 };
        var splitEvent = new LiveEvent(survivor, 4, LiveEventTypes.ConversationMerged, Samples.Start.AddSeconds(20), split, null);
        await Store.Conversations.CommitAsync(new ConversationCommit(split, [splitEvent], Move: new TimelineMove(absorbed, survivor, Back: true)));

        Assert.Equal(["first of the absorbed", "second of the absorbed"],
            (await Store.Queries.GetTimelineAsync(absorbed, null, 50)).Messages.Select(m => m.Text));
        Assert.Equal([a1.Events[0], a2.Events[0]], await Store.Queries.GetEventsAsync(absorbed, 0, 10));
        Assert.Equal([s1.Events[0], mergeEvent, s3.Events[0], splitEvent], await Store.Queries.GetEventsAsync(survivor, 0, 10));
    }

    [Fact]
    public async Task Unread_counts_are_the_customers_messages_after_each_operators_marker()
    {
        var (x, y, unknown) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (me, colleague) = (Guid.NewGuid(), Guid.NewGuid());
        await Store.Conversations.CommitAsync(Samples.Inbound(x, 1, "u-x1"));
        await Store.Conversations.CommitAsync(WithMessage(Samples.Inbound(x, 2, "u-x2"), m => m with { Automated = true })); // an auto-reply
        await Store.Conversations.CommitAsync(WithMessage(Samples.Inbound(x, 3, "u-x3"), m => m with { Kind = MessageKind.Outbound })); // our reply
        await Store.Conversations.CommitAsync(Samples.Inbound(x, 4, "u-x4"));
        await Store.Conversations.CommitAsync(Samples.Inbound(x, 5, "u-x5"));
        await Store.Conversations.CommitAsync(Samples.Inbound(y, 1, "u-y1"));

        await Store.ReadMarkers.MarkReadAsync(me, x, 3);
        await Store.ReadMarkers.MarkReadAsync(me, x, 2); // a marker never moves back

        Assert.Equal([new UnreadCount(x, 2, 3), new UnreadCount(y, 1, 0), new UnreadCount(unknown, 0, 0)],
            await Store.ReadMarkers.CountAsync(me, [x, y, unknown, x]));
        Assert.Equal([new UnreadCount(x, 3, 0)], await Store.ReadMarkers.CountAsync(colleague, [x])); // never opened: all of them
        Assert.Equal(3, await Store.ReadMarkers.TotalAsync(me)); // both are queued for anyone

        // A message after the marker counts for everyone; reading up to it clears it for the one who read.
        await Store.Conversations.CommitAsync(Samples.Inbound(x, 6, "u-x6"));
        Assert.Equal([new UnreadCount(x, 3, 3)], await Store.ReadMarkers.CountAsync(me, [x]));
        Assert.Equal([new UnreadCount(x, 4, 0)], await Store.ReadMarkers.CountAsync(colleague, [x]));
        await Store.ReadMarkers.MarkReadAsync(me, x, 6);
        Assert.Equal([new UnreadCount(x, 0, 6)], await Store.ReadMarkers.CountAsync(me, [x]));
        Assert.Equal(1, await Store.ReadMarkers.TotalAsync(me));
        Assert.Equal(5, await Store.ReadMarkers.TotalAsync(colleague));
    }

    [Fact]
    public async Task Unread_counts_follow_the_messages_a_merge_moves_and_its_undo_moves_back()
    {
        var (absorbed, survivor) = (Guid.NewGuid(), Guid.NewGuid());
        var me = Guid.NewGuid();
        for (var seq = 1; seq <= 3; seq++)
        {
            await Store.Conversations.CommitAsync(Samples.Inbound(absorbed, seq, $"um-a{seq}"));
        }

        var s2 = Samples.Inbound(survivor, 2, "um-s2");
        await Store.Conversations.CommitAsync(Samples.Inbound(survivor, 1, "um-s1"));
        await Store.Conversations.CommitAsync(s2);
        await Store.ReadMarkers.MarkReadAsync(me, absorbed, 1);
        await Store.ReadMarkers.MarkReadAsync(me, survivor, 2);

        var merged = s2.Conversation with { LastSequence = 3 };
        await Store.Conversations.CommitAsync(new ConversationCommit(merged,
            [new LiveEvent(survivor, 3, LiveEventTypes.ConversationMerged, Samples.Start.AddSeconds(10), merged, null)],
            Move: new TimelineMove(absorbed, survivor, Back: false)));

        // The moved messages keep their own sequences: the survivor's marker (2) leaves the third of them unread.
        Assert.Equal([new UnreadCount(survivor, 1, 2), new UnreadCount(absorbed, 0, 1)],
            await Store.ReadMarkers.CountAsync(me, [survivor, absorbed]));

        var split = merged with { LastSequence = 4 };
        await Store.Conversations.CommitAsync(new ConversationCommit(split,
            [new LiveEvent(survivor, 4, LiveEventTypes.ConversationMerged, Samples.Start.AddSeconds(20), split, null)],
            Move: new TimelineMove(absorbed, survivor, Back: true)));

        Assert.Equal([new UnreadCount(survivor, 0, 2), new UnreadCount(absorbed, 2, 1)],
            await Store.ReadMarkers.CountAsync(me, [survivor, absorbed]));
    }

    /// <summary>The commit with its new message (and the message in its event) changed.</summary>
    private static ConversationCommit WithMessage(ConversationCommit commit, Func<TimelineMessage, TimelineMessage> change)
    {
        var message = change(commit.NewMessage!);
        return commit with { NewMessage = message, Events = [commit.Events[0] with { Message = message }] };
    }

    [Fact]
    public async Task The_timeline_pages_backwards_in_order()
    {
        var id = Guid.NewGuid();
        for (var seq = 1; seq <= 7; seq++)
        {
            await Store.Conversations.CommitAsync(Samples.Inbound(id, seq, $"p-{seq}", $"text {seq}"));
        }

        var newest = await Store.Queries.GetTimelineAsync(id, null, 3);
        Assert.Equal([5L, 6, 7], newest.Messages.Select(m => m.Sequence));
        var older = await Store.Queries.GetTimelineAsync(id, newest.NextBefore, 3);
        Assert.Equal([2L, 3, 4], older.Messages.Select(m => m.Sequence));
        var oldest = await Store.Queries.GetTimelineAsync(id, older.NextBefore, 3);
        Assert.Equal([1L], oldest.Messages.Select(m => m.Sequence));
        Assert.Null(oldest.NextBefore);
        Assert.Equal([4L, 5, 6, 7], (await Store.Queries.GetEventsAsync(id, 3, 100)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_outbox_entry_is_leased_once_and_comes_back_when_rescheduled()
    {
        var id = Guid.NewGuid();
        var commit = Samples.Inbound(id, 1, "o-1");
        var messageId = Guid.NewGuid();
        var entry = new OutboxEntry(messageId, id, "api", "api:c1", "reply", 0, Samples.Start, Samples.Start);
        await Store.Conversations.CommitAsync(commit with { Outbox = entry });

        var now = Samples.Start.AddMinutes(1);
        var leased = Assert.Single(await Store.Outbox.LeaseDueOutboxAsync(now, 10, TimeSpan.FromMinutes(2)));
        Assert.Equal(messageId, leased.MessageId);
        Assert.Empty(await Store.Outbox.LeaseDueOutboxAsync(now, 10, TimeSpan.FromMinutes(2)));

        await Store.Outbox.RescheduleOutboxAsync(messageId, 1, now.AddSeconds(30), "HTTP 503");
        Assert.Empty(await Store.Outbox.LeaseDueOutboxAsync(now.AddSeconds(29), 10, TimeSpan.FromMinutes(2)));
        var again = Assert.Single(await Store.Outbox.LeaseDueOutboxAsync(now.AddSeconds(31), 10, TimeSpan.FromMinutes(2)));
        Assert.Equal(1, again.Attempts);

        await Store.Outbox.CompleteOutboxAsync(messageId);
        Assert.Empty(await Store.Outbox.LeaseDueOutboxAsync(now.AddHours(1), 10, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task An_outbox_entrys_choices_are_stored_and_read_back()
    {
        var id = Guid.NewGuid();
        ReplyChoice[] choices = [new("1", "csat:1"), new("5", "csat:5")];
        var withChoices = new OutboxEntry(Guid.NewGuid(), id, "telegram", "telegram:5", "Rate us", 0, Samples.Start, Samples.Start, Automated: true, Choices: choices);
        var without = new OutboxEntry(Guid.NewGuid(), id, "telegram", "telegram:5", "plain", 0, Samples.Start, Samples.Start);
        await Store.Conversations.CommitAsync(Samples.Inbound(id, 1, "ch-1") with { Outbox = withChoices });
        await Store.Conversations.CommitAsync(Samples.Inbound(id, 2, "ch-2") with { Outbox = without });

        var leased = await Store.Outbox.LeaseDueOutboxAsync(Samples.Start.AddMinutes(1), 10, TimeSpan.FromMinutes(2));

        Assert.Equal(choices, leased.Single(e => e.MessageId == withChoices.MessageId).Choices);
        Assert.True(leased.Single(e => e.MessageId == withChoices.MessageId).Automated);
        Assert.Null(leased.Single(e => e.MessageId == without.MessageId).Choices);
    }

    [Fact]
    public async Task An_expired_lease_makes_the_entry_due_again()
    {
        var id = Guid.NewGuid();
        var entry = new OutboxEntry(Guid.NewGuid(), id, "api", "api:c1", "reply", 0, Samples.Start, Samples.Start);
        await Store.Conversations.CommitAsync(Samples.Inbound(id, 1, "l-1") with { Outbox = entry });

        Assert.Single(await Store.Outbox.LeaseDueOutboxAsync(Samples.Start, 10, TimeSpan.FromMinutes(2)));
        Assert.Single(await Store.Outbox.LeaseDueOutboxAsync(Samples.Start.AddMinutes(3), 10, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_inbound_message_store_it_once()
    {
        var id = Guid.NewGuid();
        var commits = Enumerable.Range(1, 20).Select(i => Samples.Inbound(id, i, "same-1")).ToList();

        var outcomes = await Task.WhenAll(commits.Select(c => Store.Conversations.CommitAsync(c)));

        var stored = Assert.Single((await Store.Queries.GetTimelineAsync(id, null, 50)).Messages);
        Assert.Single(outcomes, o => !o.Duplicate);
        Assert.All(outcomes.Where(o => o.Duplicate), o => Assert.Equal(stored.MessageId, o.Existing!.MessageId));
        Assert.Single(await Store.Queries.GetEventsAsync(id, 0, 50));
    }

    /// <summary>
    /// Three queued conversations with no team, the second message of one updating its row (on SQLite by the step's short
    /// update), counted as one queue of three: what the providers' tests of the queue count's plan read.
    /// </summary>
    protected async Task QueueThreeConversationsAsync()
    {
        var queued = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in queued)
        {
            await Store.Conversations.CommitAsync(Samples.Inbound(id, 1, $"m-{id}-1", "Where is my order?"));
        }

        await Store.Conversations.CommitAsync(Samples.Inbound(queued[0], 2, $"m-{queued[0]}-2", "Hello?"));
        var counted = Assert.Single(await Store.Queries.CountQueuedByTeamAsync());
        Assert.Equal((null, 3), (counted.Team, counted.Queued));
    }

    protected static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task Two_commits_racing_with_one_idempotency_key_store_one_reply_and_one_outbox_entry()
    {
        var id = Guid.NewGuid();
        await Store.Conversations.CommitAsync(Samples.Inbound(id, 1, "idem-1"));
        var operatorId = Guid.NewGuid();
        var first = KeyedReply(id, 2, operatorId, "key-1", "fp-a", Samples.Start.AddMinutes(1));
        var second = KeyedReply(id, 2, operatorId, "key-1", "fp-a", Samples.Start.AddMinutes(1));

        var outcomes = await Task.WhenAll(Store.Conversations.CommitAsync(first), Store.Conversations.CommitAsync(second));

        var duplicate = Assert.Single(outcomes, o => o.Duplicate);
        Assert.Single(outcomes, o => !o.Duplicate);
        var timeline = (await Store.Queries.GetTimelineAsync(id, null, 50)).Messages;
        var stored = Assert.Single(timeline, m => m.Kind == MessageKind.Outbound);
        Assert.Equal(stored.MessageId, duplicate.Existing!.MessageId);
        Assert.Single(await Store.Outbox.LeaseDueOutboxAsync(Samples.Start.AddHours(1), 10, TimeSpan.FromMinutes(2)));
        var record = await Store.Conversations.FindIdempotencyAsync(id, operatorId, "key-1", Samples.Start);
        Assert.Equal(stored.MessageId, record!.MessageId);
        Assert.Equal("fp-a", record.Fingerprint);
    }

    [Fact]
    public async Task An_idempotency_key_is_per_operator_and_conversation_and_expires_after_the_retention()
    {
        var id = Guid.NewGuid();
        await Store.Conversations.CommitAsync(Samples.Inbound(id, 1, "idem-2"));
        var (operatorId, colleague) = (Guid.NewGuid(), Guid.NewGuid());
        var at = Samples.Start.AddMinutes(1);
        await Store.Conversations.CommitAsync(KeyedReply(id, 2, operatorId, "key-2", "fp-a", at));

        var colleagues = await Store.Conversations.CommitAsync(KeyedReply(id, 3, colleague, "key-2", "fp-a", at.AddSeconds(1)));
        var later = at.AddHours(25);
        var afterRetention = await Store.Conversations.CommitAsync(KeyedReply(id, 4, operatorId, "key-2", "fp-b", later, retention: TimeSpan.FromHours(24)));

        Assert.False(colleagues.Duplicate);
        Assert.False(afterRetention.Duplicate);
        Assert.Null(await Store.Conversations.FindIdempotencyAsync(id, operatorId, "key-2", later.AddSeconds(1)));
        Assert.Equal("fp-b", (await Store.Conversations.FindIdempotencyAsync(id, operatorId, "key-2", later.AddHours(-24)))!.Fingerprint);
        Assert.Null(await Store.Conversations.FindIdempotencyAsync(Guid.NewGuid(), operatorId, "key-2", Samples.Start));
        Assert.Equal(3, (await Store.Queries.GetTimelineAsync(id, null, 50)).Messages.Count(m => m.Kind == MessageKind.Outbound));
    }

    [Fact]
    public async Task The_customers_last_message_preview_and_time_are_stored_and_listed()
    {
        var id = Guid.NewGuid();
        var first = Samples.Inbound(id, 1, "preview-1", "Where is my order?");
        var inboundAt = new DateTimeOffset(2026, 12, 2, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567);
        var snapshot = first.Conversation with { LastMessagePreview = "It ships today.", LastInboundPreview = "Where is my order?", LastInboundAt = inboundAt };

        await Store.Conversations.CommitAsync(first with { Conversation = snapshot });

        var stored = (await Store.Conversations.GetConversationAsync(id))!;
        Assert.Equal("Where is my order?", stored.LastInboundPreview);
        Assert.Equal(inboundAt, stored.LastInboundAt);
        var item = Assert.Single((await Store.Queries.ListConversationsAsync(new ConversationQuery(null, null, false, 0, 10))).Items);
        Assert.Equal("Where is my order?", item.Conversation.LastInboundPreview);
        Assert.Equal("It ships today.", item.Conversation.LastMessagePreview);
    }

    [Fact]
    public async Task The_list_filters_by_customers_channel_and_label_and_sorts_by_activity_or_wait()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // a: oldest activity, waiting the shortest; c: newest activity, waiting the longest
        await CommitListed(a, 1, "telegram", ["fraud", "order_status"], queuedMinutes: 10);
        await CommitListed(b, 2, "api", ["100%_sure"], queuedMinutes: 20);
        await CommitListed(c, 3, "telegram", ["order"], queuedMinutes: 30);

        async Task<IReadOnlyList<Guid>> List(ConversationQuery query) =>
            (await Store.Queries.ListConversationsAsync(query)).Items.Select(i => i.Conversation.ConversationId).ToList();
        var all = new ConversationQuery(null, null, false, 0, 10);

        Assert.Equal([a, c], await List(all with { CustomerIds = [a, c], Sort = ConversationSort.Oldest }));
        Assert.Empty(await List(all with { CustomerIds = [] }));
        Assert.Equal([a, c], await List(all with { Channel = "telegram", Sort = ConversationSort.Oldest }));
        Assert.Equal([a], await List(all with { Label = "fraud" }));
        Assert.Equal([c], await List(all with { Label = "order" })); // a whole label, not a part of one
        Assert.Equal([b], await List(all with { Label = "100%_sure" }));
        Assert.Empty(await List(all with { Label = "100%" }));
        Assert.Equal([c, b, a], await List(all with { Sort = ConversationSort.Newest }));
        Assert.Equal([a, b, c], await List(all with { Sort = ConversationSort.Oldest }));
        Assert.Equal([c, b, a], await List(all with { Sort = ConversationSort.Waiting }));
    }

    [Fact]
    public async Task A_teams_queue_is_offered_by_priority_then_longest_wait_with_conversations_queued_before_entry_times_last()
    {
        var team = $"queue-{Guid.NewGuid():N}";
        async Task<Guid> Queued(int priority, int? queuedMinute, int activityMinute, string? inTeam = null, Guid? mergedInto = null)
        {
            var id = Guid.NewGuid();
            var commit = Samples.Inbound(id, 1, $"queue-{id:N}");
            var at = Samples.Start.AddMinutes(activityMinute);
            var handoff = priority > 0 ? new HandoffInfo("fraud", null, null, true, true, "possible victim", priority, at) : null;
            await Store.Conversations.CommitAsync(commit with
            {
                Conversation = commit.Conversation with
                {
                    Team = inTeam ?? team, Handoff = handoff, LastMessageAt = at, UpdatedAt = at, MergedInto = mergedInto,
                    QueuedAt = queuedMinute is { } minute ? Samples.Start.AddMinutes(minute) : null, Status = ConversationStatus.Queued,
                },
            });
            return id;
        }

        // Entered in this order; "legacy" ones were queued before entry times were recorded (their last activity orders them).
        var normalLate = await Queued(0, queuedMinute: 20, activityMinute: 1);
        var legacyOld = await Queued(0, queuedMinute: null, activityMinute: 2);
        var urgentLegacy = await Queued(5, queuedMinute: null, activityMinute: 3);
        var normalEarly = await Queued(0, queuedMinute: 10, activityMinute: 30);
        var urgent = await Queued(5, queuedMinute: 40, activityMinute: 40);
        var legacyNew = await Queued(0, queuedMinute: null, activityMinute: 50);
        await Queued(9, queuedMinute: 1, activityMinute: 1, inTeam: "another-team");
        await Queued(9, queuedMinute: 1, activityMinute: 1, mergedInto: Guid.NewGuid());

        var queue = (await Store.Routing.ListQueuedAsync(team, 10)).Select(c => c.ConversationId).ToList();

        Assert.Equal([urgent, urgentLegacy, normalEarly, normalLate, legacyOld, legacyNew], queue);
        Assert.Equal([urgent, urgentLegacy, normalEarly], (await Store.Routing.ListQueuedAsync(team, 3)).Select(c => c.ConversationId));
    }

    [Fact]
    public async Task A_conversation_written_step_by_step_is_stored_and_listed_as_its_last_step_left_it()
    {
        var (a, b, operatorId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var first = Samples.Inbound(a, 1, $"steps-{a:N}-1");
        await Store.Conversations.CommitAsync(first);
        await Store.Conversations.CommitAsync(Samples.Inbound(b, 2, $"steps-{b:N}-1"));
        var all = new ConversationQuery(null, null, false, 0, 10) { Sort = ConversationSort.Newest };

        async Task<IReadOnlyList<Guid>> List(ConversationQuery query) =>
            (await Store.Queries.ListConversationsAsync(query)).Items.Select(i => i.Conversation.ConversationId).ToList();
        async Task Step(ConversationSnapshot next)
        {
            await Store.Conversations.CommitAsync(new ConversationCommit(next, []));
            Assert.Equal(next, await Store.Conversations.GetConversationAsync(a));
        }

        // a message in a conversation that stays in the queue: only its activity changes, and it is the newest again
        var queued = first.Conversation with { LastSequence = 3, LastMessageAt = Samples.Start.AddMinutes(5), UpdatedAt = Samples.Start.AddMinutes(5),
            LastMessagePreview = "still waiting", Team = "sales", QueuedAt = Samples.Start.AddMinutes(1) };
        await Step(queued);
        Assert.Equal([a, b], await List(all));

        // assigned: out of the queue, into the operator's list, waiting to be opened
        var assigned = queued with { LastSequence = 4, Status = ConversationStatus.Assigned, AssigneeId = operatorId, AwaitingOpenSince = Samples.Start.AddMinutes(6) };
        await Step(assigned);
        Assert.Equal([b], await List(all with { Statuses = [ConversationStatus.Queued] }));
        Assert.Equal([a], await List(all with { AssigneeId = operatorId }));
        Assert.Equal(1, await Store.Routing.CountAssignedAsync(operatorId));

        // the customer writes again while it is assigned, then the operator opens it
        var written = assigned with { LastSequence = 5, LastMessageAt = Samples.Start.AddMinutes(7), UpdatedAt = Samples.Start.AddMinutes(7), LastMessagePreview = "hello?" };
        await Step(written);
        Assert.Equal(Samples.Start.AddMinutes(6), (await Store.Routing.ListUnopenedAsync(Samples.Start.AddHours(1), 10)).Single().AwaitingOpenSince);
        var opened = written with { LastSequence = 6, AwaitingOpenSince = null };
        await Step(opened);
        Assert.Empty(await Store.Routing.ListUnopenedAsync(Samples.Start.AddHours(1), 10));

        // handed back to the queue with a possible victim's priority: first in the queue, though it entered it last
        var handoff = new HandoffInfo("fraud", null, null, true, true, "possible victim", 10, Samples.Start.AddMinutes(8));
        var requeued = opened with { LastSequence = 7, Status = ConversationStatus.Queued, AssigneeId = null, Handoff = handoff, QueuedAt = Samples.Start.AddMinutes(8) };
        await Step(requeued);
        Assert.Equal([a, b], await List(all with { Statuses = [ConversationStatus.Queued], Sort = ConversationSort.Waiting }));
        Assert.Empty(await List(all with { AssigneeId = operatorId }));
        Assert.Equal(0, await Store.Routing.CountAssignedAsync(operatorId));
        Assert.Equal(a, (await Store.Routing.ListQueuedAsync("sales", 10)).Single().ConversationId);

        // the other one resolved from the queue: only its status changes
        var resolved = (await Store.Conversations.GetConversationAsync(b))! with { LastSequence = 3, Status = ConversationStatus.Resolved };
        await Store.Conversations.CommitAsync(new ConversationCommit(resolved, []));
        Assert.Equal(resolved, await Store.Conversations.GetConversationAsync(b));
        Assert.Equal([a], await List(all with { Statuses = [ConversationStatus.Queued] }));
        Assert.Equal([b], await List(all with { Statuses = [ConversationStatus.Resolved] }));
    }

    private async Task CommitListed(Guid id, long minute, string channel, IReadOnlyList<string> labels, int queuedMinutes)
    {
        var commit = Samples.Inbound(id, 1, $"listed-{id:N}");
        var at = Samples.Start.AddMinutes(minute);
        var snapshot = commit.Conversation with
        {
            LastInboundChannel = channel,
            Labels = labels,
            LastMessageAt = at,
            UpdatedAt = at,
            QueuedAt = Samples.Start.AddHours(1).AddMinutes(-queuedMinutes),
        };
        await Store.Conversations.CommitAsync(commit with { Conversation = snapshot });
    }

    /// <summary>An operator's reply with its outbox entry, made under an idempotency key, as the conversation grain commits it.</summary>
    private static ConversationCommit KeyedReply(Guid id, long sequence, Guid operatorId, string key, string fingerprint, DateTimeOffset at,
        TimeSpan? retention = null)
    {
        var message = new TimelineMessage(Guid.NewGuid(), id, sequence, MessageKind.Outbound, "api", "api:c1", null, "reply", operatorId, "Operator",
            DeliveryState.Queued, null, at, at);
        var snapshot = new ConversationSnapshot(id, id, ConversationStatus.Assigned, operatorId, sequence, at, "api", "api:c1", "reply", Samples.Start, at);
        var outbox = new OutboxEntry(message.MessageId, id, "api", "api:c1", "reply", 0, at, at);
        var record = new IdempotencyRecord(id, operatorId, key, fingerprint, message.MessageId, at, at - (retention ?? TimeSpan.FromHours(24)));
        return new ConversationCommit(snapshot, [new Domain.Live.LiveEvent(id, sequence, Domain.Live.LiveEventTypes.MessageCreated, at, snapshot, message)],
            NewMessage: message, Outbox: outbox, Idempotency: record);
    }
}
