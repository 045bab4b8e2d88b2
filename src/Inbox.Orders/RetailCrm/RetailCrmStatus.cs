namespace Inbox.Orders.RetailCrm;

/// <summary>One entry of RetailCRM's status reference.</summary>
/// <param name="Code">The status code orders carry.</param>
/// <param name="Name">The name to show customers.</param>
/// <param name="Group">The status group (<c>complete</c> and <c>cancel</c> mean the order is closed).</param>
public sealed record RetailCrmStatus(string Code, string Name, string? Group);
