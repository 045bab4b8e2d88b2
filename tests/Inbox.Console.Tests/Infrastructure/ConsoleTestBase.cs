using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests.Infrastructure;

/// <summary>
/// A real web node on loopback and Debian's Chromium (headless, through Playwright) for each test; <see cref="Page"/> is an
/// English browser. Subclasses change the node's settings with <see cref="Settings"/>.
/// </summary>
public abstract class ConsoleTestBase : IAsyncLifetime
{
    protected const string ChromiumPath = "/usr/bin/chromium";
    protected static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 20_000 };
    protected static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 20_000 };
    protected static readonly LocatorAssertionsToHaveTextOptions HasText = new() { Timeout = 20_000 };
    protected static readonly LocatorAssertionsToHaveAttributeOptions Attribute = new() { Timeout = 20_000 };

    private readonly ConcurrentQueue<string> _trace = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _pages;
    private CallbackReceiver _callback = null!;
    private IPlaywright _playwright = null!;

    protected InboxServer Server { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Settings of the node on top of the API channel's callback.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _callback = new CallbackReceiver();
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Channels:Api:CallbackUrl"] = _callback.Url,
            ["Channels:Api:CallbackSecret"] = "console-test-secret",
        };
        Server = await InboxServer.StartAsync(settings);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Page = await NewPageAsync("en-US");
    }

    public async Task DisposeAsync()
    {
        // What each page logged, asked and heard, for reading after a failure (console-traces next to the test assembly).
        var folder = Path.Combine(AppContext.BaseDirectory, "console-traces");
        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, $"{GetType().Name}-{DateTime.UtcNow:HHmmss.fff}.log"), _trace);
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
        _callback.Dispose();
    }

    /// <summary>A page in a browser context of its own (its own cookies and storage) with the browser's language.</summary>
    protected async Task<IPage> NewPageAsync(string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 800 },
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        Trace(page, Interlocked.Increment(ref _pages));
        return page;
    }

    /// <summary>Logs in through the form and waits for the live connection (whatever the language says for it).</summary>
    protected static async Task LogInAsync(IPage page, string login, string live = "live")
    {
        await page.GotoAsync("/");
        await page.FillAsync("#login-name", login);
        await page.FillAsync("#login-password", InboxServer.DemoPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#connection")).ToHaveTextAsync(live, HasText);
    }

    protected async Task InboundAsync(string phone, string customerName, string text)
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var response = await api.PostAsJsonAsync("/api/v1/inbound", new
        {
            messageId = "console-" + Guid.NewGuid().ToString("N"),
            customer = new { phone, name = customerName },
            text,
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Saves a screenshot as a test artifact (console-screenshots next to the test assembly).</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "console-screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    private void Trace(IPage page, int number)
    {
        void Add(string what) => _trace.Enqueue($"{_clock.Elapsed.TotalSeconds,8:0.000} page{number} {what}");
        page.Console += (_, message) => Add($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => Add($"error: {error}");
        page.RequestFinished += (_, request) => Add($"{request.Method} {request.Url} {request.Timing.ResponseEnd:0} ms");
        page.RequestFailed += (_, request) => Add($"{request.Method} {request.Url} failed: {request.Failure}");
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) => Add($"ws> {frame.Text}");
            socket.FrameReceived += (_, frame) => Add($"ws< {frame.Text}");
            socket.Close += (_, _) => Add("ws closed");
        };
    }
}
