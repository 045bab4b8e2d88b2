using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>
/// Posts a phase's messages with a fixed number of workers, each sending its next message as soon as its previous one
/// is answered (a closed loop). Message <c>i</c> comes from customer <c>i % customers</c>, so the customers take turns,
/// and goes to endpoint <c>i % endpoints</c> (round robin over the nodes of a cluster).
/// </summary>
public sealed class LoadRunner(HttpClient http, int concurrency)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<PhaseResult> RunAsync(string name, IReadOnlyList<Uri> endpoints, string bearerToken, MessageTracker tracker,
        string customerPrefix, int customers, CancellationToken cancellationToken)
    {
        var count = tracker.Count;
        var latencies = new long[count];
        var statuses = new int[count];
        var duplicates = new bool[count];
        var errors = new string?[count];
        var next = -1;
        var authorization = new AuthenticationHeaderValue("Bearer", bearerToken);

        async Task WorkAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var customer = (i % customers).ToString(CultureInfo.InvariantCulture);
                var body = JsonSerializer.SerializeToUtf8Bytes(
                    new InboundRequest(tracker.MessageId(i), new InboundCustomer(customerPrefix + customer, "Bench Customer " + customer),
                        string.Create(CultureInfo.InvariantCulture, $"Benchmark message {i}: hello, I have a question about my order.")),
                    BenchJson.Options);
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoints[i % endpoints.Count]) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = Json;
                request.Headers.Authorization = authorization;

                var started = Stopwatch.GetTimestamp();
                tracker.MarkPosted(i, started);
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var answered = Stopwatch.GetTimestamp();
                    statuses[i] = (int)response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        latencies[i] = answered - started;
                        duplicates[i] = IsDuplicate(content);
                        tracker.MarkAccepted(i);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    errors[i] = $"{ex.GetType().Name}: {ex.Message}";
                }
            }
        }

        var start = Stopwatch.GetTimestamp();
        var workers = new Task[Math.Min(concurrency, count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(WorkAsync, cancellationToken);
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var ok = 0;
        var failed = 0;
        var statusCounts = new SortedDictionary<int, int>();
        var okLatencies = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            if (statuses[i] == (int)HttpStatusCode.OK)
            {
                ok++;
                okLatencies.Add(latencies[i]);
            }
            else if (statuses[i] == 0)
            {
                failed++;
            }
            else
            {
                statusCounts[statuses[i]] = statusCounts.GetValueOrDefault(statuses[i]) + 1;
            }
        }

        return new PhaseResult(name, count, ok, statusCounts.Values.Sum(), failed, duplicates.Count(d => d), elapsed,
            LatencySummary.From(okLatencies), statusCounts, errors.FirstOrDefault(e => e is not null));
    }

    private static bool IsDuplicate(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("duplicate", out var duplicate)
                && duplicate.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
