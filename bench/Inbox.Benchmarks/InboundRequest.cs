namespace Inbox.Benchmarks;

/// <summary>The body posted to both <c>/api/v1/inbound</c> and the baseline's <c>/baseline</c>.</summary>
public sealed record InboundRequest(string MessageId, InboundCustomer Customer, string Text);
