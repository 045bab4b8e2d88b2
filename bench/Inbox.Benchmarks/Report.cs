using System.Globalization;
using System.Text;

namespace Inbox.Benchmarks;

/// <summary>
/// Prints the figures: a compact table, the live-event counts, and a markdown row for a README. Ratios are Inbox's to the
/// bare Kestrel baseline and, when measured, to the minimal durable path on the same store.
/// </summary>
public static class Report
{
    public const string MarkdownHeader =
        "| cores | nodes | concurrency | messages | customers | baseline msg/s | durable msg/s | Inbox msg/s | Inbox/baseline throughput | Inbox/durable throughput | POST p50 ms baseline / durable / Inbox (Inbox/baseline, Inbox/durable) | POST p99 ms baseline / durable / Inbox (Inbox/baseline, Inbox/durable) | post-to-screen p50 / p99 ms | missing live events | non-200 |";

    public const string MarkdownSeparator = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static string Render(BenchOptions options, ReportPhases phases, int totalEvents, string? closeReason)
    {
        var (baseline, durable, inbox) = (phases.Baseline, phases.Durable, phases.Inbox);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Inbox benchmark: {options.Messages} messages over {options.Customers} customers (round-robin), concurrency {options.Concurrency}, warmup {options.Warmup}; {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
        text.AppendLine(CultureInfo.InvariantCulture, $"target {string.Join(", ", options.Urls)} (POSTs round-robin, listener on the first); the client, the baseline server and the Inbox app share this machine");
        if (options.Durable is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"minimal durable path: {options.Durable.Describe()}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"",-20}{"ok",8}{"non-200",9}{"errors",8}{"elapsed s",11}{"msg/s",10}{"POST p50",10}{"POST p99",10}{"screen p50",12}{"screen p99",12}");
        text.AppendLine(Row("baseline (Kestrel)", baseline));
        if (durable is not null)
        {
            text.AppendLine(Row("minimal durable", durable));
        }

        text.AppendLine(Row("Inbox", inbox));
        text.AppendLine(RatioRow("Inbox / baseline", inbox, baseline));
        if (durable is not null)
        {
            text.AppendLine(RatioRow("Inbox / durable", inbox, durable));
        }

        text.AppendLine("(latencies in ms; POST = request round trip; screen = just before the POST until the live event reaches the SignalR client)");
        text.AppendLine();

        var screen = inbox.PostToScreen ?? LatencySummary.Empty;
        text.AppendLine(CultureInfo.InvariantCulture, $"live events: {screen.Count} of {inbox.Ok} accepted messages arrived, {inbox.MissingEvents ?? inbox.Ok} missing after waiting {inbox.EventWait.TotalSeconds:F1} s; {inbox.RepeatedEvents} repeated; {inbox.EventsWithoutAcceptance} for messages not answered 200; {totalEvents} events received in all");
        text.AppendLine(CultureInfo.InvariantCulture, $"post-to-screen ms: p50 {Ms(screen.P50)}, p90 {Ms(screen.P90)}, p99 {Ms(screen.P99)}, max {Ms(screen.Max)}, mean {Ms(screen.Mean)}; Inbox POST ms: p90 {Ms(inbox.Post.P90)}, max {Ms(inbox.Post.Max)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"answers: baseline {Statuses(baseline)};{(durable is null ? "" : $" durable {Statuses(durable)};")} Inbox {Statuses(inbox)}; duplicates answered by Inbox: {inbox.Duplicates}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Inbox phase {phases.InboxPhaseCpu}");
        if (closeReason is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"the SignalR connection closed during the run: {closeReason}");
        }

        text.AppendLine();
        text.AppendLine("markdown:");
        text.AppendLine(MarkdownHeader);
        text.AppendLine(MarkdownSeparator);
        text.AppendLine(MarkdownRow(options, phases));
        return text.ToString();
    }

    public static string MarkdownRow(BenchOptions options, ReportPhases phases)
    {
        var (baseline, durable, inbox) = (phases.Baseline, phases.Durable, phases.Inbox);
        var screen = inbox.PostToScreen ?? LatencySummary.Empty;
        return Invariant(
            $"| {Environment.ProcessorCount} | {options.Urls.Count} | {options.Concurrency} | {options.Messages} | {options.Customers} | {baseline.Throughput:F0} | {(durable is null ? "-" : durable.Throughput.ToString("F0", CultureInfo.InvariantCulture))} | {inbox.Throughput:F0} | {Ratio(inbox.Throughput, baseline.Throughput)} | {DurableRatio(inbox.Throughput, durable?.Throughput)} | {Latencies(baseline.Post.P50, durable?.Post.P50, inbox.Post.P50)} | {Latencies(baseline.Post.P99, durable?.Post.P99, inbox.Post.P99)} | {Ms(screen.P50)} / {Ms(screen.P99)} | {inbox.MissingEvents ?? inbox.Ok} | {inbox.Non200 + inbox.Failed} |");
    }

    private static string Latencies(double baseline, double? durable, double inbox) =>
        $"{Ms(baseline)} / {(durable is { } d ? Ms(d) : "-")} / {Ms(inbox)} ({Ratio(inbox, baseline)}, {DurableRatio(inbox, durable)})";

    private static string DurableRatio(double inbox, double? durable) => durable is { } d ? Ratio(inbox, d) : "-";

    private static string RatioRow(string name, PhaseResult inbox, PhaseResult reference) =>
        Invariant($"{name,-20}{"",8}{"",9}{"",8}{"",11}{Ratio(inbox.Throughput, reference.Throughput),10}{Ratio(inbox.Post.P50, reference.Post.P50),10}{Ratio(inbox.Post.P99, reference.Post.P99),10}");

    private static string Row(string name, PhaseResult phase)
    {
        var screen = phase.PostToScreen;
        return Invariant(
            $"{name,-20}{phase.Ok,8}{phase.Non200,9}{phase.Failed,8}{phase.Elapsed.TotalSeconds,11:F2}{phase.Throughput,10:F0}{Ms(phase.Post.P50),10}{Ms(phase.Post.P99),10}{(screen is null ? "-" : Ms(screen.P50)),12}{(screen is null ? "-" : Ms(screen.P99)),12}");
    }

    private static string Statuses(PhaseResult phase)
    {
        var parts = new List<string> { Invariant($"200 x{phase.Ok}") };
        parts.AddRange(phase.StatusCounts.Select(s => Invariant($"{s.Key} x{s.Value}")));
        if (phase.Failed > 0)
        {
            parts.Add(Invariant($"no answer x{phase.Failed} (first: {phase.FirstError})"));
        }

        return string.Join(", ", parts);
    }

    private static string Ms(double milliseconds) =>
        double.IsNaN(milliseconds) ? "n/a" : milliseconds.ToString(milliseconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Ratio(double inbox, double baseline) =>
        baseline > 0 && !double.IsNaN(inbox) && !double.IsNaN(baseline)
            ? (inbox / baseline).ToString(inbox / baseline < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + "x"
            : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
