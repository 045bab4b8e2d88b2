namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>For conditions nothing signals (a line in Dovecot's own log file): looks every 50 ms, gives up after 30 s.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Signal.MaxWait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Signal.MaxWait.TotalSeconds} s for {what} in vain.");
            }

            await Task.Delay(50);
        }
    }
}
