namespace Inbox.Web.OperatorApi;

/// <summary>The other customer of a merge or unmerge.</summary>
public sealed record MergeBody(Guid CustomerId);
