using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// One statement of the writer's that changes rows, compiled once on the writer's connection and run through SQLite's own
/// interface, the values Dapper staged bound straight to it. Microsoft.Data.Sqlite runs a command through a reader and
/// makes a binder object for every value at every run; on the writer's hot statements that was a tenth of the bytes
/// Inbox allocated per message (see docs/benchmark-rounds.md, fourteenth round). Only plain values take this way
/// (<see cref="CanBind"/>); anything else, and anything unusual at run time, is left to Microsoft.Data.Sqlite.
/// Used by one thread at a time: the writer's.
/// </summary>
internal sealed class CompiledWrite : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameterCount;

    /// <summary>The staged parameters' names the indexes below were looked up for, and each one's index in the statement (0: not in it).</summary>
    private string[] _names = [];
    private int[] _indexes = [];

    private CompiledWrite(sqlite3 database, sqlite3_stmt statement)
    {
        _database = database;
        _statement = statement;
        _parameterCount = raw.sqlite3_bind_parameter_count(statement);
    }

    /// <summary>
    /// Compiles <paramref name="text"/>; null when it is not one statement that writes (<paramref name="never"/>: several
    /// statements, or a read), or when SQLite refuses it now (a table not made yet): those run the usual way, which reports.
    /// </summary>
    public static CompiledWrite? TryCompile(sqlite3 database, string text, out bool never)
    {
        never = false;
        if (raw.sqlite3_prepare_v2(database, text, out var statement, out var tail) != raw.SQLITE_OK)
        {
            statement?.Dispose();
            return null;
        }

        if (statement.IsInvalid || !string.IsNullOrWhiteSpace(tail) || raw.sqlite3_stmt_readonly(statement) != 0)
        {
            statement.Dispose();
            never = true;
            return null;
        }

        return new CompiledWrite(database, statement);
    }

    /// <summary>Whether every value is one SQLite takes as it is: null, text, an integer, a real or bytes.</summary>
    public static bool CanBind(SqliteParameterCollection values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value.Direction != ParameterDirection.Input
                || value.Value is not (null or DBNull or string or long or int or short or byte or bool or double or float or byte[]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs the statement with <paramref name="values"/> and gives the rows it changed. False, with nothing run, when a
    /// parameter of the statement has no value or the database is busy: the usual way then reports it, or waits.
    /// </summary>
    public bool TryRun(SqliteParameterCollection values, out int changes)
    {
        changes = 0;
        if (!Look(values))
        {
            return false;
        }

        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (_indexes[i] > 0)
                {
                    Check(Bind(_indexes[i], values[i].Value));
                }
            }

            int result;
            while ((result = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                // a RETURNING clause's rows: not wanted here
            }

            if (result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
            {
                return false; // the statement's changes are undone by the reset
            }

            Check(result);
            changes = raw.sqlite3_changes(_database);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Looks up where each staged value goes, once per set of names; false when a parameter of the statement would have none.</summary>
    private bool Look(SqliteParameterCollection values)
    {
        if (SameNames(values))
        {
            return _names.Length > 0 || _parameterCount == 0;
        }

        var names = new string[values.Count];
        var indexes = new int[values.Count];
        var covered = new HashSet<int>();
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = values[i].ParameterName;
            indexes[i] = raw.sqlite3_bind_parameter_index(_statement, PreparedStatementConnection.Prefixed(names[i]));
            if (indexes[i] > 0)
            {
                covered.Add(indexes[i]);
            }
        }

        // Remembered either way; names that leave a parameter without a value are remembered as none, so they go the usual way.
        (_names, _indexes) = covered.Count == _parameterCount ? (names, indexes) : ([], []);
        return covered.Count == _parameterCount;
    }

    private bool SameNames(SqliteParameterCollection values)
    {
        if (values.Count != _names.Length)
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!string.Equals(values[i].ParameterName, _names[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private int Bind(int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text16(_statement, index, text),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        short number => raw.sqlite3_bind_int64(_statement, index, number),
        byte number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(_statement, index, real),
        float real => raw.sqlite3_bind_double(_statement, index, real),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new InvalidOperationException($"A {value.GetType().Name} is not bound here; CanBind leaves it to Microsoft.Data.Sqlite."),
    };

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
