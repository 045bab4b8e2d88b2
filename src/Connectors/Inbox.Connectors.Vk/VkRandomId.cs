using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Inbox.Connectors.Vk;

/// <summary>
/// The <c>random_id</c> of messages.send, derived from our message id (and the part number when a reply is split):
/// the same on every retry, so VK refuses to send a repeat. A positive 31-bit number, inside VK's int32 range.
/// </summary>
public static class VkRandomId
{
    public static int For(Guid messageId, int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        Span<byte> input = stackalloc byte[20];
        messageId.TryWriteBytes(input[..16]);
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], part);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var value = BinaryPrimitives.ReadInt32LittleEndian(hash) & int.MaxValue;
        // 0 means "no de-duplication" to VK, so it is never used.
        return value == 0 ? 1 : value;
    }
}
