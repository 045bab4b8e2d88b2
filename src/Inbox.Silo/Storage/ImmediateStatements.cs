using System.Data.Common;
using Dapper;

namespace Inbox.Silo.Storage;

/// <summary>A write's statements run one at a time on the writer's connection, inside its transaction (Dapper binds the parameters).</summary>
public sealed class ImmediateStatements(DbConnection connection, DbTransaction transaction) : StoreStatements
{
    public override bool Expect(string sql, object parameters, int rows = 1) => connection.Execute(sql, parameters, transaction) == rows;

    public override void Execute(string sql, object parameters) => connection.Execute(sql, parameters, transaction);

    public override List<T> Query<T>(string sql, object parameters, Func<DbDataReader, T> map) =>
        StoreReader.Query(connection, transaction, sql, parameters, map);
}
