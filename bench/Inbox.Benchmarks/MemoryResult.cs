namespace Inbox.Benchmarks;

/// <summary>
/// Resident memory (VmRSS, MiB). <see cref="AtStartMiB"/> and <see cref="AtEndMiB"/>: the loaded Inbox process when the
/// benchmark starts (ready, before any load) and after its phases. <see cref="BeforeActivationMiB"/> and
/// <see cref="AfterActivationMiB"/>: the process of the memory phase before and after <see cref="Activated"/> first
/// messages from new customers (one new conversation each); when <see cref="Fresh"/>, that is a second Inbox started
/// fresh and idle until then, so it holds those conversations and the demo data only; otherwise it is the loaded one,
/// which also holds every conversation the earlier phases made.
/// </summary>
public sealed record MemoryResult(
    double? AtStartMiB,
    double? AtEndMiB,
    bool Fresh,
    double? BeforeActivationMiB,
    double? AfterActivationMiB,
    int Activated,
    int ActivatedOk,
    double ActivationSeconds);
