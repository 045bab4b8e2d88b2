namespace Inbox.Domain.Sla;

/// <summary>One stretch of open time as instants: from <see cref="Start"/> (included) to <see cref="End"/> (excluded).</summary>
public readonly record struct OpenPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}
