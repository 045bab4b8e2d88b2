namespace Inbox.Cluster.Tests;

/// <summary>A grain with one reminder, to see reminders survive a silo restart.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync();
}
