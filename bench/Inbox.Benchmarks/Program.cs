using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>
/// For each customer mix (known customers round robin; every message from a new customer), measures with wrk the bare
/// endpoint, + a grain call, the minimal durable path, the same path with its row indexed by customer (all in this
/// process, <see cref="BaselineServer"/>) and Inbox's <c>POST /api/v1/inbound</c> with a supervisor's SignalR client connected; then post-to-screen latency at half the
/// Inbox rate, and Inbox's resident memory after activating many conversations. Compares the ratios with the reference runs (<see cref="ReferenceRuns"/>).
/// Exit codes: 0 all well; 1 a bad failure (wrk, login, hub); 2 wrong arguments; 3 figures printed but some answers were
/// not 2xx, some requests failed or some live events are missing; 4 a ratio regressed more than 20% below the reference runs' median;
/// 130 interrupted.
/// </summary>
public static class Program
{
    public const string KnownMix = "known";
    public const string NewMix = "new";
    public const string InboxTarget = "inbox";

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

    /// <summary>
    /// The most connections the benchmark's own client opens to Inbox. Without a bound, an open loop that outruns Inbox for
    /// a few seconds opened a connection for every request in flight, tens of thousands, until the machine ran out of file
    /// handles ("Too many open files in system", 24,830 of 51,231 requests unanswered, 5 December). With it, requests
    /// beyond it wait in the client, and that wait counts in their latency, which is timed from when each was due.
    /// </summary>
    private const int MaxClientConnections = 1024;

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var loadAverage = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        var inboxPid = options.ServerPids.Count > 0 ? options.ServerPids[0] : (int?)null;
        var rssAtStart = inboxPid is { } p0 ? ResidentMemory.MiB(p0) : null;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxClientConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var wrkSettings = string.Create(CultureInfo.InvariantCulture,
            $"wrk -t{options.Threads} -c{options.Connections} -d{options.Duration}s per target after a warm-up in {options.Warmup} s windows until its tiered compilation settles (at most {options.WarmupMax} s)");
        Log($"run {run}: {wrkSettings}; {options.KnownCustomers} known customers; {Environment.ProcessorCount} cores; load average {loadAverage}");

        var wrk = new WrkRunner(options);
        var inboxEndpoint = new Uri(options.Url, "/api/v1/inbound");
        var targets = new List<TargetResult>();
        var failures = new List<string>();

        await using var server = await BaselineServer.StartAsync(options.Durable!, options.SiloPort, options.GatewayPort, cancellationToken);
        Log($"baseline server at {server.Root} (in-process silo on {options.SiloPort}); minimal durable path: {options.Durable!.Describe()}");
        var accessToken = await InboxAuth.GetAccessTokenAsync(http, options.Url, options, cancellationToken);
        await using var listener = await LiveEventListener.ConnectAsync(options.Url, accessToken, cancellationToken);
        Log($"logged in as {options.Login} and connected to {LiveEventListener.HubPath}");

        foreach (var (mix, customers) in new[] { (KnownMix, options.KnownCustomers), (NewMix, 0) })
        {
            (string Target, Uri Endpoint)[] mixTargets =
            [
                ("bare", new Uri(server.Root, BaselineServer.BarePath)), ("grain", new Uri(server.Root, BaselineServer.GrainPath)),
                ("durable", new Uri(server.Root, BaselineServer.DurablePath)), (InboxTarget, inboxEndpoint),
                ("indexed", new Uri(server.Root, BaselineServer.IndexedPath)),
            ];
            // Round 1 measures each target right after its warm-up, as one run each did before rounds; the later rounds
            // measure the five again, in turn, so that each round's ratios compare runs seconds apart. On a shared machine
            // the load of others moves one run by about as much as the ratios' tolerance, and the ratios are the median of
            // the rounds' (docs/benchmark-rounds.md, twenty-ninth round). The indexed path comes after Inbox, so that Inbox
            // follows the minimal durable path, as before it was added (thirtieth round).
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var (target, endpoint) in mixTargets)
                {
                    var phase = $"{run}-{mix}-{target}";
                    var customerPrefix = $"{phase}-c";
                    if (round == 1)
                    {
                        if (customers > 0)
                        {
                            // The known customers exist before anything is measured: one message each, then the warm-up.
                            var created = await new LoadRunner(http, endpoint, options.Token).RunClosedAsync($"{phase} customers",
                                new MessageTracker($"{phase}-p-", customers), customerPrefix, customers, options.Connections, cancellationToken);
                            CheckAll(created, $"{mix} {target}: creating the known customers", failures);
                        }

                        await WarmUpAsync(wrk, endpoint, phase, $"{mix} {target}", customerPrefix, customers,
                            target == InboxTarget ? options.ServerPids.Select(pid => pid.ToString(CultureInfo.InvariantCulture)).ToList() : ["self"],
                            options, failures, cancellationToken);
                    }

                    targets.Add(await MeasureAsync(wrk, listener, endpoint, mix, target, round, $"{phase}-m{round}", customerPrefix, customers, options, failures,
                        cancellationToken));
                }
            }
        }

        var (transactions, rows) = server.Commits(DurableTable.Plain);
        var (indexedTransactions, indexedRows) = server.Commits(DurableTable.IndexedByCustomer);
        Log($"minimal durable path: {rows} rows in {transactions} transactions; indexed by customer: {indexedRows} rows in {indexedTransactions} transactions");

        // The references are measured: their server and silo stop, so that the open-loop client runs alone in this process,
        // without the silo's activations of every reference phase (hundreds of thousands) and its scans of them.
        await server.DisposeAsync();
        var latency = new List<LatencyResult>();
        foreach (var (mix, customers) in new[] { (KnownMix, options.KnownCustomers), (NewMix, 0) })
        {
            var inboxRate = Report.MedianRate(targets, mix, InboxTarget);
            latency.Add(await MeasureLatencyAsync(http, inboxEndpoint, listener, $"{run}-{mix}-latency-", $"{run}-{mix}-{InboxTarget}-c", customers,
                inboxRate / 2, inboxPid, options, failures, cancellationToken));
        }

        var rssAtEnd = inboxPid is { } p1 ? ResidentMemory.MiB(p1) : null;
        MemoryResult? memory = null;
        if (options.Activate > 0)
        {
            memory = await MeasureMemoryAsync(http, listener, inboxPid, run, rssAtStart, rssAtEnd, options, failures, cancellationToken);
        }
        else if (rssAtStart is not null)
        {
            memory = new MemoryResult(rssAtStart, rssAtEnd, Fresh: false, null, null, 0, 0, 0);
        }

        if (listener.CloseReason is { } closed)
        {
            failures.Add($"the SignalR connection closed during the run: {closed}");
        }

        var results = new BenchResults(DateTimeOffset.UtcNow, Environment.ProcessorCount, loadAverage, options.Durable!.Describe(), wrkSettings,
            targets, Report.Ratios(targets), latency, memory, options.ReadyColdMs, options.ReadyWarmMs, failures);
        var regressions = options.Reference is { } referencePath && File.Exists(referencePath)
            ? Report.Regressions(results, ReferenceRuns.Read(await File.ReadAllTextAsync(referencePath, cancellationToken)))
            : null;

        Console.WriteLine();
        Console.Write(Report.Render(results, regressions, options.Reference));
        if (options.Json is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, BenchJson.Indented), cancellationToken);
            Console.WriteLine($"results: {json}");
        }

        return failures.Count > 0 ? 3 : regressions is { Count: > 0 } ? 4 : 0;
    }

    /// <summary>One measured wrk run of a target in a round; for Inbox, it waits for the live events of the messages answered 2xx.</summary>
    private static async Task<TargetResult> MeasureAsync(WrkRunner wrk, LiveEventListener listener, Uri endpoint, string mix, string target, int round,
        string measuredPrefix, string customerPrefix, int customers, BenchOptions options, List<string> failures, CancellationToken cancellationToken)
    {
        var counter = new PrefixEventCounter($"{measuredPrefix}-");
        listener.Track(counter);
        var cpu = ProcessCpu.Start(options.ServerPids);
        var measured = await wrk.RunAsync(endpoint, measuredPrefix, customerPrefix, customers, options.Duration, cancellationToken);
        var used = cpu.Stop();
        Check(measured, $"{mix} {target} round {round}", failures);
        TargetResult result;
        if (target == InboxTarget)
        {
            var events = await counter.WaitForAsync(measured.Ok, EventWait, cancellationToken);
            result = new TargetResult(mix, target, measured, used, events, Math.Max(0, measured.Ok - events), counter.Repeated, round);
            if (result.MissingEvents > 0)
            {
                failures.Add($"{mix} inbox round {round}: {result.MissingEvents} of {measured.Ok} live events never reached the listener");
            }
        }
        else
        {
            result = new TargetResult(mix, target, measured, used, null, null, null, round);
        }

        Log($"{mix} {target} round {round}: {measured.Ok} 2xx, {measured.Throughput:F0}/s, p99 {measured.P99Us / 1000.0:F1} ms; cores wrk {used.WrkCores:F2}, bench {used.BenchCores:F2}, Inbox {used.InboxCores:F2}");
        return result;
    }

    /// <summary>
    /// Loads the target in windows of <see cref="BenchOptions.Warmup"/> seconds, not counted, until its process is in its
    /// steady state: the runtime's tiered compilation used at most <see cref="SteadyTieringShare"/> of a core in the last
    /// window (Inbox's takes some tens of seconds of load to compile its hot paths again, optimized), or
    /// <see cref="BenchOptions.WarmupMax"/> seconds have passed.
    /// </summary>
    private static async Task WarmUpAsync(WrkRunner wrk, Uri endpoint, string phase, string name, string customerPrefix, int customers,
        IReadOnlyList<string> processes, BenchOptions options, List<string> failures, CancellationToken cancellationToken)
    {
        for (var window = 1; ; window++)
        {
            var tiering = TieredCompilation.Start(processes);
            var warm = await wrk.RunAsync(endpoint, $"{phase}-w{window}", customerPrefix, customers, options.Warmup, cancellationToken);
            var share = tiering.Stop();
            Log($"{name} warm-up {window}: {warm.Ok} 2xx, {warm.Throughput:F0}/s; tiered compilation {share * 100:F0}% of a core");
            Check(warm, $"{name} warm-up", failures);
            if (share <= SteadyTieringShare || window * options.Warmup >= options.WarmupMax)
            {
                return;
            }
        }
    }

    /// <summary>The most of a core the tiered compilation thread may use in the last warm-up window of a steady target.</summary>
    private const double SteadyTieringShare = 0.05;

    /// <summary>
    /// Resident memory after <see cref="BenchOptions.Activate"/> first messages from new customers, each a new conversation,
    /// sent by 32 clients as fast as they are answered, with a supervisor's listener connected. On the fresh Inbox of
    /// <see cref="BenchOptions.MemoryUrl"/> when there is one (its own login and listener), else on the loaded one.
    /// </summary>
    private static async Task<MemoryResult> MeasureMemoryAsync(HttpClient http, LiveEventListener loadedListener, int? loadedPid, string run,
        double? rssAtStart, double? rssAtEnd, BenchOptions options, List<string> failures, CancellationToken cancellationToken)
    {
        var fresh = options.MemoryUrl is not null;
        var url = options.MemoryUrl ?? options.Url;
        var pid = options.MemoryPid ?? loadedPid;
        await using var freshListener = fresh
            ? await LiveEventListener.ConnectAsync(url, await InboxAuth.GetAccessTokenAsync(http, url, options, cancellationToken), cancellationToken)
            : null;
        var listener = freshListener ?? loadedListener;
        var before = pid is { } p1 ? ResidentMemory.MiB(p1) : null;
        Log($"activating {options.Activate} conversations (first messages from new customers) on {(fresh ? $"a fresh Inbox at {url}" : "the loaded Inbox")}; its RSS before {before:F0} MiB");
        var tracker = new MessageTracker($"{run}-activate-", options.Activate);
        listener.Track(tracker);
        var activated = await new LoadRunner(http, new Uri(url, "/api/v1/inbound"), options.Token).RunClosedAsync("activation", tracker, "", 0, 32, cancellationToken);
        CheckAll(activated, "activation", failures);
        var after = pid is { } p2 ? ResidentMemory.MiB(p2) : null;
        Log($"activation: {activated.Ok} in {activated.Elapsed.TotalSeconds:F0} s; RSS after {after:F0} MiB");
        if (freshListener?.CloseReason is { } closed)
        {
            failures.Add($"the fresh Inbox's SignalR connection closed during the activation: {closed}");
        }

        return new MemoryResult(rssAtStart, rssAtEnd, fresh, before, after, options.Activate, activated.Ok, activated.Elapsed.TotalSeconds);
    }

    private static async Task<LatencyResult> MeasureLatencyAsync(HttpClient http, Uri endpoint, LiveEventListener listener, string prefix, string customerPrefix,
        int customers, double perSecond, int? inboxPid, BenchOptions options, List<string> failures, CancellationToken cancellationToken)
    {
        var mix = customers > 0 ? KnownMix : NewMix;
        var count = Math.Max(1, (int)(perSecond * options.LatencySeconds));
        var warmup = (int)(perSecond * options.LatencyWarmup);
        var tracker = new MessageTracker(prefix, warmup + count);
        listener.Track(tracker);
        Log($"{mix} latency: {count} messages at {perSecond:F0}/s, open loop, after {warmup} at that rate not counted");
        await using var gc = inboxPid is { } pid ? RuntimeEvents.TryStart(pid) : null;
        // This process collects nothing while it sends and listens: its pauses would count as Inbox's latency. (Starting the
        // region collects once, blocking, which also frees what the references' server left.)
        var region = NoCollectionRegion.TryStart(tracker.Count);
        var clientPauses = GC.GetTotalPauseDuration();
        var phase = await new LoadRunner(http, endpoint, options.Token).RunOpenAsync($"{mix} latency", tracker, customerPrefix, customers, perSecond,
            warmup, cancellationToken);
        // The last messages' live events are still on their way when the last answer is in: the region ends only once they
        // have arrived, as the collection that follows it would otherwise be timed as their latency (up to 250 ms for the last
        // 10-20 messages of a phase, a spell of their own at its end, before 7 December 2026).
        var missing = await tracker.WaitForEventsAsync(EventWait, cancellationToken);
        region?.Dispose();
        var clientPausedMs = (GC.GetTotalPauseDuration() - clientPauses).TotalMilliseconds;
        var pauses = gc is null ? null : await gc.StopAsync();
        CheckAll(phase, $"{mix} latency", failures);
        if (missing > 0)
        {
            failures.Add($"{mix} latency: {missing} of {phase.Ok} live events never reached the listener");
        }

        var screen = tracker.PostToScreen(warmup);
        var spells = tracker.SlowSpells(warmup, screen.P99, 3, gc);
        Log($"{mix} latency: post-to-screen p50 {screen.P50:F2} ms, p99 {screen.P99:F2} ms; POST p99 {phase.Post.P99:F2} ms; the sender's own lag p50 {phase.SenderLag?.P50:F2} ms, p99 {phase.SenderLag?.P99:F2} ms, max {phase.SenderLag?.Max:F2} ms; this process {(region is null ? "could not set memory aside to run without collections" : region.Held ? $"ran without collections ({region.Bytes >> 20} MiB set aside)" : $"ran out of the {region.Bytes >> 20} MiB set aside to run without collections")}, its collector paused {clientPausedMs:F0} ms");
        return new LatencyResult(mix, perSecond, tracker.Count / phase.Elapsed.TotalSeconds, tracker.Count, phase.Ok, tracker.Count - phase.Ok,
            phase.Post.P50, phase.Post.P99, screen.P50, screen.P99, screen.Max, missing, pauses, spells)
        {
            ClientPausedMs = clientPausedMs,
        };
    }

    private static void Check(WrkSummary wrk, string phase, List<string> failures)
    {
        if (wrk.Non2xx > 0 || wrk.SocketErrors > 0)
        {
            failures.Add($"{phase}: {wrk.Non2xx} answers not 2xx, socket errors connect {wrk.ConnectErrors} read {wrk.ReadErrors} write {wrk.WriteErrors} timeout {wrk.Timeouts}");
        }

        if (wrk.Ok == 0)
        {
            throw new BenchmarkFailedException($"{phase}: nothing was answered 2xx.");
        }
    }

    private static void CheckAll(PhaseResult phase, string name, List<string> failures)
    {
        if (phase.Ok != phase.Messages)
        {
            failures.Add($"{name}: {phase.Ok} of {phase.Messages} answered 200 (statuses {string.Join(", ", phase.StatusCounts.Select(s => $"{s.Key} x{s.Value}"))}; {phase.Failed} without an answer, first: {phase.FirstError})");
        }
    }

    private static void Log(FormattableString message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] ") + message.ToString(CultureInfo.InvariantCulture));
}
