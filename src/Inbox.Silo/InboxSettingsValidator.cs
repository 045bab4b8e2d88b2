using Inbox.Silo.Grains;
using Inbox.Silo.Storage.Postgres;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Inbox.Silo;

/// <summary>Checks the silo's own settings at start, naming the key: ports, the store, the conversation list.</summary>
public sealed class InboxSettingsValidator :
    IValidateOptions<InboxClusterOptions>, IValidateOptions<StorageOptions>, IValidateOptions<SqliteOptions>, IValidateOptions<PostgresOptions>,
    IValidateOptions<ConversationOptions>
{
    public ValidateOptionsResult Validate(string? name, InboxClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = InboxClusterOptions.SectionName;
        return Checks(
            (options.SiloPort is > 0 and <= 65535, $"{section}:SiloPort must be 1–65535."),
            (options.GatewayPort is > 0 and <= 65535 && options.GatewayPort != options.SiloPort, $"{section}:GatewayPort must be 1–65535 and differ from SiloPort."),
            (!string.IsNullOrWhiteSpace(options.ClusterId), $"{section}:ClusterId must not be empty."));
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Checks((options.IsSqlite || options.IsPostgres,
            $"{StorageOptions.SectionName}:Provider '{options.Provider}' is not supported; use '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}'."));
    }

    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Checks(
            (!string.IsNullOrWhiteSpace(options.ConnectionString),
                $"{PostgresOptions.ConnectionStringKey} must be set when {StorageOptions.SectionName}:Provider is '{StorageOptions.Postgres}'."),
            (options.MaxBatch is >= 1 and <= 100_000, $"{PostgresOptions.SectionName}:MaxBatch must be 1–100000."),
            (options.StartTimeout >= TimeSpan.Zero && options.StartTimeout <= TimeSpan.FromHours(1), $"{PostgresOptions.SectionName}:StartTimeout must be 0 to 1 hour."));
    }

    public ValidateOptionsResult Validate(string? name, SqliteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = SqliteOptions.SectionName;
        return Checks(
            (!string.IsNullOrWhiteSpace(options.Path), $"{section}:Path must name the database file."),
            (options.MaxBatch is >= 1 and <= 100_000, $"{section}:MaxBatch must be 1–100000."));
    }

    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Checks((options.PreviewLength is >= 1 and <= 4096, "Conversations:PreviewLength must be 1–4096."),
            (options.IdempotencyRetention >= TimeSpan.FromMinutes(1) && options.IdempotencyRetention <= TimeSpan.FromDays(30),
                "Conversations:IdempotencyRetention must be 00:01:00–30.00:00:00."));
    }

    private static ValidateOptionsResult Checks(params (bool Holds, string Message)[] checks)
    {
        var failed = checks.Where(c => !c.Holds).Select(c => c.Message).ToList();
        return failed.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failed);
    }
}
