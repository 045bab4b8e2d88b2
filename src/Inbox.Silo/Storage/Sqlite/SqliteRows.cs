using System.Globalization;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>How the embedded store writes ids and times (as text); the message store's rows are read by <see cref="StoreRows"/>.</summary>
internal static class SqliteRows
{
    public static string Id(Guid id) => id.ToString("D");

    public static string? Id(Guid? id) => id?.ToString("D");

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is null ? null : Time(time.Value);

    public static DateTimeOffset ParseTime(string text) => StoreReader.ParseTime(text);
}
