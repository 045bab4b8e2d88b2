namespace Inbox.Connectors.Email;

/// <summary>
/// How often reading the mail right after the checkpoint was tried and did not finish, kept durably (in the cursor store)
/// so that a process that crashes on a mail, again and again, still gives up on it.
/// </summary>
/// <param name="LastProblem">The last failure, when one was caught (a crash leaves none).</param>
public sealed record EmailMessageAttempts(uint UidValidity, uint Uid, int Count, string? LastProblem);
