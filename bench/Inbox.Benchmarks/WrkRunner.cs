using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>
/// Runs <c>wrk</c> with <c>bench/wrk/inbound.lua</c> against one endpoint for a number of seconds, every target with
/// the same threads and connections, and reads the script's <c>WRK_RESULT</c> line.
/// </summary>
public sealed class WrkRunner(BenchOptions options)
{
    private const string ResultMarker = "WRK_RESULT ";

    /// <param name="prefix">The message id prefix of this phase, unique across phases and runs.</param>
    /// <param name="customerPrefix">The known customers' id prefix (ignored with <paramref name="customers"/> 0: every message a new customer).</param>
    public async Task<WrkSummary> RunAsync(Uri endpoint, string prefix, string customerPrefix, int customers, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-t", options.Threads.ToString(CultureInfo.InvariantCulture), "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
                     "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "10s", "-s", options.WrkScript, endpoint.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["INBOX_WRK_PREFIX"] = prefix;
        start.Environment["INBOX_WRK_TOKEN"] = options.Token;
        start.Environment["INBOX_WRK_CUSTOMERS"] = customers.ToString(CultureInfo.InvariantCulture);
        start.Environment["INBOX_WRK_CUSTOMER_PREFIX"] = customerPrefix;
        start.Environment["INBOX_WRK_THREADS"] = options.Threads.ToString(CultureInfo.InvariantCulture);

        using var wrk = Process.Start(start) ?? throw new BenchmarkFailedException("Could not start wrk (apt-get install -y wrk).");
        var output = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = wrk.StandardError.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        var text = await output;
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(ResultMarker, StringComparison.Ordinal));
        if (wrk.ExitCode != 0 || line is null)
        {
            throw new BenchmarkFailedException($"wrk failed (exit code {wrk.ExitCode}) against {endpoint}: {text.Trim()} {(await errors).Trim()}");
        }

        return JsonSerializer.Deserialize<WrkSummary>(line[ResultMarker.Length..], BenchJson.Options)
            ?? throw new BenchmarkFailedException($"wrk printed an empty result: {line}");
    }
}
