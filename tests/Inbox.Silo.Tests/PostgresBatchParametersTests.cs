using Inbox.Silo.Storage.Postgres;
using NpgsqlTypes;

namespace Inbox.Silo.Tests;

public sealed class PostgresBatchParametersTests
{
    [Fact]
    public void Names_become_positions_in_the_order_they_first_appear_and_a_name_used_twice_is_one_position()
    {
        var command = PostgresBatchParameters.Command(
            "UPDATE t SET a = @Second, b = @first WHERE id = @ID AND a IS DISTINCT FROM @second",
            new { first = "one", second = 2L, id = Guid.Empty, unused = 4 });

        Assert.Equal("UPDATE t SET a = $1, b = $2 WHERE id = $3 AND a IS DISTINCT FROM $1", command.CommandText);
        Assert.Equal([2L, "one", Guid.Empty], command.Parameters.Select(p => p.Value));
        Assert.All(command.Parameters, p => Assert.Equal("", p.ParameterName));
    }

    [Fact]
    public void What_is_quoted_commented_or_no_property_stays_as_written()
    {
        var command = PostgresBatchParameters.Command(
            "SELECT '@id', 'it''s @id', e -- @id in a comment\n FROM t WHERE id = @id AND doc @> @filter AND x = @other::text",
            new { id = 7, filter = "{}" });

        Assert.Equal("SELECT '@id', 'it''s @id', e -- @id in a comment\n FROM t WHERE id = $1 AND doc @> $2 AND x = @other::text", command.CommandText);
        Assert.Equal([7, "{}"], command.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void A_null_goes_as_a_null_of_its_propertys_type_and_an_object_property_leaves_the_type_to_the_server()
    {
        var command = PostgresBatchParameters.Command("INSERT INTO t VALUES (@text, @count, @when, @any)",
            new { text = (string?)null, count = (long?)null, when = (DateTimeOffset?)null, any = (object?)null });

        Assert.All(command.Parameters, p => Assert.Equal(DBNull.Value, p.Value));
        Assert.Equal([NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz],
            command.Parameters.Take(3).Select(p => p.NpgsqlDbType));
        Assert.Equal(NpgsqlDbType.Unknown, command.Parameters[3].NpgsqlDbType);
    }
}
