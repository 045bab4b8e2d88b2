using System.Diagnostics;
using System.Text;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Inbox started as its own process from the web project's build output, as the README runs it, so that it can be killed.</summary>
public sealed class InboxProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private InboxProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A new, empty data folder for one process test (under the system's temp folder, left for its cleanup).</summary>
    public static string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "inbox-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <param name="arguments">More <c>--Key=value</c> settings.</param>
    /// <param name="environment">Environment variables of the process; with <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c> among them no <c>--urls</c> is passed.</param>
    public static async Task<InboxProcess> StartAsync(string databasePath, int httpPort, int siloPort, int gatewayPort,
        IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var portFromEnvironment = environment is not null && (environment.ContainsKey("ASPNETCORE_URLS") || environment.ContainsKey("ASPNETCORE_HTTP_PORTS"));
        foreach (var arg in new[]
        {
            WebAssemblyPath(), portFromEnvironment ? null : $"--urls=http://127.0.0.1:{httpPort}", $"--Storage:Sqlite:Path={databasePath}",
            $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={gatewayPort}", $"--Channels:Api:Token={InboxServer.ApiToken}",
            $"--Demo:Password={InboxServer.DemoPassword}", "--Demo:Teams=false",
            // The intent model the in-process servers share: trained once per machine, loaded by every start after.
            $"--Chatbot:ModelCache={InboxServer.SharedModelCache}",
        }.Concat(arguments ?? []))
        {
            if (arg is not null)
            {
                start.ArgumentList.Add(arg);
            }
        }

        return await StartAsync(start, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>
    /// Node <paramref name="node"/> of a cluster on PostgreSQL, started the way <c>docker/local-cluster.sh node N</c>
    /// starts it (the script execs the node, so killing this process kills the node).
    /// </summary>
    public static Task<InboxProcess> StartClusterNodeAsync(int node, string connectionString, string dataFolder, int httpPort, int siloPort,
        int gatewayPort, IEnumerable<string>? arguments = null)
    {
        var (root, configuration) = RepositoryAndConfiguration();
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = connectionString,
                ["INBOX_DATA"] = dataFolder,
                ["INBOX_CONFIGURATION"] = configuration,
                ["INBOX_HTTP_PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["INBOX_SILO_PORT"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["INBOX_GATEWAY_PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        foreach (var arg in new[]
        {
            Path.Combine(root, "docker", "local-cluster.sh"), "node", node.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"--Channels:Api:Token={InboxServer.ApiToken}", $"--Demo:Password={InboxServer.DemoPassword}", "--Demo:Teams=false",
        }.Concat(arguments ?? []))
        {
            start.ArgumentList.Add(arg);
        }

        return StartAsync(start, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    private static async Task<InboxProcess> StartAsync(ProcessStartInfo start, Uri baseAddress)
    {
        var process = new InboxProcess(Process.Start(start)!, baseAddress);
        await process.WaitUntilReadyAsync();
        return process;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Inbox exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Inbox was not ready within 90 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>src/Inbox.Web/bin/{Debug|Release}/net10.0/Inbox.Web.dll of this checkout, built with the same configuration as the tests.</summary>
    private static string WebAssemblyPath()
    {
        var (root, configuration) = RepositoryAndConfiguration();
        var path = Path.Combine(root, "src", "Inbox.Web", "bin", configuration, "net10.0", "Inbox.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Inbox.Web first.", path);
    }

    /// <summary>The repository root (where Inbox.sln is) and the build configuration of the tests (Debug or Release).</summary>
    private static (string Root, string Configuration) RepositoryAndConfiguration() =>
        (RepositoryRoot.Path, new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name);
}
