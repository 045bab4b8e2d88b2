using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Inbox.Connectors.Email;

/// <summary>
/// How far a folder has been read: its UIDVALIDITY and the highest UID whose message is stored, written
/// <c>"{uidvalidity}:{lastUid}"</c>. A different UIDVALIDITY voids every UID: reading starts again from the first message.
/// </summary>
public readonly record struct EmailMailboxCheckpoint(uint UidValidity, uint LastUid)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{UidValidity}:{LastUid}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailMailboxCheckpoint? checkpoint)
    {
        checkpoint = null;
        var parts = text?.Split(':');
        if (parts is not { Length: 2 }
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return false;
        }

        checkpoint = new EmailMailboxCheckpoint(validity, last);
        return true;
    }
}
