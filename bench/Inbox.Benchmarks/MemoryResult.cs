namespace Inbox.Benchmarks;

/// <summary>
/// The Inbox process's resident memory (VmRSS, MiB): after it was ready and before any load, before the activation
/// phase, and after <see cref="Activated"/> first messages from new customers (one new conversation each).
/// </summary>
public sealed record MemoryResult(double? AtStartMiB, double? BeforeActivationMiB, double? AfterActivationMiB, int Activated, int ActivatedOk, double ActivationSeconds);
