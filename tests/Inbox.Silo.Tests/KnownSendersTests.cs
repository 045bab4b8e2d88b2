using Inbox.Silo.Customers;

namespace Inbox.Silo.Tests;

/// <summary>A node's list of senders it resolved stays bounded, and a sender learned again is not counted again.</summary>
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
    public void What_was_asked_before_a_merge_is_not_kept_after_it()
    {
        var known = new KnownSenders();
        var askedAt = known.Epoch;
        known.Forget(); // a merge while the identity grains were asked

        known.Learn("api:merged", Guid.NewGuid(), named: false, askedAt);

        Assert.Null(known.Find("api:merged", named: false));
        Assert.Equal(0, known.Count);
    }
}
