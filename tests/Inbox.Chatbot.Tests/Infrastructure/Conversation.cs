using System.Text.Json;

using Inbox.Identity;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>Plays a conversation against a bot the way the host does: memory stored as JSON between turns.</summary>
public sealed class Conversation
{
    private readonly IChatbot _bot;
    private readonly Guid _id = Guid.NewGuid();
    private string _storedMemory = JsonSerializer.Serialize(BotMemory.Empty);

    public Conversation(IChatbot bot, IReadOnlyList<string>? identities = null, QueuePlaces? queuePlaces = null, string channel = "telegram")
    {
        _bot = bot;
        Identities = identities ?? [];
        QueuePlaces = queuePlaces;
        Channel = channel;
    }

    public IReadOnlyList<string> Identities { get; set; }

    public QueuePlaces? QueuePlaces { get; set; }

    /// <summary>The channel the next message comes from: a customer may write on several.</summary>
    public string Channel { get; set; }

    public BotMemory Memory => JsonSerializer.Deserialize<BotMemory>(_storedMemory)!;

    public Task<BotTurn> SayAsync(string text) => SendAsync(text, sharesOwnContact: false);

    /// <summary>The customer shares their own contact through the channel: the channel verified the phone, as Telegram's connector does.</summary>
    public Task<BotTurn> ShareOwnContactAsync(string phone)
    {
        Identities = [.. Identities, "phone:" + phone];
        return SendAsync($"[shared own phone number: {phone}]", sharesOwnContact: true);
    }

    private async Task<BotTurn> SendAsync(string text, bool sharesOwnContact)
    {
        var request = new BotRequest(_id, Channel, text, Identities.Select(ChannelIdentity.Parse).ToList(), "Иван", Memory, QueuePlaces)
        {
            SharesOwnContact = sharesOwnContact,
        };
        var turn = await _bot.HandleAsync(request, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        _storedMemory = JsonSerializer.Serialize(turn.Memory);
        return turn;
    }
}
