using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// The built app ships no <c>Urls</c> of its own, so the framework's own settings decide where it listens: the address or
/// port in the environment is honoured (<c>./run.sh</c> passes the default, <c>http://localhost:5080</c>, only when none is set).
/// </summary>
public sealed class ListeningAddressTests
{
    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS", "{0}")]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:{0}")]
    public async Task The_address_in_the_environment_is_where_the_node_listens(string variable, string format)
    {
        var folder = InboxProcess.NewDataFolder();
        var port = FreePort.Next();

        // StartAsync waits until /health/ready answers on this port
        using var inbox = await InboxProcess.StartAsync(Path.Combine(folder, "inbox.db"), port, FreePort.Next(), FreePort.Next(),
            ["--Chatbot:Enabled=false", "--Demo:AllowOnPublicAddress=true"], new Dictionary<string, string> { [variable] = string.Format(format, port) });

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!inbox.Output.Contains("Inbox is running", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains($":{port}", inbox.Output);
        Assert.DoesNotContain(":5080", inbox.Output);
        // A clean start warns only where the demo logins are, that the node runs, and (the key ring is not encrypted
        // here) once that the data-protection keys are stored unencrypted.
        var warnings = inbox.Output.Split('\n').Where(l => l.Contains(" WRN] ", StringComparison.Ordinal) || l.Contains(" ERR] ", StringComparison.Ordinal)).ToList();
        Assert.All(warnings, w => Assert.True(w.Contains("Demo logins", StringComparison.Ordinal) || w.Contains("Inbox is running", StringComparison.Ordinal)
            || w.Contains("KEY RING IS NOT ENCRYPTED", StringComparison.Ordinal), w));
        Assert.Single(warnings, w => w.Contains("KEY RING IS NOT ENCRYPTED", StringComparison.Ordinal));
    }
}
