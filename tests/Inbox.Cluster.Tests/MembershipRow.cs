namespace Inbox.Cluster.Tests;

/// <summary>One row of OrleansMembershipTable, as the test reads it back.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, int Status, string? SuspectTimes)
{
    public const int Active = 3;
    public const int Dead = 6;
}
