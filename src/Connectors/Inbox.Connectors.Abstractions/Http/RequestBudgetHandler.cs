namespace Inbox.Connectors.Http;

/// <summary>Makes every HTTP attempt (retries included) hold a slot of the <see cref="RequestBudget"/> while it runs.</summary>
public sealed class RequestBudgetHandler : DelegatingHandler
{
    private readonly RequestBudget _budget;

    public RequestBudgetHandler(RequestBudget budget)
    {
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var slot = await _budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
