using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>The command line: <c>--name value</c> pairs, each with a default.</summary>
public sealed record BenchOptions(
    Uri Url,
    string Token,
    string Login,
    string Password,
    int Concurrency,
    int Messages,
    int Customers,
    int Warmup)
{
    public static readonly BenchOptions Defaults = new(
        new Uri("http://127.0.0.1:5099"), "bench-token", "supervisor", "bench-password-1",
        Concurrency: 32, Messages: 20000, Customers: 2000, Warmup: 500);

    public const string Usage =
        "Usage: Inbox.Benchmarks [--url http://127.0.0.1:5099] [--token bench-token] [--login supervisor] " +
        "[--password bench-password-1] [--concurrency 32] [--messages 20000] [--customers 2000] [--warmup 500]";

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
                    if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    {
                        error = $"--url must be an absolute http(s) address, not '{value}'.";
                        return null;
                    }

                    options = options with { Url = url };
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
