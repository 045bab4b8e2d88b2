using System.Collections.Concurrent;
using Inbox.Connectors.Testing;
using Inbox.Connectors.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Connectors.Tests;

/// <summary>The webhook intake's order and retries: one sender's requests in arrival order, other senders not held up by it.</summary>
public sealed class WebhookIntakeTests
{
    private const string Source = "test";

    [Fact]
    public async Task A_failing_request_holds_back_its_senders_later_ones_but_not_other_senders()
    {
        var store = new RecordingWebhookIntakeStore();
        var handler = new ScriptedHandler();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstTry = true;
        handler.Before = async (work, token) =>
        {
            if (work.Entry.Payload != "a1")
            {
                return;
            }

            if (firstTry)
            {
                firstTry = false;
                throw new InvalidOperationException("down for now");
            }

            await gate.Task.WaitAsync(token);
        };
        await using var provider = Build(store, handler);
        var intake = provider.GetRequiredService<WebhookIntake>();
        await intake.StartAsync(CancellationToken.None);

        await intake.EnqueueAsync(Source, "a", "a1", CancellationToken.None);
        await intake.EnqueueAsync(Source, "a", "a2", CancellationToken.None);
        await intake.EnqueueAsync(Source, "b", "b1", CancellationToken.None);

        await handler.Changed.WaitUntilAsync(() => handler.Done.Contains("b1"), "the other sender's request");
        // The failure is recorded by a1's own worker, which may come after b1 was done: waited for, not assumed.
        await store.Changed.WaitUntilAsync(() => store.Entries.Single(e => e.Payload == "a1").Attempts == 1, "a1's failed attempt recorded");
        Assert.DoesNotContain("a2", handler.Done);

        gate.SetResult();
        await store.WaitUntilDrainedAsync();
        Assert.Equal(["a1", "a2"], handler.Done.Where(p => p.StartsWith('a')));
        Assert.Empty(store.Entries);
        await intake.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Requests_left_by_the_last_run_are_processed_at_start_in_arrival_order()
    {
        var store = new RecordingWebhookIntakeStore();
        store.Seed(Source, "a", "first");
        store.Seed(Source, "a", "second");
        var handler = new ScriptedHandler();
        await using var provider = Build(store, handler);
        var intake = provider.GetRequiredService<WebhookIntake>();

        await intake.StartAsync(CancellationToken.None);

        await store.WaitUntilDrainedAsync();
        Assert.Equal(["first", "second"], handler.Done);
        await intake.StopAsync(CancellationToken.None);
    }

    private static ServiceProvider Build(RecordingWebhookIntakeStore store, ScriptedHandler handler)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:FirstRetryDelay"] = "00:00:00.020",
            ["Webhooks:MaxRetryDelay"] = "00:00:00.100",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IWebhookIntakeStore>(store);
        services.AddKeyedSingleton<IWebhookHandler>(Source, handler);
        services.AddWebhookIntake<ScriptedHandler>(configuration, Source);
        return services.BuildServiceProvider();
    }

    private sealed class ScriptedHandler : IWebhookHandler
    {
        public ConcurrentQueue<string> Done { get; } = new();

        public Signal Changed { get; } = new();

        public Func<WebhookWork, CancellationToken, Task>? Before { get; set; }

        public async Task HandleAsync(WebhookWork work, CancellationToken cancellationToken)
        {
            if (Before is { } before)
            {
                await before(work, cancellationToken);
            }

            Done.Enqueue(work.Entry.Payload);
            Changed.Pulse();
        }
    }
}
