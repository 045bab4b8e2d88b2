namespace Inbox.Web.OperatorApi;

/// <summary>
/// An address that probably belongs to the customer, and why. With <see cref="OwnerCustomerId"/> another customer has it
/// (a supervisor may merge the two); without, an operator may link it (<c>POST /api/v1/customers/{id}/identities</c>).
/// </summary>
public sealed record LinkSuggestion(string Identity, string Reason, Guid? OwnerCustomerId);
