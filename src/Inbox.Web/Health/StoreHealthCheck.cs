using Inbox.Domain;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Health;

/// <summary>Ready when the store answers a query and the cluster answers a grain call.</summary>
public sealed class StoreHealthCheck(IConversationQueries store, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListConversationsAsync(new ConversationQuery(null, null, false, 0, 1), cancellationToken);
            await grains.Reference<ILiveSubscribersGrain>(0).GetSubscribersAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The store or the cluster does not answer.", ex);
        }
    }
}
