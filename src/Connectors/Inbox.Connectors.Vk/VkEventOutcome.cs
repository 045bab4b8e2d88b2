namespace Inbox.Connectors.Vk;

/// <summary>What became of one Callback API / long poll event.</summary>
public enum VkEventOutcome
{
    /// <summary>Stored (or acted on) for the first time.</summary>
    Accepted,

    /// <summary>Already stored before: a repeated delivery.</summary>
    Duplicate,

    /// <summary>Not ours to act on (our own echoes, unknown types, service messages); answered "ok".</summary>
    Ignored,

    /// <summary>The event's object is not what its type promises; nothing changed.</summary>
    Invalid,
}
