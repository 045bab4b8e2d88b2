namespace Inbox.Connectors.Telephony;

/// <summary>What this process has seen of one generic CTI call: when it rang and when (and by whom) it was answered.</summary>
internal sealed class CtiCallState
{
    public DateTimeOffset? RingingAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Who answered, as reported by the answer event.</summary>
    public string? Agent { get; set; }

    /// <summary>The call was "answered" by a voicemail box: Zammad counts that as missed.</summary>
    public bool AnsweredByVoicemail { get; set; }
}
