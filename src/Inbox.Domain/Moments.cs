namespace Inbox.Domain;

/// <summary>The earlier or later of two moments, either of which may be unknown (then the other one).</summary>
public static class Moments
{
    public static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    public static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
