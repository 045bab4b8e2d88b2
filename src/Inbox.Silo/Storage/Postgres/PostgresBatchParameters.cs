using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Binds a gathered statement's parameters (<see cref="GatheredStatement"/>: an object whose properties are named as the
/// SQL's <c>@names</c>) to an <see cref="NpgsqlBatchCommand"/>, as Dapper binds them to a command: only the properties the
/// SQL names, a null as <see cref="DBNull"/> typed by its property (<c>string</c>, <c>int?</c>...; a property typed
/// <c>object</c> leaves the type to PostgreSQL). The property readers of each (type, SQL) pair are compiled once.
/// </summary>
public static partial class PostgresBatchParameters
{
    private static readonly ConcurrentDictionary<(Type, string), Binding[]> Bindings = new();

    public static void Bind(NpgsqlParameterCollection into, string sql, object parameters)
    {
        foreach (var binding in Bindings.GetOrAdd((parameters.GetType(), sql), static key => Compile(key.Item1, key.Item2)))
        {
            var value = binding.Read(parameters);
            into.Add(value is null
                ? (binding.NullType is { } type ? new NpgsqlParameter(binding.Name, type) { Value = DBNull.Value } : new NpgsqlParameter(binding.Name, DBNull.Value))
                : new NpgsqlParameter(binding.Name, value));
        }
    }

    private static Binding[] Compile(Type type, string sql)
    {
        var named = NamedParameter().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && named.Contains(p.Name))
            .Select(p => new Binding(p.Name, Reader(type, p), NullType(p.PropertyType)))
            .ToArray();
    }

    private static Func<object, object?> Reader(Type type, PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var read = Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(read, instance).Compile();
    }

    private static NpgsqlDbType? NullType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(short) => NpgsqlDbType.Smallint,
        var t when t == typeof(bool) => NpgsqlDbType.Boolean,
        var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
        var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
        var t when t == typeof(double) => NpgsqlDbType.Double,
        var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
        _ => null,
    };

    [GeneratedRegex(@"@([\p{L}_][\p{L}\p{N}_]*)")]
    private static partial Regex NamedParameter();

    private sealed record Binding(string Name, Func<object, object?> Read, NpgsqlDbType? NullType);
}
