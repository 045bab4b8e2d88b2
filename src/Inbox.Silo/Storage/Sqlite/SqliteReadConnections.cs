using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The connections the stores read through, each of which keeps the statements it compiled
/// (<see cref="PreparedStatementConnection"/>). Microsoft.Data.Sqlite's own pool keeps the file open but not the statements:
/// every read compiled its SQL again, which was most of what SQLite did for a new customer's first message (the identity
/// look-up and the conversation's row; docs/benchmark-rounds.md, seventeenth round). A reader borrows a connection with
/// <see cref="Rent"/> and gives it back by closing or disposing it, as it would close any connection. At most
/// <see cref="MaxIdle"/> wait between reads; one given back beyond that, closed, or with a transaction still open is closed.
/// </summary>
internal sealed class SqliteReadConnections(Func<SqliteConnection> open) : IDisposable
{
    /// <summary>Connections kept open between reads: about as many as reads run at once on a busy node.</summary>
    public const int MaxIdle = 16;

    private readonly ConcurrentStack<PreparedStatementConnection> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public PreparedStatementConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
        }
        else
        {
            connection = new PreparedStatementConnection(open(), GiveBack);
        }

        connection.Lend();
        return connection;
    }

    private void GiveBack(PreparedStatementConnection connection)
    {
        if (_disposed || !connection.Reusable)
        {
            connection.CloseFile();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            connection.CloseFile();
            return;
        }

        _idle.Push(connection);
        if (_disposed)
        {
            CloseIdle(); // disposed meanwhile: it does not stay open
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.CloseFile();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }
}
