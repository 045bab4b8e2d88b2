namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>What outlives one run of the connector: the store (pipeline, cursors, reachability) and the logs.</summary>
public sealed class TestWorld
{
    public TestWorld()
    {
        Pipeline = new RecordingInboundPipeline(Log);
        Cursors = new RecordingCursorStore(Log);
        Reachability = new RecordingReachability(Log);
    }

    public EventLog Log { get; } = new();

    public RecordingInboundPipeline Pipeline { get; }

    public RecordingCursorStore Cursors { get; }

    public RecordingReachability Reachability { get; }

    public RecordingDeliveryReceipts Receipts { get; } = new();

    /// <summary>Webhook updates acknowledged and not processed yet.</summary>
    public RecordingWebhookIntakeStore Intake { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>Set for hosts that are nodes of one cluster: they share the leases of their polling loops.</summary>
    public Inbox.Connectors.Leases.IConnectorLeases? SharedLeases { get; set; }
}
