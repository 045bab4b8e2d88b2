namespace Inbox.Silo.Storage;

/// <summary>A gathered statement changed another number of rows than its write expected: the group runs again, each write at once.</summary>
public sealed class UnmetExpectationException(string message) : Exception(message);
