namespace Inbox.Domain.Reports;

/// <summary>The values of the <c>target</c> metadata of SLA timeline items.</summary>
public static class SlaTargets
{
    public const string FirstResponse = "firstResponse";
    public const string Resolution = "resolution";
}
