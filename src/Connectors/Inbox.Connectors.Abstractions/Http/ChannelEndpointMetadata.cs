namespace Inbox.Connectors.Http;

/// <summary>
/// Marks an endpoint that checks its caller's credential itself (the API channel's token, a webhook's secret or
/// signature): the operator's session is not read for it, so a channel's <c>Authorization</c> header is never taken
/// for an operator's token. Added with <see cref="ChannelEndpointConventions.AsChannelEndpoint{TBuilder}"/>.
/// </summary>
public sealed class ChannelEndpointMetadata
{
    public static readonly ChannelEndpointMetadata Instance = new();

    private ChannelEndpointMetadata()
    {
    }
}
