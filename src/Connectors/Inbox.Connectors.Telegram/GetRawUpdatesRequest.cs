using System.Text.Json;
using Telegram.Bot.Requests;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// <c>getUpdates</c>, answered as raw JSON elements rather than typed updates: one malformed update (which would make the
/// library's typed <c>getUpdates</c> fail as a whole, again on every call) is then skipped by its <c>update_id</c>
/// instead of blocking the bot. The offset is a <see cref="long"/> for the same reason.
/// </summary>
public sealed class GetRawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    /// <summary>The highest <c>update_id</c> already handled, plus one; Telegram forgets everything below it.</summary>
    public long? Offset { get; set; }

    public int? Limit { get; set; }

    /// <summary>Long-polling timeout in seconds.</summary>
    public int? Timeout { get; set; }

    public IReadOnlyList<string>? AllowedUpdates { get; set; }
}
