using System.Globalization;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// The out-of-hours answer in conversation grains: no policy, and <c>Sla:OutOfHoursSchedule</c> names a schedule closed
/// today and the next two days (holidays, in UTC), open from the third day at midnight. A customer who writes gets one
/// automatic answer in their language saying when operators are back, through the outbox; writing again does not repeat it.
/// </summary>
public sealed class OutOfHoursGrainTests(OutOfHoursGrainTests.Fixture fixture) : IClassFixture<OutOfHoursGrainTests.Fixture>
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public sealed class Fixture() : ClusterFixture(Settings(bot: false));

    /// <summary>The bot on (it answers first) or off, and the schedule closed for three days from today (UTC).</summary>
    public static Dictionary<string, string> Settings(bool bot)
    {
        var settings = new Dictionary<string, string>
        {
            ["Chatbot:Enabled"] = bot ? "true" : "false",
            ["Sla:OutOfHoursSchedule"] = "office",
            ["Sla:Schedules:office:TimeZone"] = "Etc/UTC",
        };
        var days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        foreach (var day in days)
        {
            settings[$"Sla:Schedules:office:Week:{day}:0"] = "00:00-24:00";
        }

        for (var i = 0; i < 3; i++)
        {
            settings[$"Sla:Schedules:office:Holidays:{i}"] = Today.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    [Fact]
    public async Task A_customer_who_writes_while_closed_is_told_once_when_operators_are_back()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(new IncomingMessage("api", $"{id}-1", "api:c1", "Ivan", "где мой заказ?", DateTimeOffset.UtcNow));
        await grain.ReceiveAsync(new IncomingMessage("api", $"{id}-2", "api:c1", "Ivan", "алло?", DateTimeOffset.UtcNow));

        var timeline = (await Queries.GetTimelineAsync(id, null, 100)).Messages;
        var back = Today.AddDays(3).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var item = Assert.Single(timeline, m => m.Kind == MessageKind.Event);
        Assert.Equal(TimelineActions.OutOfHours, item.Metadata![TimelineActions.Key]);
        Assert.Equal(new DateTimeOffset(Today.AddDays(3), TimeOnly.MinValue, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture), item.Metadata["until"]);
        Assert.Equal("office", item.Metadata["schedule"]);
        var answer = Assert.Single(timeline, m => m.Kind == MessageKind.Outbound);
        Assert.Equal(("system", (Guid?)null, "api"), (answer.AuthorName, answer.OperatorId, answer.Channel));
        Assert.Equal($"Здравствуйте! Сейчас операторы не работают. Они вернутся {back} в 00:00 (время Etc/UTC). Ваше сообщение сохранено, мы ответим.", answer.Text);
        Assert.Equal([MessageKind.Inbound, MessageKind.Event, MessageKind.Outbound, MessageKind.Inbound], timeline.OrderBy(m => m.Sequence).Select(m => m.Kind));
        Assert.Equal(ConversationStatus.Queued, (await grain.GetAsync())!.Status);
    }
}
