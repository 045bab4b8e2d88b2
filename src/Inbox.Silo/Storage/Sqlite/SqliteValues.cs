namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded store keeps ids and times as text (<see cref="SqliteRows"/>) and flags as 0/1.</summary>
public sealed class SqliteValues : StoreValues
{
    public static readonly SqliteValues Instance = new();

    public override object? Id(Guid? id) => SqliteRows.Id(id);

    public override object? Time(DateTimeOffset? time) => SqliteRows.Time(time);

    public override object Flag(bool value) => value ? 1 : 0;

    public override string TrueLiteral => "1";

    public override long Ticks(DateTimeOffset time) => time.UtcTicks;

    public override bool TimesReadBackExactly => true;
}
