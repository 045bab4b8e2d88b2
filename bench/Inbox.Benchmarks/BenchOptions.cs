using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// The command line: <c>--name value</c> pairs, each with a default. <see cref="Urls"/> are the Inbox nodes: the POSTs go
/// round-robin over them; the login and the SignalR listener use the first. <see cref="Durable"/>, when set, adds the
/// minimal durable path on that store as a second baseline; <see cref="ServerPids"/> are the Inbox processes whose CPU
/// time during the measured phase is reported beside the client's.
/// </summary>
public sealed record BenchOptions(
    IReadOnlyList<Uri> Urls,
    string Token,
    string Login,
    string Password,
    int Concurrency,
    int Messages,
    int Customers,
    int Warmup,
    DurableTarget? Durable,
    IReadOnlyList<int> ServerPids)
{
    public static readonly BenchOptions Defaults = new(
        [new Uri("http://127.0.0.1:5099")], "bench-token", "supervisor", "bench-password-1",
        Concurrency: 32, Messages: 20000, Customers: 2000, Warmup: 500, Durable: null, ServerPids: []);

    public const string Usage =
        "Usage: Inbox.Benchmarks [--url http://127.0.0.1:5099[,http://node2...]] [--token bench-token] [--login supervisor] " +
        "[--password bench-password-1] [--concurrency 32] [--messages 20000] [--customers 2000] [--warmup 500] " +
        "[--durable-sqlite FILE | --durable-postgres CONNECTION-STRING] [--pids PID[,PID...]]";

    /// <summary>The node the login and the SignalR listener use.</summary>
    public Uri Url => Urls[0];

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
            switch (name)
            {
                case "--url":
                    options = options with { Urls = ParseUrls(value, ref error) };
                    break;
                case "--token":
                    options = options with { Token = value };
                    break;
                case "--login":
                    options = options with { Login = value };
                    break;
                case "--password":
                    options = options with { Password = value };
                    break;
                case "--concurrency":
                    options = options with { Concurrency = Positive(name, value, 1, 4096, ref error) };
                    break;
                case "--messages":
                    options = options with { Messages = Positive(name, value, 1, 10_000_000, ref error) };
                    break;
                case "--customers":
                    options = options with { Customers = Positive(name, value, 1, 10_000_000, ref error) };
                    break;
                case "--warmup":
                    options = options with { Warmup = Positive(name, value, 0, 10_000_000, ref error) };
                    break;
                case "--durable-sqlite":
                    options = options with { Durable = new DurableTarget(DurableStoreKind.Sqlite, value) };
                    break;
                case "--durable-postgres":
                    options = options with { Durable = new DurableTarget(DurableStoreKind.Postgres, value) };
                    break;
                case "--pids":
                    options = options with { ServerPids = ParsePids(name, value, ref error) };
                    break;
                default:
                    error = $"Unknown option {name}.{Environment.NewLine}{Usage}";
                    return null;
            }

            if (error is not null)
            {
                return null;
            }
        }

        return options;
    }

    private static Uri[] ParseUrls(string value, ref string? error)
    {
        var urls = new List<Uri>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part.TrimEnd('/'), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                error = $"--url must be absolute http(s) addresses separated by commas, not '{part}'.";
                return [];
            }

            urls.Add(url);
        }

        if (urls.Count == 0)
        {
            error = "--url needs at least one address.";
        }

        return [.. urls];
    }

    private static int[] ParsePids(string name, string value, ref string? error)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pids = new int[parts.Length];
        for (var i = 0; i < parts.Length && error is null; i++)
        {
            pids[i] = Positive(name, parts[i], 1, int.MaxValue, ref error);
        }

        return pids;
    }

    private static int Positive(string name, string value, int min, int max, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        error = $"{name} must be a whole number from {min} to {max}, not '{value}'.";
        return 0;
    }
}
