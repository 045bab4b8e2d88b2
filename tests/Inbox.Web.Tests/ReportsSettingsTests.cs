using Inbox.Web.Reports;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Tests;

/// <summary>The <c>Reports</c> settings: a wrong value stops the start naming its key.</summary>
public sealed class ReportsSettingsTests
{
    [Theory]
    [InlineData("TimeZone", "Mars/Olympus_Mons")]
    [InlineData("TimeZone", " ")]
    [InlineData("BotIdleClose", "00:00:10")]
    [InlineData("MaxDays", "0")]
    [InlineData("PushInterval", "00:00:00.500")]
    public void A_wrong_value_is_refused_naming_its_key(string key, string value)
    {
        var options = new ReportsOptions();
        switch (key)
        {
            case "TimeZone": options.TimeZone = value; break;
            case "BotIdleClose": options.BotIdleClose = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxDays": options.MaxDays = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.PushInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new ReportsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Reports:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ReportsOptionsValidator().Validate(null, new ReportsOptions()).Succeeded);
        Assert.Equal("Europe/Moscow", new ReportsOptions().Zone.Id);
    }

    [Fact]
    public async Task A_node_with_an_unknown_time_zone_does_not_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await InboxServer.StartAsync(new Dictionary<string, string?> { ["Reports:TimeZone"] = "Europe/Atlantis" }));

        Assert.Contains("Reports:TimeZone", error.Message, StringComparison.Ordinal);
    }
}
