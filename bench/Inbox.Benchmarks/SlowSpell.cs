namespace Inbox.Benchmarks;

/// <summary>
/// A run of consecutive 100 ms windows of an open-loop phase (by when each message was due) in which some message took
/// longer than the phase's p99 from post to screen: when it began (seconds after the measured part's first message was
/// due), how long it lasted, the slowest message in it, how many messages in it were over the p99, the longest lag of the
/// sender (this process) among those (a spell whose lag is most of its slowest message is the client's, not Inbox's), the longest garbage
/// collection pause of Inbox from a second before the spell to its end and whether a full collection ran then (null when
/// the collections were not read), and the longest wait of one of Inbox's threads for a lock in that time (null when none
/// waited, or the waits were not read). Where the tail of the percentiles comes from: one stall, or many short ones; with
/// a collector's pause, a full collection or a long-held lock in it, or without. <see cref="StartedAt"/> is the spell's start
/// by the clock (UTC), to find it in the servers' logs (PostgreSQL's, for instance, with their times of day).
/// </summary>
public sealed record SlowSpell(double StartSeconds, double LengthSeconds, double MaxMs, int OverP99, double? LongestSenderLagMs, double? LongestPauseMs, bool? FullCollection, double? LongestLockWaitMs, DateTime StartedAt);
