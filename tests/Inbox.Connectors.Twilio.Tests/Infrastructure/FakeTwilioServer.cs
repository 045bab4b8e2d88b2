using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>
/// Twilio's REST API on loopback, speaking its wire protocol: <c>POST/GET /2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// (form in, JSON out, HTTP Basic AccountSid:AuthToken, error bodies <c>{"code","message","more_info","status"}</c>) and media
/// downloads under <c>…/Messages/{MM}/Media/{ME}</c>. Answers can be scripted per request.
/// </summary>
public sealed class FakeTwilioServer : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test_auth_token_0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeTwilioAnswer> _createAnswers = new();
    private readonly ConcurrentQueue<int> _listAnswers = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _media = new();
    private readonly List<FakeTwilioMessage> _messages = [];
    private int _counter;

    private FakeTwilioServer(WebApplication app, bool requireCredentials)
    {
        _app = app;
        RequireCredentials = requireCredentials;
    }

    public string Url { get; private set; } = "";

    /// <summary>False for a stand-in of some other host: it serves files to anyone and records what it was sent.</summary>
    public bool RequireCredentials { get; }

    /// <summary>Every create request, accepted or not, with whether its Basic credentials were right.</summary>
    public ConcurrentQueue<(IReadOnlyDictionary<string, string[]> Form, bool CredentialsValid)> CreateRequests { get; } = new();

    public ConcurrentQueue<(string Query, bool CredentialsValid)> ListRequests { get; } = new();

    /// <summary>Every media request: its path and the Authorization header it carried (null: none).</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> MediaRequests { get; } = new();

    public IReadOnlyList<FakeTwilioMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public static string ValidAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    public void AnswerNextCreate(params FakeTwilioAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _createAnswers.Enqueue(answer);
        }
    }

    public void AnswerNextList(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _listAnswers.Enqueue(code);
        }
    }

    /// <summary>Serves a file; returns its URL as Twilio would put it in MediaUrl{N}.</summary>
    public string AddMedia(string mediaSid, byte[] content, string contentType)
    {
        var path = $"/2010-04-01/Accounts/{AccountSid}/Messages/MM0123456789abcdef0123456789abcdef/Media/{mediaSid}";
        _media[path] = (content, contentType);
        return Url + path;
    }

    public static async Task<FakeTwilioServer> StartAsync(bool requireCredentials = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTwilioServer(app, requireCredentials);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", server.CreateAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages.json", server.List);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}", server.Media);
        await app.StartAsync();
        server.Url = app.Urls.First();
        return server;
    }

    private async Task<IResult> CreateAsync(string accountSid, HttpContext context)
    {
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
        var credentialsValid = Authorized(context, accountSid);
        CreateRequests.Enqueue((form, credentialsValid));
        if (!credentialsValid)
        {
            return Error(401, 20003, "Authenticate");
        }

        var answer = _createAnswers.TryDequeue(out var scripted) ? scripted : new FakeTwilioAnswer(201);
        if (answer.Hang)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return Results.StatusCode(504);
        }

        FakeTwilioMessage? created = null;
        if (answer.Status is >= 200 and < 300 || answer.CreateAnyway)
        {
            created = new FakeTwilioMessage($"SM{Interlocked.Increment(ref _counter):D32}", form, DateTimeOffset.UtcNow);
            lock (_messages)
            {
                _messages.Add(created);
            }
        }

        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }

        if (answer.RawBody is not null)
        {
            return Results.Content(answer.RawBody, "text/html", Encoding.UTF8, answer.Status);
        }

        return answer.Status is >= 200 and < 300
            ? Results.Json(Resource(created!), statusCode: answer.Status)
            : Error(answer.Status, answer.Code, answer.Message ?? "error");
    }

    private IResult List(string accountSid, HttpContext context)
    {
        var credentialsValid = Authorized(context, accountSid);
        ListRequests.Enqueue((context.Request.QueryString.Value ?? "", credentialsValid));
        if (!credentialsValid)
        {
            return Error(401, 20003, "Authenticate");
        }

        if (_listAnswers.TryDequeue(out var status))
        {
            return Error(status, null, "list failed");
        }

        var to = context.Request.Query["To"].ToString();
        var from = context.Request.Query["From"].ToString();
        var matching = Messages
            .Where(m => m["To"] == to && (from.Length == 0 || m["From"] == from))
            .OrderByDescending(m => m.CreatedAt)
            .Select(Resource)
            .ToList();
        return Results.Json(new Dictionary<string, object?> { ["messages"] = matching, ["page"] = 0, ["next_page_uri"] = null });
    }

    /// <summary>How many of the next media downloads answer 503 (Twilio's storage having a bad moment).</summary>
    public int MediaFailures;

    private IResult Media(string accountSid, HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        MediaRequests.Enqueue((context.Request.Path.Value!, authorization.Length == 0 ? null : authorization));
        if (Interlocked.Decrement(ref MediaFailures) >= 0)
        {
            return Error(503, 20500, "Service Unavailable");
        }

        Interlocked.Exchange(ref MediaFailures, 0);
        if (RequireCredentials && !Authorized(context, accountSid))
        {
            return Error(401, 20003, "Authenticate");
        }

        return _media.TryGetValue(context.Request.Path.Value!, out var file)
            ? Results.Bytes(file.Content, file.ContentType)
            : Error(404, 20404, "The requested resource was not found");
    }

    private static bool Authorized(HttpContext context, string accountSid) =>
        accountSid == AccountSid && context.Request.Headers.Authorization.ToString() == ValidAuthorization;

    private static Dictionary<string, object?> Resource(FakeTwilioMessage message) => new()
    {
        ["sid"] = message.Sid,
        ["account_sid"] = AccountSid,
        ["to"] = message["To"],
        ["from"] = message["From"],
        ["messaging_service_sid"] = message["MessagingServiceSid"],
        ["body"] = message["Body"],
        ["status"] = message["MessagingServiceSid"] is null ? "queued" : "accepted",
        ["num_segments"] = "1",
        ["direction"] = "outbound-api",
        ["date_created"] = message.CreatedAt.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        ["error_code"] = null,
        ["error_message"] = null,
    };

    private static IResult Error(int status, int? code, string message) =>
        Results.Json(new Dictionary<string, object?>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = code is null ? null : $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
