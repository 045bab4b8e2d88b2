namespace Inbox.Silo.Grains;

/// <summary>
/// <c>Chatbot:Enabled</c> as the grains read it: whether conversations start with the bot. It is a setting of the cluster,
/// the same on a standalone silo and a co-hosted one, whether or not a node that runs the bot is up right now
/// (the messages then wait in the store for one).
/// </summary>
public sealed class BotOptions
{
    public const string SectionName = "Chatbot";

    public bool Enabled { get; set; } = true;
}
