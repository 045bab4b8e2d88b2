namespace Inbox.Web.Tests.Infrastructure;

/// <summary>The checkout the tests were built from: the folder of <c>Inbox.sln</c> above the test output.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "Inbox.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("The repository root (Inbox.sln) was not found above the test output.");
    }
}
