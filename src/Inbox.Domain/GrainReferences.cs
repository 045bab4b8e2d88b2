namespace Inbox.Domain;

/// <summary>
/// Grain references without Orleans' lookup of the interface's grain type on every call. Orleans 10.4's
/// <c>GetGrain&lt;T&gt;(key)</c> formats the interface's type name each time it is asked (the type's parts, their
/// assemblies, a new string); on the inbound path, that was 3% of the process's CPU for first messages from new customers.
/// The grain type and interface type of <typeparamref name="T"/> are taken once from Orleans' own first answer, and each
/// reference after that is made from them and the key, as Orleans makes it.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of <typeparamref name="T"/> with the key <paramref name="key"/>, as <c>GetGrain&lt;T&gt;(key)</c>.</summary>
    public static T Reference<T>(this IGrainFactory grains, Guid key) where T : IGrainWithGuidKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        return GrainTypes<T>.Value is { } types ? types.Create(grains, GrainIdKeyExtensions.CreateGuidKey(key)) : GrainTypes<T>.Learn(grains.GetGrain<T>(key));
    }

    /// <inheritdoc cref="Reference{T}(IGrainFactory, Guid)"/>
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return GrainTypes<T>.Value is { } types ? types.Create(grains, IdSpan.Create(key)) : GrainTypes<T>.Learn(grains.GetGrain<T>(key));
    }

    /// <inheritdoc cref="Reference{T}(IGrainFactory, Guid)"/>
    public static T Reference<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        return GrainTypes<T>.Value is { } types ? types.Create(grains, GrainIdKeyExtensions.CreateIntegerKey(key)) : GrainTypes<T>.Learn(grains.GetGrain<T>(key));
    }

    /// <summary>What Orleans named for <typeparamref name="T"/>: the same in every silo and client of a process.</summary>
    private sealed class GrainTypes<T>(GrainType grainType, GrainInterfaceType interfaceType)
    {
        public static GrainTypes<T>? Value;

        /// <summary>
        /// Keeps the types of Orleans' answer and returns it. A system type is not kept: Orleans names one for a grain whose
        /// implementation it does not know yet (a client that has not heard of it), and asks again later.
        /// </summary>
        public static T Learn(T reference)
        {
            if (reference is GrainReference { GrainId.Type: var type } grain && !type.ToString().StartsWith(GrainTypePrefix.SystemPrefix, StringComparison.Ordinal))
            {
                Value = new(type, grain.InterfaceType);
            }

            return reference;
        }

        public T Create(IGrainFactory grains, IdSpan key) => (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }
}
