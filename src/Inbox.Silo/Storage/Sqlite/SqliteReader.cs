using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Runs a query and maps each row with a row reader from <see cref="SqliteRows"/>.</summary>
internal static class SqliteReader
{
    public static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, object? parameters, Func<DbDataReader, T> map)
    {
        using var reader = (DbDataReader)connection.ExecuteReader(new CommandDefinition(sql, parameters, transaction));
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
