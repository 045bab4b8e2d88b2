namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>What outlives one run of the connector: the store (pipeline, cursors, receipts, history) and the logs.</summary>
public sealed class TestWorld
{
    public TestWorld()
    {
        Cursors = new RecordingCursorStore(Log);
        Pipeline = new RecordingInboundPipeline(Log, Cursors);
        Receipts = new RecordingDeliveryReceipts(Log);
    }

    public EventLog Log { get; } = new();

    public RecordingInboundPipeline Pipeline { get; }

    public RecordingCursorStore Cursors { get; }

    public RecordingDeliveryReceipts Receipts { get; }

    public RecordingConversationHistory History { get; } = new();

    public CapturedLogs Logs { get; } = new();
}
