using System.Text.Json;
using Inbox.Domain;
using Orleans.Storage;

namespace Inbox.Silo.Storage;

/// <summary>Grain state as Inbox's JSON (<see cref="InboxJson.Options"/>), the form the SQLite grain storage keeps too.</summary>
public sealed class InboxJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, InboxJson.Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, InboxJson.Options)!;
    }
}
