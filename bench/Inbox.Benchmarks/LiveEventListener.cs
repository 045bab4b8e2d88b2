using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Benchmarks;

/// <summary>
/// A supervisor's SignalR connection to <c>/hubs/inbox</c>: notes the arrival time of every <c>message.created</c>
/// event of an inbound message to the current <see cref="ILiveEventSink"/>. It does not reconnect: a connection lost
/// during a phase shows up as missing events and in <see cref="CloseReason"/>.
/// </summary>
public sealed class LiveEventListener : IAsyncDisposable
{
    public const string HubPath = "/hubs/inbox";
    public const string EventMethod = "event";

    private readonly HubConnection _connection;
    private ILiveEventSink? _sink;
    private int _events;
    private volatile string? _closeReason;

    private LiveEventListener(HubConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Every event received, of any type.</summary>
    public int Events => Volatile.Read(ref _events);

    /// <summary>Why the connection closed, if it did.</summary>
    public string? CloseReason => _closeReason;

    public static async Task<LiveEventListener> ConnectAsync(Uri baseUrl, string accessToken, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);

        var listener = new LiveEventListener(connection);
        connection.On<JsonElement>(EventMethod, listener.OnEvent);
        connection.Closed += error =>
        {
            listener._closeReason = error?.Message ?? "closed";
            return Task.CompletedTask;
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await connection.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new BenchmarkFailedException($"Could not connect to {HubPath} as the supervisor: {ex.Message}", ex);
        }

        return listener;
    }

    /// <summary>From now on, report inbound messages' events to <paramref name="sink"/>.</summary>
    public void Track(ILiveEventSink sink) => Volatile.Write(ref _sink, sink);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _connection.StopAsync(stopping.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Stopping is best effort; the figures are already taken.
        }

        await _connection.DisposeAsync();
    }

    private void OnEvent(JsonElement liveEvent)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _events);
        if (liveEvent.ValueKind == JsonValueKind.Object
            && liveEvent.TryGetProperty("type", out var type) && type.ValueEquals("message.created")
            && liveEvent.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("kind", out var kind) && kind.ValueEquals("inbound")
            && message.TryGetProperty("externalId", out var externalId) && externalId.ValueKind == JsonValueKind.String)
        {
            Volatile.Read(ref _sink)?.OnInboundEvent(externalId.GetString()!, arrived);
        }
    }
}
