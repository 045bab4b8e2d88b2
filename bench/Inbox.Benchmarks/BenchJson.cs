using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>The JSON settings of every body the benchmark writes or reads: the web defaults (camelCase).</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
