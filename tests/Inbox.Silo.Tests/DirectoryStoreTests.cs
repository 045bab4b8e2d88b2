using Inbox.Domain.Calls;
using Inbox.Domain.Operators;

namespace Inbox.Silo.Tests;

/// <summary>
/// The stores beside the message store (customers, operators, sessions, failed logins, cursors, the webhook intake, calls,
/// attachments), run against each provider by a subclass: a fresh store per test.
/// </summary>
public abstract class DirectoryStoreTests : StoreTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Customers_are_found_by_exact_identity_or_part_of_the_name()
    {
        var ivan = Guid.NewGuid();
        await Store.Directory.UpsertAsync(ivan, "Иван Петров", ["phone:+79161234567", "email:ivan@example.com"]);
        await Store.Directory.UpsertAsync(Guid.NewGuid(), "Maria 100%", ["telegram:42"]);

        Assert.Equal(ivan, Assert.Single(await Store.Directory.SearchAsync("phone:+79161234567", null, 10)).CustomerId);
        Assert.Equal(ivan, Assert.Single(await Store.Directory.SearchAsync(null, "петр", 10)).CustomerId);
        Assert.Single(await Store.Directory.SearchAsync(null, "100%", 10));
        Assert.Equal("Maria 100%", Assert.Single(await Store.Directory.SearchAsync(null, "%", 10)).Name);
        Assert.Empty(await Store.Directory.SearchAsync("phone:+79160000000", null, 10));
    }

    [Fact]
    public async Task Operators_are_unique_by_login_whatever_its_case_and_keep_their_flags()
    {
        var anna = new OperatorAccount(Guid.NewGuid(), "Anna", "Anna K.", OperatorRole.Supervisor, "hash-1", Now, "101");
        Assert.True(await Store.Operators.TryAddAsync(anna));
        Assert.False(await Store.Operators.TryAddAsync(anna with { OperatorId = Guid.NewGuid(), Login = "ANNA" }));
        var demo = new OperatorAccount(Guid.NewGuid(), "demo", "Demo", OperatorRole.Operator, "hash-2", Now, Disabled: true, Demo: true);
        Assert.True(await Store.Operators.TryAddAsync(demo));

        Assert.Equal(anna, await Store.Operators.FindByLoginAsync("anna"));
        Assert.Equal(demo, await Store.Operators.GetAsync(demo.OperatorId));
        Assert.Equal(["Anna", "demo"], (await Store.Operators.ListAsync()).Select(o => o.Login));

        Assert.True(await Store.Operators.SetDisabledAsync(anna.OperatorId, true));
        await Store.Operators.MarkDemoAsync(anna.OperatorId);
        Assert.Equal(anna with { Disabled = true, Demo = true }, await Store.Operators.GetAsync(anna.OperatorId));
        Assert.False(await Store.Operators.SetDisabledAsync(Guid.NewGuid(), true));

        Assert.False(await Store.Operators.HasHistoryAsync(anna.OperatorId));
        var conversation = Samples.Inbound(Guid.NewGuid(), 1, "h-1");
        await Store.Conversations.CommitAsync(conversation with { Conversation = conversation.Conversation with { AssigneeId = anna.OperatorId } });
        Assert.True(await Store.Operators.HasHistoryAsync(anna.OperatorId));

        Assert.True(await Store.Operators.DeleteAsync(demo.OperatorId));
        Assert.False(await Store.Operators.DeleteAsync(demo.OperatorId));
        Assert.Null(await Store.Operators.GetAsync(demo.OperatorId));
    }

    [Fact]
    public async Task An_operators_capacity_is_kept_once_set_and_goes_with_the_account()
    {
        var boris = new OperatorAccount(Guid.NewGuid(), $"boris-{Guid.NewGuid():N}", "Boris", OperatorRole.Operator, "hash", Now);
        Assert.True(await Store.Operators.TryAddAsync(boris));
        Assert.Null((await Store.Operators.GetAsync(boris.OperatorId))!.Capacity); // the default applies

        Assert.True(await Store.Operators.SetCapacityAsync(boris.OperatorId, 7));
        Assert.True(await Store.Operators.SetCapacityAsync(boris.OperatorId, 3));
        Assert.True(await Store.Operators.SetDisabledAsync(boris.OperatorId, true));

        Assert.Equal(boris with { Capacity = 3, Disabled = true }, await Store.Operators.GetAsync(boris.OperatorId));
        Assert.False(await Store.Operators.SetCapacityAsync(Guid.NewGuid(), 3));
        Assert.True(await Store.Operators.DeleteAsync(boris.OperatorId));
        Assert.True(await Store.Operators.TryAddAsync(boris));
        Assert.Null((await Store.Operators.GetAsync(boris.OperatorId))!.Capacity);
    }

    [Fact]
    public async Task Sessions_rotate_their_refresh_token_once_and_end_when_revoked()
    {
        var operatorId = Guid.NewGuid();
        var (first, refresh) = (new OperatorSession(Guid.NewGuid(), operatorId, Now, Now.AddHours(12), RefreshId: Guid.NewGuid()), Guid.NewGuid());
        var second = new OperatorSession(Guid.NewGuid(), operatorId, Now, Now.AddHours(1));
        var old = new OperatorSession(Guid.NewGuid(), Guid.NewGuid(), Now.AddDays(-2), Now.AddDays(-1));
        await Store.Sessions.AddAsync(first);
        await Store.Sessions.AddAsync(second);
        await Store.Sessions.AddAsync(old);

        Assert.Equal(first, await Store.Sessions.GetAsync(first.SessionId));
        Assert.True(await Store.Sessions.TryRotateRefreshAsync(first.SessionId, first.RefreshId!.Value, refresh));
        Assert.False(await Store.Sessions.TryRotateRefreshAsync(first.SessionId, first.RefreshId!.Value, Guid.NewGuid()));
        Assert.True(await Store.Sessions.RevokeAsync(second.SessionId, Now.AddMinutes(1)));
        Assert.False(await Store.Sessions.RevokeAsync(second.SessionId, Now.AddMinutes(2)));
        Assert.Equal([first.SessionId], await Store.Sessions.RevokeAllAsync(operatorId, Now.AddMinutes(3)));
        Assert.Equal(first with { RefreshId = refresh, RevokedAt = Now.AddMinutes(3) }, await Store.Sessions.GetAsync(first.SessionId));
        Assert.False(await Store.Sessions.TryRotateRefreshAsync(first.SessionId, refresh, Guid.NewGuid()));

        Assert.Equal(1, await Store.Sessions.PurgeAsync(Now));
        Assert.Null(await Store.Sessions.GetAsync(old.SessionId));
    }

    [Fact]
    public async Task Failed_logins_lock_a_key_until_cleared_and_old_windows_are_purged()
    {
        var window = TimeSpan.FromMinutes(15);
        LoginLockout last = null!;
        for (var i = 0; i < 3; i++)
        {
            var at = Now.AddSeconds(i);
            last = await Store.Lockouts.RecordFailureAsync("login:anna", at, at - window, 3, at.AddMinutes(15));
        }

        Assert.Equal(new LoginLockout("login:anna", 3, Now, Now.AddSeconds(2).AddMinutes(15)), last);
        await Store.Lockouts.RecordFailureAsync("ip:10.0.0.1", Now, Now - window, 30, Now.AddMinutes(15));
        Assert.Equal(["login:anna"], (await Store.Lockouts.ListLockedAsync(Now.AddMinutes(1))).Select(l => l.Key));
        Assert.Equal(last, await Store.Lockouts.GetAsync("login:anna"));

        Assert.True(await Store.Lockouts.ClearAsync("login:anna"));
        Assert.False(await Store.Lockouts.ClearAsync("login:anna"));
        Assert.Equal(1, await Store.Lockouts.PurgeAsync(Now.AddMinutes(1), Now.AddMinutes(20)));
        Assert.Null(await Store.Lockouts.GetAsync("ip:10.0.0.1"));
    }

    [Fact]
    public async Task Cursors_calls_and_webhook_entries_are_kept()
    {
        Assert.Null(await Store.Cursors.GetAsync("telegram:offset"));
        await Store.Cursors.SetAsync("telegram:offset", "41");
        await Store.Cursors.SetAsync("telegram:offset", "42");
        Assert.Equal("42", await Store.Cursors.GetAsync("telegram:offset"));

        var missed = new CallInfo("c-1", "asterisk", "inbound", CallStage.Ended, "+7 916", "+79161234567", "100", null, Now, null, Now.AddSeconds(20),
            "no-answer", null, Missed: true, Acknowledged: false, CustomerId: null);
        var answered = missed with { CallId = "c-2", RingingAt = Now.AddMinutes(1), Missed = false, TalkSeconds = 30 };
        await Store.Calls.UpsertAsync(missed);
        await Store.Calls.UpsertAsync(answered);
        Assert.Equal([answered, missed], await Store.Calls.ListAsync(missedOnly: false, 10));
        Assert.Equal([missed], await Store.Calls.ListAsync(missedOnly: true, 10));
        await Store.Calls.UpsertAsync(missed with { Acknowledged = true });
        Assert.Empty(await Store.Calls.ListAsync(missedOnly: true, 10));

        var first = await Store.Webhooks.AddAsync("vk", "123", "{}", Now);
        var second = await Store.Webhooks.AddAsync("telegram", "42", "{\"n\":2}", Now.AddSeconds(1));
        await Store.Webhooks.RecordFailureAsync(second, 3, "down", dead: true);
        await Store.Webhooks.RemoveAsync(first);
        var entry = Assert.Single(await Store.Webhooks.ListAsync());
        Assert.Equal(new Domain.Storage.WebhookQueueEntry(second, "telegram", "42", "{\"n\":2}", Now.AddSeconds(1), 3, "down", true), entry);
    }

    [Fact]
    public async Task An_attachment_is_kept_on_disk_with_its_name_and_type_in_the_store()
    {
        using var content = new MemoryStream([1, 2, 3, 4]);

        var saved = await Store.Attachments.SaveAsync("../invoice.pdf", "application/pdf", content);

        Assert.Equal(("invoice.pdf", "application/pdf", 4L), (saved.FileName, saved.ContentType, saved.Size));
        Assert.Equal(saved, await Store.Attachments.GetInfoAsync(saved.AttachmentId));
        await using var read = await Store.Attachments.OpenAsync(saved.AttachmentId);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal([1, 2, 3, 4], copy.ToArray());
        Assert.Null(await Store.Attachments.OpenAsync(Guid.NewGuid()));
    }
}
