namespace Inbox.Connectors.Email;

/// <summary>
/// One mail could not be read while the connection is fine: the server refused its FETCH (NO/BAD) or its content could
/// not be parsed or converted. Counted against the mail (<see cref="EmailChannelOptions.MaxAttemptsPerMessage"/>), unlike
/// a lost connection or a failing store.
/// </summary>
public sealed class EmailUnreadableMessageException(uint uid, string problem, Exception inner)
    : Exception($"Mail UID {uid} could not be read: {problem}", inner)
{
    public uint Uid { get; } = uid;

    public string Problem { get; } = problem;
}
