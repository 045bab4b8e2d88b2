namespace Inbox.Silo.Storage.Postgres;

/// <summary>PostgreSQL keeps ids as <c>uuid</c>, times as <c>timestamptz</c> (microseconds) and flags as <c>boolean</c>.</summary>
public sealed class PostgresValues : StoreValues
{
    public static readonly PostgresValues Instance = new();

    public override object? Id(Guid? id) => id;

    public override object? Time(DateTimeOffset? time) => time?.ToUniversalTime();

    public override object Flag(bool value) => value;

    public override string TrueLiteral => "true";

    /// <summary>Whole microseconds, as <c>timestamptz</c> gives the time back, so that a timeline cursor made from a read time matches its row.</summary>
    public override long Ticks(DateTimeOffset time) => time.UtcTicks - (time.UtcTicks % 10);
}
