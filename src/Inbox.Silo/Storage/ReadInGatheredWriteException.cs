namespace Inbox.Silo.Storage;

/// <summary>A gathered write tried to read (<see cref="GatheringStatements.Query{T}"/>): the writer runs that write at once instead.</summary>
public sealed class ReadInGatheredWriteException() : InvalidOperationException("A write whose statements are gathered cannot read; it runs at once instead.");
