namespace Inbox.Connectors.Email;

/// <summary>A mail the receiver skipped after <see cref="EmailChannelOptions.MaxAttemptsPerMessage"/> failed tries: it stays in the folder, unread by Inbox.</summary>
/// <param name="Uid">Its UID in <paramref name="Folder"/>, valid with <paramref name="UidValidity"/>.</param>
/// <param name="Reason">The last failure: what the server answered, or why the mail could not be parsed.</param>
/// <param name="At">When it was skipped.</param>
public sealed record EmailDeadLetter(uint Uid, uint UidValidity, string Folder, string Reason, DateTimeOffset At)
{
    public ConnectorDeadLetter ForHealth() => new($"UID {Uid} (UIDVALIDITY {UidValidity}) in {Folder}", Reason, At);
}
