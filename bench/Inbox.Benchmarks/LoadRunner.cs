using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Inbox.Benchmarks;

/// <summary>
/// The C# client, for what wrk cannot do: a phase of a known number of messages, each one timed and matched with its live
/// event through a <see cref="MessageTracker"/>. <see cref="RunClosedAsync"/> keeps a fixed number of requests in flight
/// (activating conversations); <see cref="RunOpenAsync"/> sends at a fixed rate whatever the answers do (post-to-screen
/// latency), timing each message from the moment it was due, so that a late send counts against the latency.
/// Message <c>i</c> comes from customer <c>i % customers</c> with <c>customers</c> &gt; 0, else from a new customer.
/// </summary>
public sealed class LoadRunner(HttpClient http, Uri endpoint, string bearerToken)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", bearerToken);

    public async Task<PhaseResult> RunClosedAsync(string name, MessageTracker tracker, string customerPrefix, int customers, int concurrency,
        CancellationToken cancellationToken)
    {
        var phase = new Phase(tracker, customerPrefix, customers);
        var next = -1;

        async Task WorkAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < tracker.Count; i = Interlocked.Increment(ref next))
            {
                await SendAsync(phase, i, Stopwatch.GetTimestamp(), cancellationToken);
            }
        }

        var start = Stopwatch.GetTimestamp();
        var workers = new Task[Math.Min(concurrency, tracker.Count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(WorkAsync, cancellationToken);
        }

        await Task.WhenAll(workers);
        return phase.Result(name, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// Sends the tracker's messages at <paramref name="perSecond"/>; the first <paramref name="warmup"/> of them warm the
    /// open loop up (the client's connections and code, the server's response to the new pattern) and are left out of the
    /// result's latencies, though each must still be answered.
    /// </summary>
    public async Task<PhaseResult> RunOpenAsync(string name, MessageTracker tracker, string customerPrefix, int customers, double perSecond,
        int warmup, CancellationToken cancellationToken)
    {
        var phase = new Phase(tracker, customerPrefix, customers);
        var sends = new Task[tracker.Count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < tracker.Count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            sends[i] = SendAsync(phase, i, due, cancellationToken);
        }

        await Task.WhenAll(sends);
        return phase.Result(name, Stopwatch.GetElapsedTime(start), warmup);
    }

    private async Task SendAsync(Phase phase, int i, long started, CancellationToken cancellationToken)
    {
        var id = phase.Tracker.MessageId(i);
        var customer = phase.Customers > 0 ? phase.CustomerPrefix + (i % phase.Customers).ToString(CultureInfo.InvariantCulture) : "new-" + id;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new InboundRequest(id, new InboundCustomer(customer, "Bench Customer"),
                string.Create(CultureInfo.InvariantCulture, $"Benchmark message {i}: hello, I have a question about my order.")),
            BenchJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = _authorization;

        phase.Tracker.MarkPosted(i, started, Stopwatch.GetTimestamp());
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var answered = Stopwatch.GetTimestamp();
            phase.Statuses[i] = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                phase.Latencies[i] = answered - started;
                phase.Duplicates[i] = IsDuplicate(content);
                phase.Tracker.MarkAccepted(i);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            phase.Errors[i] = $"{ex.GetType().Name}: {ex.Message}";
        }
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

    /// <summary>One phase's per-message outcomes, filled in by the sends and summed up by <see cref="Result"/>.</summary>
    private sealed class Phase(MessageTracker tracker, string customerPrefix, int customers)
    {
        public MessageTracker Tracker { get; } = tracker;

        public string CustomerPrefix { get; } = customerPrefix;

        public int Customers { get; } = customers;

        public long[] Latencies { get; } = new long[tracker.Count];

        public int[] Statuses { get; } = new int[tracker.Count];

        public bool[] Duplicates { get; } = new bool[tracker.Count];

        public string?[] Errors { get; } = new string?[tracker.Count];

        /// <summary>The phase's outcome; the latencies of the first <paramref name="warmup"/> messages are left out.</summary>
        public PhaseResult Result(string name, TimeSpan elapsed, int warmup = 0)
        {
            var ok = 0;
            var failed = 0;
            var statusCounts = new SortedDictionary<int, int>();
            var okLatencies = new List<long>(Statuses.Length);
            for (var i = 0; i < Statuses.Length; i++)
            {
                if (Statuses[i] == (int)HttpStatusCode.OK)
                {
                    ok++;
                    if (i >= warmup)
                    {
                        okLatencies.Add(Latencies[i]);
                    }
                }
                else if (Statuses[i] == 0)
                {
                    failed++;
                }
                else
                {
                    statusCounts[Statuses[i]] = statusCounts.GetValueOrDefault(Statuses[i]) + 1;
                }
            }

            return new PhaseResult(name, Statuses.Length, ok, statusCounts.Values.Sum(), failed, Duplicates.Count(d => d), elapsed,
                LatencySummary.From(okLatencies), statusCounts, Errors.FirstOrDefault(e => e is not null))
            {
                SenderLag = Tracker.SenderLag(warmup),
            };
        }
    }
}
