namespace Inbox.Web.OperatorApi;

/// <summary>The conversation's labels as they should be: the whole list (an empty list removes them all).</summary>
public sealed record LabelsBody(IReadOnlyList<string?>? Labels);
