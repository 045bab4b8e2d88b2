namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>For conditions nothing signals (a line in Dovecot's own log file): looks every 50 ms, gives up after 30 s.</summary>
public static class Eventually
{
    public static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>The same for a condition that asks a server (a mailbox's flags).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Signal.MaxWait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Signal.MaxWait.TotalSeconds} s for {what} in vain.");
            }

            await Task.Delay(50);
        }
    }
}
