using System.Text.Json;

namespace Inbox.Connectors.Email;

/// <summary>
/// The durable side of skipping a bad mail, in the connector cursor store beside the folder's checkpoint: the attempts on
/// the mail after the checkpoint (<c>{checkpoint key}#attempts</c>) and the folder's dead letters
/// (<c>{checkpoint key}#dead-letters</c>, JSON, the last <see cref="MaxKept"/>), which are also shown in the connector's health.
/// </summary>
public sealed class EmailDeadLetterStore(IConnectorCursorStore cursors, ConnectorHealth health)
{
    public const int MaxKept = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string AttemptsKey(string checkpointKey) => checkpointKey + "#attempts";

    public static string DeadLettersKey(string checkpointKey) => checkpointKey + "#dead-letters";

    /// <summary>The recorded attempts on <paramref name="uid"/>; none when the record is of another mail (or unreadable).</summary>
    public async Task<EmailMessageAttempts> AttemptsAsync(string checkpointKey, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        var stored = Read<EmailMessageAttempts>(await cursors.GetAsync(AttemptsKey(checkpointKey), cancellationToken));
        return stored is not null && stored.UidValidity == uidValidity && stored.Uid == uid ? stored : new EmailMessageAttempts(uidValidity, uid, 0, null);
    }

    public Task SetAttemptsAsync(string checkpointKey, EmailMessageAttempts attempts, CancellationToken cancellationToken) =>
        cursors.SetAsync(AttemptsKey(checkpointKey), JsonSerializer.Serialize(attempts, Json), cancellationToken);

    /// <summary>Reads the folder's dead letters and shows them in the connector's health.</summary>
    public async Task<IReadOnlyList<EmailDeadLetter>> LoadAsync(string checkpointKey, CancellationToken cancellationToken)
    {
        var letters = Read<List<EmailDeadLetter>>(await cursors.GetAsync(DeadLettersKey(checkpointKey), cancellationToken)) ?? [];
        health.SetDeadLetters(letters.Select(d => d.ForHealth()).ToList());
        return letters;
    }

    /// <summary>Adds a dead letter (once per UID and UIDVALIDITY), keeps the last <see cref="MaxKept"/>, and shows them in the health report.</summary>
    public async Task AddAsync(string checkpointKey, EmailDeadLetter letter, CancellationToken cancellationToken)
    {
        var letters = (await LoadAsync(checkpointKey, cancellationToken))
            .Where(d => d.Uid != letter.Uid || d.UidValidity != letter.UidValidity)
            .Append(letter)
            .TakeLast(MaxKept)
            .ToList();
        await cursors.SetAsync(DeadLettersKey(checkpointKey), JsonSerializer.Serialize(letters, Json), cancellationToken);
        health.SetDeadLetters(letters.Select(d => d.ForHealth()).ToList());
    }

    private static T? Read<T>(string? stored)
        where T : class
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(stored, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
