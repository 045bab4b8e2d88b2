using System.Globalization;
using System.Text.RegularExpressions;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;
using Inbox.Testing.Postgres;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// The place in the queue the bot tells a customer it hands over is the place the operators' queue (the console's Queue tab,
/// <c>GET /api/v1/conversations?status=queued</c>) shows them at: possible victims first, then fraud, then the rest, each by
/// the longest wait. On SQLite and on PostgreSQL, which share the queue's SQL.
/// </summary>
public sealed partial class QueuePlaceEndToEndTests
{
    private const int Normal = 0;
    private const int Fraud = 1;
    private const int Victim = 2;
    private const string AskForPerson = "Позовите человека";
    private const string CodeRequest = "Мне звонят из магазина и просят назвать код из смс";

    private static readonly Dictionary<string, string?> BotFirst = new()
    {
        ["Chatbot:Enabled"] = "true",
        ["Conversations:InitialStatus"] = "Bot",
    };

    [Fact]
    public async Task The_place_told_is_the_place_in_the_operators_queue_on_SQLite()
    {
        await using var server = await InboxServer.StartAsync(BotFirst);

        await TellPlacesAsync(server);
    }

    [Fact]
    public async Task The_place_told_is_the_place_in_the_operators_queue_on_PostgreSQL()
    {
        await using var postgres = await TemporaryPostgres.StartAsync();
        var settings = new Dictionary<string, string?>(BotFirst)
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync(),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
        };
        await using var server = await InboxServer.StartAsync(settings);
        Assert.IsType<PostgresConversationStore>(server.Services.GetRequiredService<IConversationStore>());

        await TellPlacesAsync(server);
    }

    private static async Task TellPlacesAsync(InboxServer server)
    {
        using var api = server.Client(InboxServer.ApiToken);
        using var op = await server.OperatorClientAsync("operator");

        // Each customer is told a place; the queue shows them there right after the handoff.
        Assert.Equal(1, await HandOverAsync(api, op, Normal, AskForPerson));
        Assert.Equal(1, await HandOverAsync(api, op, Fraud, CodeRequest, AskForPerson));
        Assert.Equal(3, await HandOverAsync(api, op, Normal, AskForPerson));
        Assert.Equal(1, await HandOverAsync(api, op, Victim, "Мне позвонили из службы безопасности магазина, я продиктовал код из смс и с карты списали деньги"));
        Assert.Equal(3, await HandOverAsync(api, op, Fraud, CodeRequest, AskForPerson));
        Assert.Equal(6, await HandOverAsync(api, op, Normal, AskForPerson));
    }

    /// <summary>
    /// A new customer writes the <paramref name="messages"/> (the last one hands over, with <paramref name="priority"/>);
    /// returns the place the bot told, checked against the queue.
    /// </summary>
    private static async Task<int> HandOverAsync(HttpClient api, HttpClient op, int priority, params string[] messages)
    {
        var customer = $"c-{Guid.NewGuid():N}";
        var conversationId = Guid.Empty;
        foreach (var text in messages)
        {
            var sent = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", text, externalId: customer);
            conversationId = sent.ConversationId;
            await InboxApi.EventuallyAsync(() => op.ConversationAsync(sent.ConversationId),
                d => d.Messages.Single(m => m.MessageId == sent.MessageId).BotDecision is not null || d.Conversation.Status == ConversationStatus.Queued);
        }

        var queued = await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId), d => d.Conversation.Status == ConversationStatus.Queued);
        var queue = await op.ConversationsAsync("?status=queued&limit=200");

        Assert.Equal(priority, queued.Conversation.Handoff!.Priority);
        var told = queued.Messages.Where(m => m.AuthorName == "bot").Select(m => Place().Match(m.Text)).Single(m => m.Success);
        var place = int.Parse(told.Groups[1].Value, CultureInfo.InvariantCulture);
        var shown = queue.Items.Select(i => i.Conversation.ConversationId).ToList().IndexOf(conversationId) + 1;
        Assert.Equal(shown, place);
        return place;
    }

    [GeneratedRegex(@"место в очереди: (\d+)\.")]
    private static partial Regex Place();
}
