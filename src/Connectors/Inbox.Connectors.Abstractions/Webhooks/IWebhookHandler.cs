namespace Inbox.Connectors.Webhooks;

/// <summary>
/// A connector's processing of one queued request (parse, fetch files and names, hand to the pipeline), registered as a keyed
/// service under the connector's source name. Completes when the effect is durable; throwing means "try again later"
/// (the entry stays). Repeats must be harmless: the pipeline de-duplicates on the provider's message id.
/// </summary>
public interface IWebhookHandler
{
    Task HandleAsync(WebhookWork work, CancellationToken cancellationToken);
}
