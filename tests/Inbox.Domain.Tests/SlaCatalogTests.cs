using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static Inbox.Domain.Tests.Schedules;

namespace Inbox.Domain.Tests;

/// <summary>SLA policies from the <c>Sla</c> section: which one covers a conversation, and every wrong key refused by name.</summary>
public sealed class SlaCatalogTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Sla:Schedules:office:TimeZone"] = "Europe/Moscow",
        ["Sla:Schedules:office:Week:Monday:0"] = "09:00-13:00",
        ["Sla:Schedules:office:Week:Monday:1"] = "14:00-18:00",
        ["Sla:Schedules:office:Week:friday:0"] = "09:00-17:00",
        ["Sla:Schedules:office:Holidays:0"] = "2026-05-11",
        ["Sla:Schedules:always:AroundTheClock"] = "true",
        ["Sla:Policies:0:FirstResponse"] = "01:00:00",
        ["Sla:Policies:0:Resolution"] = "1.00:00:00",
        ["Sla:Policies:0:Schedule"] = "office",
        ["Sla:Policies:1:Priority"] = "Urgent",
        ["Sla:Policies:1:FirstResponse"] = "00:05:00",
        ["Sla:Policies:1:Resolution"] = "04:00:00",
        ["Sla:Policies:2:Team"] = "fraud response",
        ["Sla:Policies:2:FirstResponse"] = "00:15:00",
        ["Sla:Policies:2:Resolution"] = "08:00:00",
        ["Sla:Policies:2:Schedule"] = "always",
        ["Sla:Policies:3:Team"] = "Fraud Response",
        ["Sla:Policies:3:Priority"] = "Urgent",
        ["Sla:Policies:3:FirstResponse"] = "00:02:00",
        ["Sla:Policies:3:Resolution"] = "02:00:00",
    };

    [Fact]
    public void The_most_specific_policy_covers_a_conversation()
    {
        var catalog = Read(Valid);
        Assert.Equal(TimeSpan.FromMinutes(2), catalog.Find("fraud response", ConversationPriority.Urgent)!.FirstResponse); // team and priority
        Assert.Equal(TimeSpan.FromMinutes(15), catalog.Find(" FRAUD RESPONSE ", ConversationPriority.High)!.FirstResponse); // team, any priority
        Assert.Equal(TimeSpan.FromMinutes(5), catalog.Find("orders", ConversationPriority.Urgent)!.FirstResponse); // any team, priority
        Assert.Equal(TimeSpan.FromMinutes(5), catalog.Find(null, ConversationPriority.Urgent)!.FirstResponse);
        var fallback = catalog.Find("orders", ConversationPriority.Normal)!; // the default
        Assert.Equal(TimeSpan.FromHours(1), fallback.FirstResponse);
        Assert.Equal("office", fallback.Schedule);

        // The schedule as configured: a lunch break on Monday, Friday until 17:00, the holiday.
        var office = catalog.Schedules["OFFICE"];
        Assert.Equal("Europe/Moscow", office.TimeZone.Id);
        Assert.Equal([Interval("09:00-13:00"), Interval("14:00-18:00")], office.On(DayOfWeek.Monday));
        Assert.Equal([Interval("09:00-17:00")], office.On(DayOfWeek.Friday));
        Assert.Empty(office.On(DayOfWeek.Tuesday));
        Assert.Contains(new DateOnly(2026, 5, 11), office.Holidays);
        Assert.True(catalog.Find("fraud response", ConversationPriority.Normal)!.Hours.IsAroundTheClock);
        Assert.True(catalog.Find("orders", ConversationPriority.Urgent)!.Hours.IsAroundTheClock); // no schedule: around the clock
    }

    [Fact]
    public void Without_a_default_a_conversation_no_policy_covers_has_no_SLA()
    {
        var catalog = Read(new()
        {
            ["Sla:Policies:0:Team"] = "orders",
            ["Sla:Policies:0:FirstResponse"] = "01:00:00",
            ["Sla:Policies:0:Resolution"] = "08:00:00",
        });
        Assert.NotNull(catalog.Find("orders", ConversationPriority.Normal));
        Assert.Null(catalog.Find("email", ConversationPriority.Normal));
        Assert.Null(catalog.Find(null, ConversationPriority.Urgent));
        Assert.Empty(Read([]).Policies);
    }

    [Theory]
    [InlineData("Sla:Schedules:office:TimeZone", "Europe/Mosco", "Sla:Schedules:office:TimeZone \"Europe/Mosco\" is not a known IANA time zone id")]
    [InlineData("Sla:Schedules:office:TimeZone", "", "Sla:Schedules:office:TimeZone must name")]
    [InlineData("Sla:Schedules:office:Week:Monday:0", "22:00-06:00", "Sla:Schedules:office:Week:Monday:0 \"22:00-06:00\" must be HH:mm-HH:mm")]
    [InlineData("Sla:Schedules:office:Week:Monday:1", "12:00-18:00", "Sla:Schedules:office:Week: Monday: 09:00-13:00 overlaps 12:00-18:00.")]
    [InlineData("Sla:Schedules:office:Week:Mon:0", "09:00-18:00", "Sla:Schedules:office:Week:Mon is not a weekday")]
    [InlineData("Sla:Schedules:office:Week:1:0", "09:00-18:00", "Sla:Schedules:office:Week:1 is not a weekday")]
    [InlineData("Sla:Schedules:office:Holidays:0", "11.05.2026", "Sla:Schedules:office:Holidays:0 \"11.05.2026\" must be a date")]
    [InlineData("Sla:Schedules:always:Holidays:0", "2026-05-11", "Sla:Schedules:always: a schedule around the clock has no Week and no Holidays.")]
    [InlineData("Sla:Schedules:always:TimeZone", "Mars/Olympus", "Sla:Schedules:always:TimeZone \"Mars/Olympus\"")]
    [InlineData("Sla:Policies:0:FirstResponse", "00:00:00", "Sla:Policies:0:FirstResponse must be a positive duration")]
    [InlineData("Sla:Policies:0:Resolution", "-01:00:00", "Sla:Policies:0:Resolution must be a positive duration")]
    [InlineData("Sla:Policies:0:Schedule", "night", "Sla:Policies:0:Schedule \"night\" is not one of Sla:Schedules (always, office).")]
    [InlineData("Sla:Policies:0:Priority", "7", "Sla:Policies:0:Priority must be Normal, High or Urgent")]
    [InlineData("Sla:Policies:3:Team", "", "Sla:Policies:3 repeats the policy for team (any) and priority Urgent.")]
    [InlineData("Sla:OutOfHoursSchedule", "nights", "Sla:OutOfHoursSchedule \"nights\" is not one of Sla:Schedules (always, office).")]
    [InlineData("Sla:CheckInterval", "00:00:00", "Sla:CheckInterval must be more than zero and at most 00:01:00.")]
    [InlineData("Sla:CheckInterval", "00:05:00", "Sla:CheckInterval must be more than zero and at most 00:01:00.")]
    public void A_wrong_setting_is_refused_naming_its_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        var problems = Problems(settings);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_out_of_hours_schedule_is_the_policys_none_around_the_clock_and_the_named_one_without_a_policy()
    {
        var catalog = Read(new Dictionary<string, string?>(Valid) { ["Sla:OutOfHoursSchedule"] = "Office" });
        var office = catalog.Schedules["office"];
        Assert.Same(office, catalog.OutOfHoursFor(catalog.Find(null, ConversationPriority.Normal)));   // the default policy's schedule
        Assert.Null(catalog.OutOfHoursFor(catalog.Find("fraud response", ConversationPriority.Normal))); // a schedule around the clock
        Assert.Null(catalog.OutOfHoursFor(catalog.Find(null, ConversationPriority.Urgent)));           // no schedule: around the clock
        Assert.Same(office, catalog.OutOfHoursFor(null));                                              // no policy: the setting
        Assert.Null(Read([]).OutOfHoursFor(null));
    }

    [Fact]
    public void A_schedule_without_a_week_is_refused()
    {
        var problems = Problems(new() { ["Sla:Schedules:empty:TimeZone"] = "Europe/Berlin" });
        Assert.Equal(["Sla:Schedules:empty:Week: The week has no open interval; say around the clock, or give at least one day its hours."], problems);
    }

    [Fact]
    public async Task A_wrong_time_zone_stops_the_start_naming_the_key()
    {
        using var host = Host(new Dictionary<string, string?>(Valid) { ["Sla:Schedules:office:TimeZone"] = "Europe/Mosco" });
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Sla:Schedules:office:TimeZone \"Europe/Mosco\"", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_section_starts_and_serves_the_catalog()
    {
        using var host = Host(Valid);
        await host.StartAsync();
        var catalog = host.Services.GetRequiredService<SlaCatalog>();
        Assert.Equal(4, catalog.Policies.Count);
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_a_section_there_are_no_policies()
    {
        using var host = Host([]);
        await host.StartAsync();
        Assert.Empty(host.Services.GetRequiredService<SlaCatalog>().Policies);
        await host.StopAsync();
    }

    private static SlaCatalog Read(Dictionary<string, string?> settings) =>
        SlaCatalog.Read(Bind(settings), out var problems) ?? throw new InvalidOperationException(string.Join(" ", problems));

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        Assert.Null(SlaCatalog.Read(Bind(settings), out var problems));
        return problems;
    }

    private static SlaOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SlaOptions.SectionName).Get<SlaOptions>() ?? new SlaOptions();

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSla(builder.Configuration);
        return builder.Build();
    }
}
