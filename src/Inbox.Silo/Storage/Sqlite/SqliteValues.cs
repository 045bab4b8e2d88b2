using Inbox.Domain.Live;

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

    public override bool WritesActivityAlone => true;

    /// <summary>
    /// An event's JSON as UTF-8 bytes, kept as a BLOB in the column declared TEXT: a string would be bound as UTF-16, and SQLite
    /// would translate about a kilobyte of it to UTF-8 on the writer's thread for every message (5% of the writer's samples,
    /// known customers, by hand). Reading it as a string gives the same text (SQLite reads a BLOB's bytes as UTF-8); SQL that
    /// looks into it casts it to text first (<c>CAST(event_payload AS TEXT)</c>), as SQLite's JSON functions read a BLOB as
    /// their own binary form. Rows written before keep their text.
    /// </summary>
    public override object StoredEvent(LiveEvent liveEvent) => StoreRows.StoredEventUtf8(liveEvent);
}
