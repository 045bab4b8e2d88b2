using Inbox.Identity;

namespace Inbox.Domain.Customers;

/// <summary>How a <see cref="ChannelIdentity"/> (a type of Inbox.Identity, which knows nothing of Orleans) crosses grain calls.</summary>
[GenerateSerializer, Alias("Inbox.ChannelIdentity")]
public struct ChannelIdentitySurrogate
{
    [Id(0)]
    public string Kind;

    [Id(1)]
    public string Value;
}

/// <summary>Converts <see cref="ChannelIdentity"/> to and from its <see cref="ChannelIdentitySurrogate"/>.</summary>
[RegisterConverter]
public sealed class ChannelIdentitySurrogateConverter : IConverter<ChannelIdentity, ChannelIdentitySurrogate>
{
    public ChannelIdentity ConvertFromSurrogate(in ChannelIdentitySurrogate surrogate) => new(surrogate.Kind, surrogate.Value);

    public ChannelIdentitySurrogate ConvertToSurrogate(in ChannelIdentity value) => new() { Kind = value.Kind, Value = value.Value };
}
