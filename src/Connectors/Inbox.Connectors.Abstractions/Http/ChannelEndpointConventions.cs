using Microsoft.AspNetCore.Builder;

namespace Inbox.Connectors.Http;

public static class ChannelEndpointConventions
{
    /// <summary>
    /// A channel's endpoint: open to callers without an operator's session (it checks its own credential), and the
    /// operator's session is not even read for it (<see cref="ChannelEndpointMetadata"/>).
    /// </summary>
    public static TBuilder AsChannelEndpoint<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(ChannelEndpointMetadata.Instance);
}
