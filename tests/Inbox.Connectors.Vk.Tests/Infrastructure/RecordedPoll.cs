namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>One a_check request the fake long poll server received.</summary>
public sealed record RecordedPoll(string Path, string? Act, string? Key, string? Ts, string? Wait);
