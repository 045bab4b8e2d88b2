using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Inbox.Testing;

namespace Inbox.Testing.Postgres;

/// <summary>
/// A PostgreSQL server of its own for a test run: <c>initdb</c> in a temporary folder, started on 127.0.0.1 and a free
/// port with trust authentication for the user <see cref="User"/>, stopped and deleted on dispose. Run as root (CI),
/// the server runs as the <c>postgres</c> user, as PostgreSQL refuses to run as root. Debian's <c>postgresql</c>
/// package provides it (<c>install-postgres.sh</c>, which <c>test.sh</c> runs).
/// </summary>
public sealed class TemporaryPostgres : IAsyncDisposable
{
    public const string User = "inbox";

    private readonly string _folder;
    private readonly string _binaries;
    private bool _stopped;

    private TemporaryPostgres(string folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The connection string of the server's default database (<c>postgres</c>).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>Initialises and starts a new server. <paramref name="durable"/> keeps fsync on (benchmarks); tests leave it off.</summary>
    public static async Task<TemporaryPostgres> StartAsync(bool durable = false)
    {
        var binaries = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "inbox-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
        }

        var server = new TemporaryPostgres(folder, binaries, FreePort.Next());
        var data = Path.Combine(folder, "data");
        await server.RunToolAsync("initdb", ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var options = $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300" + (durable ? "" : " -c fsync=off -c full_page_writes=off");
        await server.RunToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        return server;
    }

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true }.ConnectionString;

    /// <summary>What the server logged, for a failing test's message.</summary>
    public string Log => File.Exists(Path.Combine(_folder, "server.log")) ? File.ReadAllText(Path.Combine(_folder, "server.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunToolAsync("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // left for the system's temp cleanup
            }
            catch (UnauthorizedAccessException)
            {
                // left for the system's temp cleanup
            }
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(Path.Combine(_binaries, tool), arguments, asPostgres: Environment.UserName == "root");

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var version) ? version : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: run tests/Inbox.Testing.Postgres/install-postgres.sh (Debian's postgresql package).");
    }

}
