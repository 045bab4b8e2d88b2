using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Orleans.Runtime;
using Orleans.Storage;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// Orleans grain storage in the embedded SQLite file: one row per grain and state name, JSON payload, an etag
/// checked on every write so that two activations of one grain cannot overwrite each other.
/// Writes go through the group-commit writer like everything else.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, SqliteWriteQueue writer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = database.Open();
        var row = SqliteReader.Query(connection, null, "SELECT etag, payload FROM grain_state WHERE state_name = @stateName AND grain_id = @grainId",
            new { stateName, grainId = grainId.ToString() }, r => (ETag: r.GetString(0), Payload: r.GetString(1))).FirstOrDefault();
        if (row.ETag is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        grainState.State = JsonSerializer.Deserialize<T>(row.Payload, InboxJson.Options) ?? Activator.CreateInstance<T>();
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = JsonSerializer.Serialize(grainState.State, InboxJson.Options);
        var newETag = Guid.NewGuid().ToString("N");
        var expected = grainState.ETag;
        var id = grainId.ToString();
        var written = await writer.WriteAsync((connection, transaction) => expected is null
            ? connection.Execute("INSERT INTO grain_state (state_name, grain_id, etag, payload) VALUES (@stateName, @id, @newETag, @payload) ON CONFLICT DO NOTHING",
                new { stateName, id, newETag, payload }, transaction)
            : connection.Execute("UPDATE grain_state SET etag = @newETag, payload = @payload WHERE state_name = @stateName AND grain_id = @id AND etag = @expected",
                new { stateName, id, newETag, payload, expected }, transaction)).ConfigureAwait(false);
        if (written != 1)
        {
            throw new InconsistentStateException($"The stored state '{stateName}' of {id} changed under this activation.", expected ?? "", newETag);
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = grainId.ToString();
        await writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM grain_state WHERE state_name = @stateName AND grain_id = @id", new { stateName, id }, transaction)).ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
