using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible server on Azure's route <c>/openai/deployments/{deployment}/chat/completions</c> that answers from a
/// script: tool calls, texts, an HTTP error, or no answer at all.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private LoopbackServer? _server;
    private int _calls;

    public Uri Endpoint => _server!.BaseAddress;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var fake = new FakeOpenAIServer();
        fake._server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/openai/deployments/{deployment}/chat/completions", fake.HandleAsync));
        return fake;
    }

    public void ReplyWithToolCall(string name, string argumentsJson) => _script.Enqueue(ctx =>
    {
        var id = Interlocked.Increment(ref _calls);
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_{id}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = argumentsJson },
            }),
        };
        return WriteCompletionAsync(ctx, message, "tool_calls");
    });

    public void ReplyWithText(string text) => _script.Enqueue(ctx =>
        WriteCompletionAsync(ctx, new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop"));

    public void ReplyWithStatus(int status) => _script.Enqueue(ctx =>
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsync("{\"error\":{\"code\":\"server_error\",\"message\":\"scripted failure\"}}");
    });

    public void NeverAnswer() => _script.Enqueue(async ctx =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.QueryString.Value ?? string.Empty, headers, body, DateTimeOffset.UtcNow));
        if (_script.TryDequeue(out var step))
        {
            await step(context);
            return;
        }

        context.Response.StatusCode = 500;
        await context.Response.WriteAsync("{\"error\":{\"message\":\"script exhausted\"}}");
    }

    private static Task WriteCompletionAsync(HttpContext context, JsonObject message, string finishReason)
    {
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = 1_764_000_000,
            ["model"] = "gpt-4o",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(completion.ToJsonString());
    }
}
