namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>The .eml files of Corpus/: mail shaped like real mail (exact bytes: cp1251, koi8-r, 8-bit headers).</summary>
public static class Corpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static IReadOnlyList<string> Names => [.. Directory.GetFiles(Folder, "*.eml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
