using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Tests;

/// <summary>A wrong setting stops the node as it starts, with a message naming the key, before it takes any traffic.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Storage:Provider", "Foo", "Storage:Provider")]
    [InlineData("Storage:Provider", "Postgres", "ConnectionStrings:Postgres")]
    [InlineData("Storage:Sqlite:MaxBatch", "0", "Storage:Sqlite:MaxBatch")]
    [InlineData("Orleans:GatewayPort", "70000", "Orleans:GatewayPort")]
    [InlineData("Limits:MaxRequestBodyBytes", "5", "Limits:MaxRequestBodyBytes")]
    [InlineData("Limits:MaxNameLength", "0", "Limits:MaxNameLength")]
    [InlineData("Limits:MaxUploadParts", "-1", "Limits:MaxUploadParts")]
    [InlineData("Outbox:MaxAttempts", "0", "Outbox:")]
    [InlineData("Conversations:PreviewLength", "0", "Conversations:PreviewLength")]
    [InlineData("Phone:DefaultRegion", "Narnia", "Phone:DefaultRegion")]
    [InlineData("Orders:Provider", "Oracle", "Orders:Provider")]
    [InlineData("Chatbot:Mode", "Magic", "Chatbot:Mode")]
    [InlineData("Channels:Telegram:BotToken", "not-a-token", "Channels:Telegram")]
    [InlineData("Channels:Api:CallbackUrl", "not a url", "Channels:Api:CallbackUrl")]
    [InlineData("urls", "http://0.0.0.0:0", "Demo:AllowOnPublicAddress")]
    [InlineData("DataProtection:Key", "too-short", "DataProtection:Key")]
    [InlineData("Auth:SessionCheckCache", "00:00:30", "Auth:SessionCheckCache")]
    [InlineData("Sla:Schedules:office:TimeZone", "Europe/Mosco", "Sla:Schedules:office:TimeZone \"Europe/Mosco\" is not a known IANA time zone id")]
    [InlineData("Sla:Policies:0:FirstResponse", "00:00:00", "Sla:Policies:0:FirstResponse must be a positive duration")]
    public async Task A_wrong_setting_stops_the_start_naming_the_key(string key, string value, string named)
    {
        var folder = InboxProcess.NewDataFolder();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:Sqlite:Path={Path.Combine(folder, "inbox.db")}",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            $"--Orleans:ClusterId=test-{Guid.NewGuid():N}",
            "--Channels:Api:Token=t0ken",
            $"--{key}={value}",
        ];
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = InboxApp.Build(args);
            await app.StartAsync();
        });

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
