namespace Inbox.Chatbot;

/// <summary>
/// The place in the operators' queue a conversation handed off now would take, for each priority it can be handed off with:
/// the same order the operators' queue shows (possible victims first, then the longest wait).
/// </summary>
/// <param name="Normal">The place when handed off in turn.</param>
/// <param name="High">The place when handed off as a fraud conversation.</param>
/// <param name="Urgent">The place when handed off as a possible victim.</param>
public sealed record QueuePlaces(int Normal, int High, int Urgent)
{
    /// <summary>The place for a handoff with <paramref name="priority"/>.</summary>
    public int For(HandoffPriority priority) => priority switch
    {
        HandoffPriority.Urgent => Urgent,
        HandoffPriority.High => High,
        _ => Normal,
    };
}
