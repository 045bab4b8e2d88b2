using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Inbox.Benchmarks;

/// <summary>
/// Measures a bare Kestrel endpoint in this process (the baseline), then the Inbox app: POST /api/v1/inbound at a fixed
/// concurrency while a supervisor's SignalR client times each message's live event. Exit codes: 0 all well; 1 a bad
/// failure (login, hub, nothing accepted); 2 wrong arguments; 3 figures printed but some answers were not 200 or some
/// live events are missing; 130 interrupted.
/// </summary>
public static class Program
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(30);

    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.TryParse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };

        try
        {
            return await RunAsync(options, interrupted.Token);
        }
        catch (BenchmarkFailedException ex)
        {
            Console.Error.WriteLine($"Benchmark failed: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var runner = new LoadRunner(http, options.Concurrency);
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        Log($"run {run}: {options.Messages} messages, {options.Customers} customers, concurrency {options.Concurrency}, warmup {options.Warmup}, {Environment.ProcessorCount} cores");

        PhaseResult baseline;
        PhaseResult? durable = null;
        await using (var server = await BaselineServer.StartAsync(options.Durable, cancellationToken))
        {
            Log($"baseline listening at {server.Endpoint}");
            baseline = await RunBaselineAsync(runner, "baseline", [server.Endpoint], $"b-{run}-", options, cancellationToken);
            if (server.DurableEndpoint is { } durableEndpoint)
            {
                Log($"minimal durable path at {durableEndpoint}: {options.Durable!.Describe()}");
                durable = await RunBaselineAsync(runner, "durable", [durableEndpoint], $"d-{run}-", options, cancellationToken);
                var (transactions, rows) = server.DurableCommits;
                Log($"minimal durable path: {rows} rows in {transactions} transactions");
            }
        }

        if (baseline.Ok == 0 || durable is { Ok: 0 })
        {
            throw new BenchmarkFailedException($"A baseline accepted nothing ({(baseline.Ok == 0 ? baseline : durable!).FirstError ?? "no 200 answers"}).");
        }

        var accessToken = await InboxAuth.GetAccessTokenAsync(http, options, cancellationToken);
        Log($"logged in as {options.Login}");
        await using var listener = await LiveEventListener.ConnectAsync(options.Url, accessToken, cancellationToken);
        Log($"connected to {LiveEventListener.HubPath}");

        var inbound = options.Urls.Select(url => new Uri(url, "/api/v1/inbound")).ToArray();
        Log($"POSTs go round-robin to {string.Join(", ", inbound.Select(u => u.ToString()))}; the listener is on {options.Url}");
        if (options.Warmup > 0)
        {
            var tracker = new MessageTracker($"w-{run}-", options.Warmup);
            listener.Track(tracker);
            var warm = await runner.RunAsync("Inbox warmup", inbound, options.Token, tracker, $"bench-w-{run}-c", options.Customers, cancellationToken);
            if (warm.Ok == 0)
            {
                throw new BenchmarkFailedException($"Inbox accepted none of the warmup messages: {Describe(warm)}.");
            }

            var missing = await tracker.WaitForEventsAsync(EventWait, cancellationToken);
            Log($"Inbox warmup: {warm.Ok} ok in {warm.Elapsed.TotalSeconds:F2} s, {missing} live events missing");
        }

        var measured = new MessageTracker($"m-{run}-", options.Messages);
        listener.Track(measured);
        var cpu = ProcessCpu.Start(options.ServerPids);
        var inbox = await runner.RunAsync("Inbox", inbound, options.Token, measured, $"bench-{run}-c", options.Customers, cancellationToken);
        var cpuUsed = cpu.Describe();
        Log($"Inbox phase {cpuUsed}");
        Log($"Inbox: {inbox.Ok} ok in {inbox.Elapsed.TotalSeconds:F2} s; waiting up to {EventWait.TotalSeconds:F0} s for the live events");
        if (inbox.Ok == 0)
        {
            throw new BenchmarkFailedException($"Inbox accepted none of the messages: {Describe(inbox)}.");
        }

        var waitStarted = Stopwatch.GetTimestamp();
        var missingEvents = await measured.WaitForEventsAsync(EventWait, cancellationToken);
        inbox = inbox with
        {
            PostToScreen = measured.PostToScreen(),
            MissingEvents = missingEvents,
            RepeatedEvents = measured.RepeatedEvents,
            EventsWithoutAcceptance = measured.EventsWithoutAcceptance(),
            EventWait = Stopwatch.GetElapsedTime(waitStarted),
        };

        Console.WriteLine();
        Console.Write(Report.Render(options, new ReportPhases(baseline, durable, inbox, cpuUsed), listener.Events, listener.CloseReason));
        var clean = baseline.Ok == baseline.Messages && (durable is null || durable.Ok == durable.Messages) && inbox.Ok == inbox.Messages && missingEvents == 0 && listener.CloseReason is null;
        return clean ? 0 : 3;
    }

    /// <summary>A baseline's warmup, then its measured phase.</summary>
    private static async Task<PhaseResult> RunBaselineAsync(LoadRunner runner, string name, Uri[] endpoint, string prefix, BenchOptions options,
        CancellationToken cancellationToken)
    {
        if (options.Warmup > 0)
        {
            var warm = await runner.RunAsync(name + " warmup", endpoint, options.Token, new MessageTracker("w" + prefix, options.Warmup),
                $"w{prefix}c", options.Customers, cancellationToken);
            Log($"{name} warmup: {warm.Ok} ok in {warm.Elapsed.TotalSeconds:F2} s");
        }

        var measured = await runner.RunAsync(name, endpoint, options.Token, new MessageTracker(prefix, options.Messages),
            prefix + "c", options.Customers, cancellationToken);
        Log($"{name}: {measured.Ok} ok in {measured.Elapsed.TotalSeconds:F2} s");
        return measured;
    }

    private static string Describe(PhaseResult phase) =>
        phase.Failed > 0
            ? $"{phase.Failed} without an answer (first: {phase.FirstError}), statuses {string.Join(", ", phase.StatusCounts.Select(s => $"{s.Key} x{s.Value}"))}"
            : $"statuses {string.Join(", ", phase.StatusCounts.Select(s => $"{s.Key} x{s.Value}"))}";

    private static void Log(FormattableString message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] ") + message.ToString(CultureInfo.InvariantCulture));
}
