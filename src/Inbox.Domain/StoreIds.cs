namespace Inbox.Domain;

/// <summary>
/// New ids of what is stored many times a second (messages, customers and their conversations): version 7 GUIDs, which
/// start with the time, so each new row goes at the end of its table's id index instead of onto a random page of it.
/// </summary>
public static class StoreIds
{
    public static Guid New() => Guid.CreateVersion7();
}
