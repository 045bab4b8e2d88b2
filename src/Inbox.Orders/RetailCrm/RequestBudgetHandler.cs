namespace Inbox.Orders.RetailCrm;

/// <summary>Makes every HTTP attempt (retries included) wait for a slot of the <see cref="RequestBudget"/>.</summary>
public sealed class RequestBudgetHandler : DelegatingHandler
{
    private readonly RequestBudget _budget;

    public RequestBudgetHandler(RequestBudget budget)
    {
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _budget.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
