using Dapper;
using Inbox.Domain.CannedReplies;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>Canned replies in <c>canned_replies</c> (the time as UTC ticks), the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlCannedReplyStore(StoreConnections store) : ICannedReplyStore
{
    public async Task<IReadOnlyList<CannedReply>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, "SELECT reply_key, title, body, updated_ticks, updated_by FROM canned_replies ORDER BY reply_key", null,
            r => new CannedReply(r.GetString(0), r.GetString(1), r.GetString(2), new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero), ReadNullableString(r, 4)),
            cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> SaveAsync(CannedReply reply, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
        {
            var parameters = new { key = reply.Key, title = reply.Title, body = reply.Text, ticks = reply.UpdatedAt.UtcTicks, by = reply.UpdatedBy };
            var updated = connection.Execute(
                "UPDATE canned_replies SET title = @title, body = @body, updated_ticks = @ticks, updated_by = @by WHERE reply_key = @key", parameters, transaction);
            if (updated == 0)
            {
                connection.Execute("INSERT INTO canned_replies (reply_key, title, body, updated_ticks, updated_by) VALUES (@key, @title, @body, @ticks, @by)",
                    parameters, transaction);
            }

            return updated == 0;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) =>
            connection.Execute("DELETE FROM canned_replies WHERE reply_key = @key", new { key }, transaction) > 0, cancellationToken);
}
