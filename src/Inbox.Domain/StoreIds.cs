namespace Inbox.Domain;

/// <summary>
/// New ids of what is stored many times a second (messages, customers and their conversations): version 7 GUIDs, which
/// start with the time, so each new row goes at the end of its table's id index instead of onto a random page of it.
/// </summary>
public static class StoreIds
{
    public static Guid New() => Guid.CreateVersion7();

    /// <summary>When <paramref name="id"/> was made, if <see cref="New"/> made it: a version 7 GUID starts with its Unix time in milliseconds.</summary>
    public static DateTimeOffset? MadeAt(Guid id)
    {
        if (id.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = 0L;
        foreach (var b in bytes[..6])
        {
            milliseconds = (milliseconds << 8) | b;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
