using Inbox.Silo.Customers;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Silo.Tests;

/// <summary>
/// A node's list of senders it resolved stays bounded (expired senders leave it, and past its capacity it starts again), a
/// sender learned again is not counted again, and senders learned together are not all forgotten together.
/// </summary>
public sealed class KnownSendersTests
{
    [Fact]
    public void A_sender_learned_again_and_again_stays_known_and_counts_once()
    {
        var known = new KnownSenders();
        var customer = Guid.NewGuid();
        var other = Guid.NewGuid();
        known.Learn("api:other", other, named: false, known.Epoch);

        // As many messages as the list holds senders, all from the one sender: it is still one entry, not a full list.
        for (var message = 0; message < KnownSenders.Capacity + 10; message++)
        {
            known.Learn("api:regular", customer, named: true, known.Epoch);
        }

        Assert.Equal(customer, known.Find("api:regular", named: true));
        Assert.Equal(other, known.Find("api:other", named: false)); // the list did not start again
        Assert.Equal(2, known.Count);
    }

    [Fact]
    public void Past_its_capacity_the_list_starts_again_empty()
    {
        var known = new KnownSenders();
        for (var sender = 0; sender < KnownSenders.Capacity; sender++)
        {
            known.Learn($"api:{sender}", Guid.NewGuid(), named: false, known.Epoch);
        }

        Assert.Equal(KnownSenders.Capacity, known.Count);
        Assert.NotNull(known.Find("api:0", named: false));

        var latest = Guid.NewGuid();
        known.Learn("api:latest", latest, named: false, known.Epoch);

        Assert.Equal(1, known.Count);
        Assert.Null(known.Find("api:0", named: false));
        Assert.Equal(latest, known.Find("api:latest", named: false));
    }

    [Fact]
    public void Expired_senders_leave_the_list_within_a_lifetime_and_live_ones_stay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var known = new KnownSenders(clock);
        for (var sender = 0; sender < 1000; sender++)
        {
            known.Learn($"api:early-{sender}", Guid.NewGuid(), named: false, known.Epoch);
        }

        clock.Advance(TimeSpan.FromSeconds(40));
        var later = Guid.NewGuid();
        known.Learn("api:later", later, named: false, known.Epoch); // lives at least half the lifetime: past 65 s
        Assert.Equal(1001, known.Count); // not a minute since the first sender: nothing removed yet

        clock.Advance(TimeSpan.FromSeconds(25)); // every early sender has expired (each lives at most the lifetime)
        known.Learn("api:latest", Guid.NewGuid(), named: false, known.Epoch);

        Assert.Equal(2, known.Count);
        Assert.Equal(later, known.Find("api:later", named: false));
        Assert.Null(known.Find("api:early-0", named: false));
    }

    [Fact]
    public void What_was_asked_before_a_merge_is_not_kept_after_it()
    {
        var known = new KnownSenders();
        var askedAt = known.Epoch;
        known.Forget(); // a merge while the identity grains were asked

        known.Learn("api:merged", Guid.NewGuid(), named: false, askedAt);

        Assert.Null(known.Find("api:merged", named: false));
        Assert.Equal(0, known.Count);
    }

    [Fact]
    public void Senders_learned_in_one_burst_are_forgotten_over_the_second_half_of_their_lifetime_not_in_one_moment()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var known = new KnownSenders(clock);
        const int senders = 1000;
        for (var sender = 0; sender < senders; sender++)
        {
            known.Learn($"api:{sender}", Guid.NewGuid(), named: false, known.Epoch);
        }

        int StillKnown() => Enumerable.Range(0, senders).Count(sender => known.Find($"api:{sender}", named: false) is not null);

        clock.Advance(KnownSenders.Lifetime / 2 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(senders, StillKnown());

        // Three quarters of the way through, some have expired and some not (each lives half to all of the lifetime).
        clock.Advance(KnownSenders.Lifetime / 4);
        Assert.InRange(StillKnown(), 1, senders - 1);

        clock.Advance(KnownSenders.Lifetime / 4 + TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, StillKnown());
    }
}
