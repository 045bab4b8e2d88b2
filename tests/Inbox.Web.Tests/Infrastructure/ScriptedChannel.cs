using System.Collections.Concurrent;
using Inbox.Connectors;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>
/// A channel whose provider answers as the test says, for behaviour every connector shares (unreachable recipients,
/// attachments handed to the connector). Real connectors are tested against their providers' fake servers.
/// </summary>
public sealed class ScriptedChannel(string channel) : IOutboundChannel
{
    public string Channel { get; } = channel;

    public ConcurrentQueue<(OutboundMessage Message, List<(string Name, byte[] Content)> Files)> Sent { get; } = new();

    public Func<OutboundMessage, DeliveryOutcome> Answer { get; set; } = m => new DeliveryOutcome.Sent($"scripted-{m.MessageId}");

    public async Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var files = new List<(string, byte[])>();
        foreach (var attachment in message.Attachments ?? [])
        {
            await using var content = await attachment.OpenAsync(cancellationToken);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            files.Add((attachment.FileName, buffer.ToArray()));
        }

        Sent.Enqueue((message, files));
        return Answer(message);
    }
}
