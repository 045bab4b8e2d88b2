using System.Runtime.CompilerServices;

namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>
/// As the host does at start-up (AddEmailChannel): the code-page provider is registered before any test touches MimeKit,
/// because MimeKit builds its charset table once (channels.md §4).
/// </summary>
internal static class CodePagesFirst
{
    [ModuleInitializer]
    internal static void Register() => EmailCharsets.Register();
}
