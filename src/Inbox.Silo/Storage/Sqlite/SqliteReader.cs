using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Runs a query and maps each row (<see cref="StoreReader"/>).</summary>
internal static class SqliteReader
{
    public static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, object? parameters, Func<DbDataReader, T> map) =>
        StoreReader.Query(connection, transaction, sql, parameters, map);
}
