using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Inbox.Silo.Storage;

/// <summary>Runs a query and maps each row; reads a column written by either provider (<see cref="StoreValues"/>).</summary>
public static class StoreReader
{
    public static List<T> Query<T>(DbConnection connection, DbTransaction? transaction, string sql, object? parameters, Func<DbDataReader, T> map)
    {
        using var reader = (DbDataReader)connection.ExecuteReader(new CommandDefinition(sql, parameters, transaction));
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, object? parameters, Func<DbDataReader, T> map,
        CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static Guid ReadGuid(DbDataReader r, int ordinal) => r.GetValue(ordinal) is Guid id ? id : Guid.Parse(r.GetString(ordinal));

    public static Guid? ReadNullableGuid(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : ReadGuid(r, ordinal);

    public static DateTimeOffset ReadTime(DbDataReader r, int ordinal) => r.GetValue(ordinal) switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        var text => ParseTime((string)text),
    };

    public static DateTimeOffset? ReadNullableTime(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : ReadTime(r, ordinal);

    public static bool ReadFlag(DbDataReader r, int ordinal) => r.GetValue(ordinal) is bool flag ? flag : r.GetInt64(ordinal) == 1;

    public static string? ReadNullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
