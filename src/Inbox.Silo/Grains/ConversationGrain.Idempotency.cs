using System.Security.Cryptography;
using System.Text;
using Inbox.Domain.Conversations;

namespace Inbox.Silo.Grains;

/// <summary>
/// Idempotency keys of operators' replies and notes (a double click, a retry after a lost answer): the first request under a
/// key makes the item and stores the key with it in the same commit; a repeat within the retention gets the first item back
/// and nothing is stored or sent again. The grain's turns order two requests racing on one node; the store's unique key
/// decides between nodes. The same key with another request is refused (<see cref="IdempotencyKeyReusedException"/>).
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>The request's key, when an operator gave one; null otherwise (no idempotency, as before keys existed).</summary>
    private IdempotentRequest? Once(Guid? operatorId, string? key, string fingerprint) =>
        operatorId is { } id && !string.IsNullOrEmpty(key)
            ? new IdempotentRequest(id, key, fingerprint, clock.GetUtcNow() - options.Value.IdempotencyRetention)
            : null;

    /// <summary>The item made before under the request's key, or null when the key is new (or expired).</summary>
    private async Task<TimelineMessage?> ReplayAsync(IdempotentRequest? once)
    {
        if (once is null || await store.FindIdempotencyAsync(this.GetPrimaryKey(), once.OperatorId, once.Key, once.NotBefore) is not { } stored)
        {
            return null;
        }

        if (stored.Fingerprint != once.Fingerprint)
        {
            throw new IdempotencyKeyReusedException($"The idempotency key '{once.Key}' was used for another request in this conversation.");
        }

        return await store.GetMessageAsync(stored.MessageId);
    }

    private static string ReplyFingerprint(ReplyRequest reply) => Fingerprint("reply", reply.Text, reply.Channel, reply.Identity,
        string.Join(",", reply.Attachments?.Select(a => a.AttachmentId.ToString()) ?? []), reply.By?.TakeOver == true ? "take-over" : "");

    private static string NoteFingerprint(string text) => Fingerprint("note", text);

    private static string Fingerprint(params string?[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p ?? "\u0000")))));
}
