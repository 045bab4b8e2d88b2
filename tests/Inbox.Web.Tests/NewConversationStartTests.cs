using System.Collections.Concurrent;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// A new customer's first message starts its conversation's grain as new (<see cref="NewConversationHint"/>: no read of a
/// row the store cannot hold yet); every later message of that customer starts or finds the grain the ordinary way.
/// </summary>
public sealed class NewConversationStartTests
{
    [Fact]
    public async Task Only_a_new_customers_first_message_reaches_its_conversation_as_new()
    {
        var hints = new HintRecorder();
        await using var server = await InboxServer.StartAsync(configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(hints));
        using var api = server.Client(InboxServer.ApiToken);
        var externalId = $"crm-{Guid.NewGuid():N}";

        var first = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "first", externalId: externalId, name: "Ivan");
        var second = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "second", externalId: externalId, name: "Ivan");

        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Equal([1L, 2], new[] { first.Sequence, second.Sequence });
        Assert.Equal([true, false], hints.Received(first.ConversationId));
    }

    /// <summary>For each message a conversation's grain receives, whether the call carried the hint for that conversation.</summary>
    private sealed class HintRecorder : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<Guid, ConcurrentQueue<bool>> _received = new();

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(IConversationGrain.ReceiveAsync) && context.TargetId.TryGetGuidKey(out var id, out _))
            {
                _received.GetOrAdd(id, _ => new()).Enqueue(NewConversationHint.IsFor(id));
            }

            return context.Invoke();
        }

        public IReadOnlyList<bool> Received(Guid conversationId) => _received.TryGetValue(conversationId, out var calls) ? [.. calls] : [];
    }
}
