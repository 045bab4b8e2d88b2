using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// The command line: <c>--name value</c> pairs, each with a default. <see cref="Url"/> is the Inbox node the load, the
/// login and the SignalR listener use; <see cref="Durable"/> is the minimal durable path's store (the same kind as Inbox's);
/// <see cref="ServerPids"/> are the Inbox processes whose CPU and memory are read (the first one's memory).
/// <see cref="MemoryUrl"/> and <see cref="MemoryPid"/> are a second Inbox, started fresh and left idle until the memory
/// phase, so that its resident memory is read with the activated conversations and nothing else; without them the
/// phase runs on <see cref="Url"/>, after the other phases. Each mix measures its targets <see cref="Rounds"/> times in turn,
/// each for <see cref="Duration"/> seconds; its ratios are the median of the rounds'.
/// </summary>
public sealed record BenchOptions(
    Uri Url,
    string Token,
    string Login,
    string Password,
    int Threads,
    int Connections,
    int Duration,
    int Rounds,
    int Warmup,
    int WarmupMax,
    int KnownCustomers,
    int Activate,
    int LatencySeconds,
    int LatencyWarmup,
    DurableTarget? Durable,
    IReadOnlyList<int> ServerPids,
    Uri? MemoryUrl,
    int? MemoryPid,
    int SiloPort,
    int GatewayPort,
    string WrkScript,
    double? ReadyColdMs,
    double? ReadyWarmMs,
    string? Reference,
    string? Json)
{
    public static readonly BenchOptions Defaults = new(
        new Uri("http://127.0.0.1:5099"), "bench-token", "supervisor", "bench-password-1", Threads: 2, Connections: 64, Duration: 5, Rounds: 3, Warmup: 5, WarmupMax: 60,
        KnownCustomers: 1000, Activate: 100_000, LatencySeconds: 10, LatencyWarmup: 3, Durable: null, ServerPids: [], MemoryUrl: null, MemoryPid: null, SiloPort: 11311, GatewayPort: 30300,
        WrkScript: "bench/wrk/inbound.lua", ReadyColdMs: null, ReadyWarmMs: null, Reference: null, Json: null);

    public const string Usage =
        "Usage: Inbox.Benchmarks --durable-sqlite FILE | --durable-postgres CONNECTION-STRING [--url http://127.0.0.1:5099] [--token bench-token] " +
        "[--login supervisor] [--password bench-password-1] [--threads 2] [--connections 64] [--duration 5] [--rounds 3] [--warmup 5] [--warmup-max 60] " +
        "[--known-customers 1000] [--activate 100000] [--latency-seconds 10] [--latency-warmup 3] [--pids PID[,PID...]] " +
        "[--memory-url http://127.0.0.1:5098 --memory-pid PID] [--silo-port 11311] " +
        "[--gateway-port 30300] [--wrk-script bench/wrk/inbound.lua] [--ready-cold-ms MS] [--ready-warm-ms MS] " +
        "[--reference FILE] [--json FILE]";

    /// <summary>Parses the arguments; on a mistake returns null and says what is wrong in <paramref name="error"/>.</summary>
    public static BenchOptions? TryParse(IReadOnlyList<string> args, out string? error)
    {
        var options = Defaults;
        error = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                error = Usage;
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return null;
            }

            var value = args[i + 1];
            options = name switch
            {
                "--url" => options with { Url = ParseUrl(name, value, ref error) },
                "--memory-url" => options with { MemoryUrl = ParseUrl(name, value, ref error) },
                "--memory-pid" => options with { MemoryPid = Whole(name, value, 1, int.MaxValue, ref error) },
                "--token" => options with { Token = value },
                "--login" => options with { Login = value },
                "--password" => options with { Password = value },
                "--threads" => options with { Threads = Whole(name, value, 1, 64, ref error) },
                "--connections" => options with { Connections = Whole(name, value, 1, 10_000, ref error) },
                "--duration" => options with { Duration = Whole(name, value, 1, 3600, ref error) },
                "--rounds" => options with { Rounds = Whole(name, value, 1, 100, ref error) },
                "--warmup" => options with { Warmup = Whole(name, value, 1, 3600, ref error) },
                "--warmup-max" => options with { WarmupMax = Whole(name, value, 1, 3600, ref error) },
                "--known-customers" => options with { KnownCustomers = Whole(name, value, 1, 10_000_000, ref error) },
                "--activate" => options with { Activate = Whole(name, value, 0, 10_000_000, ref error) },
                "--latency-seconds" => options with { LatencySeconds = Whole(name, value, 1, 3600, ref error) },
                "--latency-warmup" => options with { LatencyWarmup = Whole(name, value, 0, 3600, ref error) },
                "--durable-sqlite" => options with { Durable = new DurableTarget(DurableStoreKind.Sqlite, value) },
                "--durable-postgres" => options with { Durable = new DurableTarget(DurableStoreKind.Postgres, value) },
                "--pids" => options with { ServerPids = ParsePids(name, value, ref error) },
                "--silo-port" => options with { SiloPort = Whole(name, value, 1, 65535, ref error) },
                "--gateway-port" => options with { GatewayPort = Whole(name, value, 1, 65535, ref error) },
                "--wrk-script" => options with { WrkScript = value },
                "--ready-cold-ms" => options with { ReadyColdMs = Milliseconds(name, value, ref error) },
                "--ready-warm-ms" => options with { ReadyWarmMs = Milliseconds(name, value, ref error) },
                "--reference" => options with { Reference = value },
                "--json" => options with { Json = value },
                _ => Unknown(name, options, ref error),
            };

            if (error is not null)
            {
                return null;
            }
        }

        if (options.Durable is null)
        {
            error = $"The minimal durable path needs a store: --durable-sqlite or --durable-postgres.{Environment.NewLine}{Usage}";
            return null;
        }

        if ((options.MemoryUrl is null) != (options.MemoryPid is null))
        {
            error = "--memory-url and --memory-pid go together: the fresh Inbox's address and its process.";
            return null;
        }

        return options;
    }

    private static BenchOptions Unknown(string name, BenchOptions options, ref string? error)
    {
        error = $"Unknown option {name}.{Environment.NewLine}{Usage}";
        return options;
    }

    private static Uri ParseUrl(string name, string value, ref string? error)
    {
        if (Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        error = $"{name} must be an absolute http(s) address, not '{value}'.";
        return Defaults.Url;
    }

    private static int[] ParsePids(string name, string value, ref string? error)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pids = new int[parts.Length];
        for (var i = 0; i < parts.Length && error is null; i++)
        {
            pids[i] = Whole(name, parts[i], 1, int.MaxValue, ref error);
        }

        return pids;
    }

    private static double? Milliseconds(string name, string value, ref string? error)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return ms;
        }

        error = $"{name} must be a number of milliseconds, not '{value}'.";
        return null;
    }

    private static int Whole(string name, string value, int min, int max, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        error = $"{name} must be a whole number from {min} to {max}, not '{value}'.";
        return 0;
    }
}
