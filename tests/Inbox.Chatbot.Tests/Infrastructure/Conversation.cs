using System.Text.Json;

using Inbox.Identity;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>Plays a conversation against a bot the way the host does: memory stored as JSON between turns.</summary>
public sealed class Conversation
{
    private readonly IChatbot _bot;
    private readonly Guid _id = Guid.NewGuid();
    private string _storedMemory = JsonSerializer.Serialize(BotMemory.Empty);

    public Conversation(IChatbot bot, IReadOnlyList<string>? identities = null, int? queuePosition = null, string channel = "telegram")
    {
        _bot = bot;
        Identities = identities ?? [];
        QueuePosition = queuePosition;
        Channel = channel;
    }

    public IReadOnlyList<string> Identities { get; }

    public int? QueuePosition { get; set; }

    public string Channel { get; }

    public BotMemory Memory => JsonSerializer.Deserialize<BotMemory>(_storedMemory)!;

    public async Task<BotTurn> SayAsync(string text)
    {
        var request = new BotRequest(_id, Channel, text, Identities.Select(ChannelIdentity.Parse).ToList(), "Иван", Memory, QueuePosition);
        var turn = await _bot.HandleAsync(request, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        _storedMemory = JsonSerializer.Serialize(turn.Memory);
        return turn;
    }
}
