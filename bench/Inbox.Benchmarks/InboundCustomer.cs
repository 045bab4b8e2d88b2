namespace Inbox.Benchmarks;

/// <summary>The sender of an <see cref="InboundRequest"/>: an id in the integrator's system and a name.</summary>
public sealed record InboundCustomer(string ExternalId, string Name);
