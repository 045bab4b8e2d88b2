using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;

namespace Inbox.Silo.Tests;

/// <summary>A grain reference made from the types Orleans named once is the one Orleans makes, for every kind of key, and reaches the grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task References_by_guid_string_and_integer_keys_are_Orleans_own_and_reach_their_grains()
    {
        var grains = fixture.Grains;
        var call = $"bench:{Guid.NewGuid():N}";

        // The first of each kind learns the types, the second is made from them.
        for (var round = 0; round < 2; round++)
        {
            var conversation = Guid.NewGuid();
            Assert.Equal(grains.GetGrain<IConversationGrain>(conversation).GetGrainId(), grains.Reference<IConversationGrain>(conversation).GetGrainId());
            Assert.Equal(grains.GetGrain<ICallSessionGrain>(call).GetGrainId(), grains.Reference<ICallSessionGrain>(call).GetGrainId());
            Assert.Equal(grains.GetGrain<ILiveSubscribersGrain>(round).GetGrainId(), grains.Reference<ILiveSubscribersGrain>(round).GetGrainId());
            Assert.Equal(grains.GetGrain<IConversationGrain>(conversation), grains.Reference<IConversationGrain>(conversation));
        }

        Assert.Null(await grains.Reference<ICallSessionGrain>(call).GetAsync());
        Assert.Null(await grains.Reference<IConversationGrain>(Guid.NewGuid()).GetAsync());
        Assert.NotNull(await grains.Reference<ILiveSubscribersGrain>(0).GetSubscribersAsync());
    }
}
