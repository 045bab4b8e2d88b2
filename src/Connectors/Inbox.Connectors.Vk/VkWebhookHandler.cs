using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Vk;

/// <summary>
/// Processes a Callback API event the endpoint kept in the <see cref="WebhookIntake"/>: photos, the sender's name, the pipeline.
/// A passing failure of VK (a photo or users.get) throws, so the event is tried again; from the best-effort attempt on the
/// message is stored with what could be had.
/// </summary>
public sealed class VkWebhookHandler(IServiceProvider services, ILogger<VkWebhookHandler> logger) : IWebhookHandler
{
    /// <summary>The event without its <c>secret</c>, which has been checked and is not kept.</summary>
    public static string WithoutSecret(JsonElement update)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = VkJson.DocumentOptions.MaxDepth }))
        {
            writer.WriteStartObject();
            foreach (var property in update.EnumerateObject().Where(p => p.Name != "secret"))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public async Task HandleAsync(WebhookWork work, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(work.Entry.Payload, VkJson.DocumentOptions);
        var processor = services.GetRequiredService<VkEventProcessor>();
        var result = await processor.ProcessAsync(document.RootElement, work.BestEffort, cancellationToken).ConfigureAwait(false);
        logger.LogDebug("VK event {EventId}: {Outcome} ({Detail})", VkJson.GetString(document.RootElement, "event_id"), result.Outcome, result.Detail);
    }
}
