using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Testing;

namespace Inbox.Connectors.Testing;

/// <summary>
/// A real, throwaway Dovecot IMAP server (Debian's dovecot-imapd) for one test class or test: its configuration, mail
/// (Maildir), sockets, state and log all live in a temp folder; it listens on 127.0.0.1 on a free port, without TLS, with
/// plain-text login allowed and any user name accepted with <see cref="Password"/> (a static passdb), so every test gets
/// a fresh mailbox by using a new user name. It never touches the system's Dovecot. Run as root, its login and mail
/// processes run as the unprivileged users dovenull and dovecot that the package creates.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Password = "secret";

    public const string Domain = "shop.example";

    private static int _userCounter;

    private readonly bool _idle;
    private Process? _process;

    private DovecotServer(string root, int port, bool idle)
    {
        Root = root;
        Port = port;
        _idle = idle;
    }

    public string Root { get; }

    public int Port { get; }

    public string Host => "127.0.0.1";

    public string ConfigPath => Path.Combine(Root, "dovecot.conf");

    public string LogPath => Path.Combine(Root, "dovecot.log");

    /// <summary>Starts a server; <paramref name="idle"/> false advertises no IDLE capability (as some servers do).</summary>
    public static async Task<DovecotServer> StartAsync(bool idle = true)
    {
        var binary = FindBinary();
        var root = Directory.CreateTempSubdirectory("inbox-dovecot-").FullName;
        var server = new DovecotServer(root, FreePort.Next(), idle);
        await server.WriteConfigurationAsync(binary);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A new user (a new, empty mailbox): <c>support-{n}@shop.example</c>.</summary>
    public static string NewUser(string prefix = "support") => $"{prefix}-{Interlocked.Increment(ref _userCounter)}-{Guid.NewGuid().ToString("N")[..6]}@{Domain}";

    public async Task<TestMailbox> OpenMailboxAsync(string user) => await TestMailbox.ConnectAsync(Host, Port, user, Password);

    /// <summary>Starts the Dovecot process (again, after <see cref="KillAsync"/>) and waits until it greets.</summary>
    public async Task StartProcessAsync()
    {
        var binary = FindBinary();
        var start = new ProcessStartInfo(binary, ["-F", "-c", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("dovecot did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                File.AppendAllText(Path.Combine(Root, "stderr.log"), e.Data + "\n");
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilGreetingAsync();
    }

    /// <summary>Kills Dovecot and all its processes at once: every open IMAP connection drops, as in a crash or a network cut.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(Signal.MaxWait);
        }

        // Processes left over from the kill (children re-parented before the tree was walked) must not hold the port.
        await WaitUntilPortClosedAsync();
    }

    /// <summary>The log lines of Dovecot itself (logins, disconnects with byte counts).</summary>
    public IReadOnlyList<string> LogLines() => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>
    /// The most bytes Dovecot sent in one session of <paramref name="user"/> (the <c>out=</c> of its logout/disconnect lines):
    /// what a client really downloaded.
    /// </summary>
    public long MaxBytesSentTo(string user)
    {
        long max = -1;
        foreach (var line in LogLines().Where(l => l.Contains($"imap({user})", StringComparison.Ordinal)))
        {
            var at = line.IndexOf(" out=", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var digits = new string(line[(at + 5)..].TakeWhile(char.IsDigit).ToArray());
            if (long.TryParse(digits, out var bytes))
            {
                max = Math.Max(max, bytes);
            }
        }

        return max;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                using var stop = Process.Start(new ProcessStartInfo("doveadm", ["-c", ConfigPath, "stop"]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
                if (stop is not null)
                {
                    await stop.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }

                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // fall through to the kill
        }
        finally
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }

            _process?.Dispose();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // a late Dovecot process still writing; the temp folder is cleaned by the system
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string FindBinary()
    {
        foreach (var candidate in (string[])["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"])
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "dovecot")).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "Dovecot is not installed, and the email connector's tests run against a real IMAP server. " +
            "Install it with `apt-get install -y dovecot-imapd` (or run tests/Inbox.Connectors.Email.Tests/install-test-servers.sh).");
    }


    private async Task WriteConfigurationAsync(string binary)
    {
        var mail = Path.Combine(Root, "mail");
        foreach (var dir in (string[])["run", "state", "mail"])
        {
            Directory.CreateDirectory(Path.Combine(Root, dir));
        }

        // Dovecot's own users must reach the temp folder and write the mail folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(mail, (UnixFileMode)0x1FF);
        }

        string internalUser, loginUser, mailUser, mailGroup;
        if (Environment.IsPrivilegedProcess)
        {
            (internalUser, loginUser, mailUser, mailGroup) = ("dovecot", "dovenull", "dovenull", "dovenull");
        }
        else
        {
            var me = Environment.UserName;
            (internalUser, loginUser, mailUser, mailGroup) = (me, me, await RunAsync("id", "-u"), await RunAsync("id", "-g"));
        }

        var capability = _idle ? "" : "imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE NAMESPACE UIDPLUS UNSELECT CHILDREN ESEARCH\n";
        var config = $$"""
            # Throwaway Dovecot for the email connector tests ({{binary}}); everything lives under {{Root}}.
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{Root}}/run
            state_dir = {{Root}}/state
            log_path = {{LogPath}}
            info_log_path = {{LogPath}}
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            default_internal_user = {{internalUser}}
            default_internal_group = {{internalUser}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            first_valid_gid = 1
            mail_location = maildir:{{mail}}/%u
            {{capability}}
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{mailGroup}} home={{mail}}/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            service stats {
              unix_listener stats-reader {
                mode = 0666
              }
              unix_listener stats-writer {
                mode = 0666
              }
            }
            """;
        await File.WriteAllTextAsync(ConfigPath, config.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private async Task WaitUntilGreetingAsync()
    {
        var deadline = DateTime.UtcNow + Signal.MaxWait;
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"dovecot exited at start ({_process.ExitCode}): {ReadProblems()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var greeting = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (greeting?.StartsWith("* OK", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"dovecot did not greet on port {Port} within {Signal.MaxWait.TotalSeconds} s: {ReadProblems()}");
            }

            await Task.Delay(50);
        }
    }

    private async Task WaitUntilPortClosedAsync()
    {
        var deadline = DateTime.UtcNow + Signal.MaxWait;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
            }
            catch (SocketException)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"port {Port} still open after dovecot was killed");
    }

    private string ReadProblems()
    {
        var stderr = Path.Combine(Root, "stderr.log");
        var text = (File.Exists(stderr) ? File.ReadAllText(stderr) : "") + string.Join('\n', LogLines().TakeLast(20));
        return text.Length == 0 ? "(no output)" : text;
    }

    private static async Task<string> RunAsync(string file, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(file, [argument]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
