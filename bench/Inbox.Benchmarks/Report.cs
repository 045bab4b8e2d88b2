using System.Globalization;
using System.Text;

namespace Inbox.Benchmarks;

/// <summary>
/// The figures of a run as text: the wrk table with each side's CPU, Inbox's throughput as ratios to the bare endpoint, to
/// bare + grain, to the minimal durable path and to that path with its row indexed by customer for each mix,
/// post-to-screen latency, memory, time to ready, issue 17's goals beside them, the comparison with the reference runs,
/// and Markdown rows for docs/benchmarks.md.
/// </summary>
public static class Report
{
    /// <summary>A ratio more than this far below the reference's (the median of its runs) is a regression.</summary>
    public const double RegressionTolerance = 0.20;

    private const double DurableGoal = 0.75;
    private const double ScreenP99GoalMs = 20;
    private const double MemoryGoalMiB = 1024;
    private const double ReadyGoalMs = 5000;

    private static readonly (string Target, string Label)[] References = [("bare", "bare"), ("grain", "bare + grain"), ("durable", "durable"), ("indexed", "indexed")];

    /// <summary>
    /// Inbox's throughput over each reference's, keyed "<c>mix: Inbox / label</c>": the median over the rounds of each
    /// round's ratio (<see cref="RoundRatios"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Ratios(IReadOnlyList<TargetResult> targets)
    {
        var ratios = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, rounds) in RoundRatios(targets))
        {
            ratios[key] = Median(rounds);
        }

        return ratios;
    }

    /// <summary>Each round's ratio of Inbox's throughput to each reference's, in the order of the rounds, keyed as <see cref="Ratios"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> RoundRatios(IReadOnlyList<TargetResult> targets)
    {
        var ratios = new SortedDictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var mix in targets.Select(t => t.Mix).Distinct())
        {
            foreach (var (target, label) in References)
            {
                var rounds = targets.Where(t => t.Mix == mix && t.Target == Program.InboxTarget).OrderBy(t => t.Round)
                    .Select(inbox => (inbox, reference: targets.FirstOrDefault(t => t.Mix == mix && t.Target == target && t.Round == inbox.Round)))
                    .Where(pair => pair.reference is { Wrk.Throughput: > 0 })
                    .Select(pair => pair.inbox.Wrk.Throughput / pair.reference!.Wrk.Throughput)
                    .ToList();
                if (rounds.Count > 0)
                {
                    ratios[RatioKey(mix, label)] = rounds;
                }
            }
        }

        return ratios;
    }

    /// <summary>The median of a target's throughput over the rounds (NaN when it was not measured).</summary>
    public static double MedianRate(IReadOnlyList<TargetResult> targets, string mix, string target)
    {
        var rates = targets.Where(t => t.Mix == mix && t.Target == target).Select(t => t.Wrk.Throughput).ToList();
        return rates.Count == 0 ? double.NaN : Median(rates);
    }

    /// <summary>The middle value (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Every ratio that this run has more than <see cref="RegressionTolerance"/> below the reference runs' median of it.</summary>
    public static IReadOnlyList<string> Regressions(BenchResults current, ReferenceRuns reference) =>
        reference.MedianRatios()
            .Where(r => current.Ratios.TryGetValue(r.Key, out var now) && now < r.Value * (1 - RegressionTolerance))
            .Select(r => Invariant($"REGRESSION: {r.Key} is {current.Ratios[r.Key]:F3}x, more than {RegressionTolerance:P0} below {r.Value:F3}x, {reference.Describe(r.Key)}"))
            .ToList();

    public static string Render(BenchResults results, IReadOnlyList<string>? regressions, string? referencePath)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Inbox benchmark, {results.Date:yyyy-MM-dd HH:mm} UTC; {results.Cores} cores; load average at start {results.LoadAverageAtStart}; .NET {Environment.Version}"));
        text.AppendLine(Invariant($"{results.Wrk}; minimal durable path: {results.Store}; wrk, the baseline server (this process) and Inbox share this machine"));
        text.AppendLine();
        text.AppendLine(Invariant($"{"mix",-7}{"target",-9}{"round",6}{"2xx",9}{"msg/s",9}{"p50 ms",9}{"p99 ms",9}{"wrk cores",11}{"bench cores",13}{"Inbox cores",13}{"live events",13}"));
        foreach (var t in results.Targets)
        {
            var live = t.LiveEvents is { } events ? Invariant($"{events}") : "-";
            var inboxCores = t.Target == Program.InboxTarget ? Invariant($"{t.Cpu.InboxCores:F2}") : Invariant($"({t.Cpu.InboxCores:F2})");
            text.AppendLine(Invariant($"{t.Mix,-7}{Label(t.Target),-9}{t.Round,6}{t.Wrk.Ok,9}{t.Wrk.Throughput,9:F0}{t.Wrk.P50Us / 1000.0,9:F2}{t.Wrk.P99Us / 1000.0,9:F2}{t.Cpu.WrkCores,11:F2}{t.Cpu.BenchCores,13:F2}{inboxCores,13}{live,13}"));
        }

        text.AppendLine("(bench cores: this process, which serves bare/grain/durable/indexed and runs the listener; Inbox cores in brackets: the idle Inbox during a reference's run)");
        text.AppendLine();
        var rounds = results.Targets.Select(t => t.Round).DefaultIfEmpty(1).Max();
        var roundRatios = RoundRatios(results.Targets);
        text.AppendLine(Invariant($"Inbox throughput as a ratio to (the median of {rounds} rounds'):{"",1}{"bare",10}{"bare+grain",12}{"durable",10}{"indexed",10}   goal: >= {DurableGoal:F2}x durable"));
        foreach (var mix in results.Targets.Select(t => t.Mix).Distinct())
        {
            var row = new StringBuilder(Invariant($"{mix + " customers",-49}"));
            foreach (var (_, label) in References)
            {
                row.Append(results.Ratios.TryGetValue(RatioKey(mix, label), out var ratio) ? Invariant($"{ratio,9:F3}x") : $"{"n/a",10}");
                row.Append(label == "bare + grain" ? "  " : "");
            }

            var durable = results.Ratios.GetValueOrDefault(RatioKey(mix, "durable"));
            row.Append(durable >= DurableGoal ? "   meets the goal" : "   below the goal");
            foreach (var reference in (string[])["durable", "indexed"])
            {
                if (roundRatios.TryGetValue(RatioKey(mix, reference), out var byRound) && byRound.Count > 1)
                {
                    row.Append(Invariant($"; to {reference} by round: {string.Join(", ", byRound.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}"));
                }
            }

            text.AppendLine(row.ToString());
        }

        // Bytes written to storage per message answered: what the durable paths' throughput mostly costs, and a figure that
        // other load on the machine does not move (the ratio above moves with it).
        foreach (var mix in results.Targets.Select(t => t.Mix).Distinct())
        {
            double? KbPerMessage(string target)
            {
                var runs = results.Targets.Where(t => t.Mix == mix && t.Target == target).ToList();
                var (ok, bytes) = (runs.Sum(t => t.Wrk.Ok), runs.Sum(t => target == Program.InboxTarget ? t.Cpu.InboxBytesWritten : t.Cpu.BenchBytesWritten));
                return ok > 0 && bytes > 0 ? bytes / 1024.0 / ok : null;
            }

            if (KbPerMessage("durable") is { } durableKb && KbPerMessage(Program.InboxTarget) is { } inboxKb)
            {
                var indexed = KbPerMessage("indexed") is { } indexedKb ? Invariant($", indexed {indexedKb:F1} KB") : "";
                text.AppendLine(Invariant($"{mix + " customers",-49}written to storage per message: durable {durableKb:F1} KB{indexed}, Inbox {inboxKb:F1} KB ({inboxKb / durableKb:F1}x durable)"));
            }
        }

        text.AppendLine();
        text.AppendLine(Invariant($"post to screen at half the Inbox rate, open loop (ms, from when each message was due):   goal: p99 <= {ScreenP99GoalMs:F0} ms"));
        foreach (var l in results.Latency)
        {
            text.AppendLine(Invariant($"{l.Mix + " customers",-16}{l.TargetPerSecond:F0}/s asked, {l.SentPerSecond:F0}/s sent, {l.Ok} of {l.Messages} 200; POST p50 {l.PostP50:F2} p99 {l.PostP99:F2}; screen p50 {l.ScreenP50:F2} p99 {l.ScreenP99:F2} max {l.ScreenMax:F1}; {l.MissingEvents} live events missing; {(l.ScreenP99 <= ScreenP99GoalMs ? "meets the goal" : "above the goal")}"));
            if (l.Gc is { } gc)
            {
                text.AppendLine(Invariant($"{"",-16}Inbox's GC meanwhile: {gc.Collections} collections ({gc.Gen2} full, {gc.BlockingGen2} of them blocking), paused {gc.TotalMs:F0} ms in all, {gc.ShareOfTime * 100:F1}% of the time; pause median {gc.MedianMs:F1} ms, max {gc.MaxMs:F1} ms, {gc.Over10Ms} over 10 ms"));
            }

            if (l.ClientPausedMs is { } clientPaused)
            {
                text.AppendLine(Invariant($"{"",-16}the client's own GC (this process): paused {clientPaused:F0} ms"));
            }

            if (l.SlowSpells is { Count: > 0 } spells)
            {
                var described = spells.Select(s => Invariant(
                    $"+{s.StartSeconds:F1} s ({s.StartedAt:HH:mm:ss.f} UTC) for {s.LengthSeconds:F1} s, {s.OverP99} over the p99, up to {s.MaxMs:F0} ms{(s.LongestSenderLagMs is { } lag ? Invariant($", the sender's longest lag {lag:F0} ms") : "")}{(l.Gc is null ? "" : Invariant($" ({(s.LongestPauseMs is { } pause ? Invariant($"longest GC pause {pause:F1} ms") : "no GC pause")}{(s.FullCollection == true ? ", a full collection running" : "")}{(s.LongestLockWaitMs is { } wait ? Invariant($", longest lock wait {wait:F1} ms") : "")})"))}"));
                text.AppendLine(Invariant($"{"",-16}slowest spells (by when due, from the measured part's start): {string.Join("; ", described)}"));
            }
        }

        text.AppendLine();
        if (results.Memory is { } m)
        {
            text.AppendLine(Invariant($"Inbox resident memory: the loaded process {Mib(m.AtStartMiB)} at start and {Mib(m.AtEndMiB)} after the phases above"));
            if (m.Activated > 0)
            {
                var where = m.Fresh ? "a fresh Inbox (demo data only)" : "the loaded Inbox (with every conversation of the phases above)";
                text.AppendLine(Invariant($"  activating {m.ActivatedOk} of {m.Activated} conversations on {where} (in {m.ActivationSeconds:F0} s): {Mib(m.BeforeActivationMiB)} before, {Mib(m.AfterActivationMiB)} after;   goal: <= {MemoryGoalMiB:F0} MiB, {(m.AfterActivationMiB <= MemoryGoalMiB ? "meets the goal" : "misses the goal")}"));
            }
        }

        text.AppendLine(Invariant($"time to ready (/health/ready 200, SQLite, chatbot on, demo data): fresh {Ms(results.ReadyColdMs)}, second start on the same data {Ms(results.ReadyWarmMs)};   goal: <= {ReadyGoalMs:F0} ms, {(results.ReadyColdMs is { } cold && results.ReadyWarmMs is { } warm ? (Math.Max(cold, warm) <= ReadyGoalMs ? "meets the goal" : "misses the goal") : "not measured")}"));
        foreach (var bare in results.Targets.Where(t => t.Target == "bare" && t.Round == 1))
        {
            var verdict = bare.Cpu.WrkCores < bare.Cpu.BenchCores ? "wrk used less CPU than the server it loaded" : "CHECK: wrk used as much CPU as the server, it may be the bottleneck";
            text.AppendLine(Invariant($"load generator, {bare.Mix} bare: wrk used {bare.Cpu.WrkCores:F2} cores and the server {bare.Cpu.BenchCores:F2} of {results.Cores}: {verdict}"));
        }

        text.AppendLine();
        text.AppendLine(regressions is null ? $"no reference to compare with{(referencePath is null ? "" : $" ({referencePath} does not exist)")}"
            : regressions.Count == 0 ? Invariant($"no ratio more than {RegressionTolerance:P0} below its median over the reference runs ({referencePath})") : $"compared with {referencePath}:");
        foreach (var regression in regressions ?? [])
        {
            text.AppendLine(regression);
        }

        foreach (var failure in results.Failures)
        {
            text.AppendLine("FAILED: " + failure);
        }

        text.AppendLine();
        text.AppendLine("markdown (docs/benchmarks.md; msg/s and p99: the medians of the rounds):");
        text.AppendLine("| mix | bare msg/s | bare+grain msg/s | durable msg/s | indexed msg/s | Inbox msg/s | Inbox / bare | Inbox / bare+grain | Inbox / durable | Inbox / indexed | Inbox p99 ms (wrk) | screen p50 / p99 ms at half rate |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var mix in results.Targets.Select(t => t.Mix).Distinct())
        {
            double Rate(string target) => MedianRate(results.Targets, mix, target);
            string Ratio(string label) => results.Ratios.TryGetValue(RatioKey(mix, label), out var r) ? Invariant($"{r:F2}×") : "n/a";
            var inboxP99 = results.Targets.Where(t => t.Mix == mix && t.Target == Program.InboxTarget).Select(t => t.Wrk.P99Us / 1000.0).DefaultIfEmpty(double.NaN);
            var latency = results.Latency.FirstOrDefault(l => l.Mix == mix);
            text.AppendLine(Invariant($"| {mix} | {Rate("bare"):F0} | {Rate("grain"):F0} | {Rate("durable"):F0} | {Rate("indexed"):F0} | {Rate(Program.InboxTarget):F0} | {Ratio("bare")} | {Ratio("bare + grain")} | {Ratio("durable")} | {Ratio("indexed")} | {Median(inboxP99):F1} | {latency?.ScreenP50 ?? double.NaN:F1} / {latency?.ScreenP99 ?? double.NaN:F1} |"));
        }

        return text.ToString();
    }

    private static string RatioKey(string mix, string label) => $"{mix}: Inbox / {label}";

    private static string Label(string target) => target switch
    {
        "grain" => "+grain",
        "inbox" => "Inbox",
        _ => target,
    };

    private static string Mib(double? mib) => mib is { } value ? Invariant($"{value:F0} MiB") : "n/a";

    private static string Ms(double? ms) => ms is { } value ? Invariant($"{value:F0} ms") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
