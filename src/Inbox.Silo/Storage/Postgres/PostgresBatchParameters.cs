using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Makes a gathered statement (<see cref="GatheredStatement"/>: SQL with <c>@names</c> and an object whose properties are
/// named as them) an <see cref="NpgsqlBatchCommand"/>, binding as Dapper binds to a command: only the properties the SQL
/// names, a null as <see cref="DBNull"/> typed by its property (<c>string</c>, <c>int?</c>...; a property typed
/// <c>object</c> leaves the type to PostgreSQL). Once per (type, SQL) pair, the SQL's names are written as PostgreSQL's
/// positions (<c>$1</c>, <c>$2</c>..., a name used twice one position; not inside a quoted literal or a comment) and the
/// property readers are compiled, so the command goes with positional parameters, which Npgsql sends as written: with
/// named ones it parsed and rewrote every statement's SQL at every execution (<c>SqlQueryParser.ParseRawQuery</c>, 5.6% of a
/// node's CPU in a known-customer load on PostgreSQL, the binding's look-ups 3% more; docs/benchmark-rounds.md, twenty-sixth round).
/// </summary>
public static partial class PostgresBatchParameters
{
    private static readonly ConcurrentDictionary<(Type, string), Positional> Statements = new();

    /// <summary>The statement as a batch command: its SQL with positions, and its parameters in their order.</summary>
    public static NpgsqlBatchCommand Command(string sql, object parameters)
    {
        var positional = Statements.GetOrAdd((parameters.GetType(), sql), static key => Compile(key.Item1, key.Item2));
        var command = new NpgsqlBatchCommand(positional.Sql);
        foreach (var binding in positional.Bindings)
        {
            var value = binding.Read(parameters);
            command.Parameters.Add(value is null
                ? (binding.NullType is { } type ? new NpgsqlParameter { NpgsqlDbType = type, Value = DBNull.Value } : new NpgsqlParameter { Value = DBNull.Value })
                : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static Positional Compile(Type type, string sql)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var bindings = new List<Binding>();
        var written = new System.Text.StringBuilder(sql.Length);
        var at = 0;
        while (at < sql.Length)
        {
            var c = sql[at];
            if (c == '\'' || (c == '-' && at + 1 < sql.Length && sql[at + 1] == '-'))
            {
                // A quoted literal ('' inside it is a quote) or a comment to the end of its line: copied as it is.
                var end = c == '\'' ? EndOfLiteral(sql, at) : sql.IndexOf('\n', at) is var line and >= 0 ? line : sql.Length;
                written.Append(sql, at, end - at);
                at = end;
                continue;
            }

            var name = c == '@' ? NamedParameter().Match(sql, at) : null;
            if (name is not { Success: true } || name.Index != at || !properties.TryGetValue(name.Groups[1].Value, out var property))
            {
                written.Append(c);
                at++;
                continue;
            }

            if (!positions.TryGetValue(property.Name, out var position))
            {
                position = positions.Count + 1;
                positions.Add(property.Name, position);
                bindings.Add(new Binding(Reader(type, property), NullType(property.PropertyType)));
            }

            written.Append('$').Append(position);
            at += name.Length;
        }

        return new Positional(written.ToString(), [.. bindings]);
    }

    /// <summary>Where the literal that opens at <paramref name="start"/> ends (just after its closing quote).</summary>
    private static int EndOfLiteral(string sql, int start)
    {
        var at = start + 1;
        while (at < sql.Length)
        {
            if (sql[at] == '\'')
            {
                if (at + 1 < sql.Length && sql[at + 1] == '\'')
                {
                    at += 2;
                    continue;
                }

                return at + 1;
            }

            at++;
        }

        return sql.Length;
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

    private sealed record Binding(Func<object, object?> Read, NpgsqlDbType? NullType);

    private sealed record Positional(string Sql, Binding[] Bindings);
}
