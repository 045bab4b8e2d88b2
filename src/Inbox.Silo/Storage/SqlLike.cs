namespace Inbox.Silo.Storage;

/// <summary>LIKE patterns for both providers, used with <c>ESCAPE '\'</c>.</summary>
internal static class SqlLike
{
    /// <summary>The pattern that finds <paramref name="text"/> anywhere, its wildcards and escape character taken literally.</summary>
    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
