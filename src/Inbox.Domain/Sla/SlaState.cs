namespace Inbox.Domain.Sla;

/// <summary>Where an SLA clock stands: within target, past 80% of it, or past it.</summary>
public enum SlaState
{
    Ok = 0,
    AtRisk = 1,
    Breached = 2,
}
