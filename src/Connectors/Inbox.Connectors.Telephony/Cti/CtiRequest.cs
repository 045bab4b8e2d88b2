namespace Inbox.Connectors.Telephony;

/// <summary>
/// One generic CTI event as the PBX sent it (Zammad's format), fields still raw. <see cref="Users"/> collects <c>user</c>
/// given as a string, a JSON array, or repeated <c>user[]</c> form fields.
/// </summary>
public sealed record CtiRequest(
    string? Event,
    string? From,
    string? To,
    string? Direction,
    string? CallId,
    IReadOnlyList<string> Users,
    string? Queue,
    string? Cause,
    string? AnsweringNumber);
