namespace Inbox.Domain.Sla;

/// <summary>
/// The one way to the SLA policies in force: the ones supervisors wrote (the store) once any were written, the <c>Sla</c>
/// settings until then. A node reads the store again a few seconds after it last did (a write on the node itself is seen at once).
/// </summary>
public interface ISlaPolicies
{
    /// <summary>The schedules and policies in force.</summary>
    Task<SlaCatalog> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The policies in force with their source.</summary>
    Task<SlaPolicySet> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the policies (and schedules) with <paramref name="options"/>, checked exactly as the settings are: the
    /// problems (each naming its key, <c>Sla:Policies:0:FirstResponse …</c>) and nothing written when any.
    /// </summary>
    Task<IReadOnlyList<string>> ReplaceAsync(SlaOptions options, CancellationToken cancellationToken = default);
}
