using System.Text.Json.Nodes;

namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>One request the fake Bot API received: the method (or <c>file:{path}</c> for a download), its parameters, uploaded files.</summary>
public sealed record BotApiCall(string Method, JsonObject Parameters, IReadOnlyDictionary<string, UploadedFile> Files)
{
    public string? Get(string name) => Parameters[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };

    /// <summary>The file a parameter points at with <c>attach://name</c>.</summary>
    public UploadedFile? FileFor(string parameter) =>
        Get(parameter) is { } value && value.StartsWith("attach://", StringComparison.Ordinal) && Files.TryGetValue(value["attach://".Length..], out var file) ? file : null;
}
