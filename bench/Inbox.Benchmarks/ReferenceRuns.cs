using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>
/// What a run's ratios are compared with (<c>--reference</c>): the committed result of one run, or a JSON array of
/// several runs' results. Each ratio is compared with its median over the runs that have it: on a shared machine one
/// run's ratios move by a quarter either way, so against a single run a regression threshold of 20% reports the
/// machine as often as the code.
/// </summary>
public sealed record ReferenceRuns(IReadOnlyList<BenchResults> Runs)
{
    public static ReferenceRuns Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var runs = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.Deserialize<List<BenchResults>>(BenchJson.Options)!
            : [document.RootElement.Deserialize<BenchResults>(BenchJson.Options)!];
        if (runs.Count == 0)
        {
            throw new JsonException("The reference holds no run.");
        }

        return new ReferenceRuns(runs);
    }

    /// <summary>The median of each ratio over the runs that have it (the mean of the middle two for an even count).</summary>
    public IReadOnlyDictionary<string, double> MedianRatios()
    {
        var medians = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in Runs.SelectMany(r => r.Ratios.Keys).Distinct())
        {
            medians[key] = Report.Median(Runs.Where(r => r.Ratios.ContainsKey(key)).Select(r => r.Ratios[key]));
        }

        return medians;
    }

    /// <summary>
    /// "the run of 2026-12-07" or "the median of 5 runs, 2026-12-07 to 2026-12-08": the runs that have the ratio
    /// <paramref name="key"/> (a ratio added to the benchmark later is in the later runs only).
    /// </summary>
    public string Describe(string key)
    {
        var runs = Runs.Where(r => r.Ratios.ContainsKey(key)).ToList();
        var first = runs.Min(r => r.Date);
        var last = runs.Max(r => r.Date);
        return runs.Count == 1 ? $"the run of {first:yyyy-MM-dd}"
            : first.Date == last.Date ? $"the median of {runs.Count} runs of {first:yyyy-MM-dd}"
            : $"the median of {runs.Count} runs, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}";
    }
}
