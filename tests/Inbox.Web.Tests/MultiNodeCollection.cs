namespace Inbox.Web.Tests;

/// <summary>The multi-node tests run their processes alone, not beside the other test classes: two nodes and a SIGKILL need the machine's cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection
{
    public const string Name = "several nodes";
}
