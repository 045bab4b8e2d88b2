using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>A fresh SQLite file in its own temporary folder, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "inbox.db");

    /// <summary>The embedded store on this file, its tables created (or brought up to date) as at a node's start.</summary>
    public SqliteDatabase OpenDatabase() => new(Options.Create(new SqliteOptions { Path = Path }));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on shutdown; the temp folder is cleaned by the system
        }
    }
}
