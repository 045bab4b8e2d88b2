using Inbox.Domain.Live;

namespace Inbox.Silo.Storage;

/// <summary>
/// How one provider writes ids, times and flags (SQLite: text and 0/1; PostgreSQL: <c>uuid</c>, <c>timestamptz</c>, <c>boolean</c>),
/// so that the SQL and the row mapping of the message store are written once for both.
/// </summary>
public abstract class StoreValues
{
    public abstract object? Id(Guid? id);

    public abstract object? Time(DateTimeOffset? time);

    public abstract object Flag(bool value);

    /// <summary>A true flag written into the SQL itself, where a partial index's condition must be seen when the query is planned.</summary>
    public abstract string TrueLiteral { get; }

    /// <summary>The ordering key of a time (<c>*_ticks</c> columns): the ticks of the time exactly as the store gives it back.</summary>
    public abstract long Ticks(DateTimeOffset time);

    /// <summary>
    /// Whether every time reads back to the tick it was written with (SQLite's text does; PostgreSQL's <c>timestamptz</c> keeps
    /// microseconds), so that a message read from its row equals the message written: only then does the event kept in an
    /// item's row leave out the message that the row holds (see <see cref="SqlConversationStore"/>).
    /// </summary>
    public virtual bool TimesReadBackExactly => false;

    /// <summary>
    /// Whether a step that leaves the conversation where it is should write only its activity, not the columns that place
    /// it in an index (<see cref="SqlConversationStore"/>): SQLite rewrites an index's entry whenever an UPDATE assigns one of
    /// its columns, even to the value it has. PostgreSQL gains nothing (the activity column is in an index, so no update is
    /// heap-only) and writes the whole row: its writer gathers a group's statements, and the narrow update, which changes
    /// no row whenever the status, assignee or queue changed, would then run the whole group again.
    /// </summary>
    public virtual bool WritesActivityAlone => false;

    /// <summary>
    /// The value an event's JSON is written as (<c>events.payload</c>, <c>messages.event_payload</c>): text here. SQLite takes
    /// its UTF-8 bytes (<see cref="Sqlite.SqliteValues"/>).
    /// </summary>
    public virtual object StoredEvent(LiveEvent liveEvent) => StoreRows.StoredEvent(liveEvent);
}
