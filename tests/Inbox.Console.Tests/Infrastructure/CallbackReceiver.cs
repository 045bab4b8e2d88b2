using System.Net;

namespace Inbox.Console.Tests.Infrastructure;

/// <summary>The integrator's callback endpoint for API-channel replies: answers 200 to every POST.</summary>
public sealed class CallbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();

    public CallbackReceiver()
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}/callback/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                await reader.ReadToEndAsync();
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
