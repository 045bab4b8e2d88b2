using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>The JSON settings of every body the benchmark writes or reads: the web defaults (camelCase); indented for the result file.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
