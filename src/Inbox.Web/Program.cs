using Inbox.Web;

await InboxApp.Build(args).RunAsync();

/// <summary>The entry point (top-level statements above), named for test hosts.</summary>
public partial class Program;
