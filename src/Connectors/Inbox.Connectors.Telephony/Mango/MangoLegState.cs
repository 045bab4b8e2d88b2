namespace Inbox.Connectors.Telephony;

/// <summary>One leg of a Mango call: the highest <c>seq</c> seen, whether it is open, and whether an agent answered on it.</summary>
internal sealed class MangoLegState
{
    public long? Seq { get; set; }

    public bool Open { get; set; }

    public bool Closed { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? Agent { get; set; }
}
