namespace Inbox.Silo.Tests;

/// <summary>The message store's suite on a fresh SQLite file per test.</summary>
public sealed class SqliteMessageStoreTests : MessageStoreTests
{
    protected override async Task<ITestStore> StartStoreAsync() => await StoreFactory.StartAsync();

    private StoreFactory Sqlite => (StoreFactory)Store;

    [Fact]
    public async Task Customers_are_found_by_exact_identity_or_part_of_the_name()
    {
        var ivan = Guid.NewGuid();
        await Sqlite.Directory.UpsertAsync(ivan, "Иван Петров", ["phone:+79161234567", "email:ivan@example.com"]);
        await Sqlite.Directory.UpsertAsync(Guid.NewGuid(), "Maria 100%", ["telegram:42"]);

        Assert.Equal(ivan, Assert.Single(await Sqlite.Directory.SearchAsync("phone:+79161234567", null, 10)).CustomerId);
        Assert.Equal(ivan, Assert.Single(await Sqlite.Directory.SearchAsync(null, "петр", 10)).CustomerId);
        Assert.Single(await Sqlite.Directory.SearchAsync(null, "100%", 10));
        Assert.Equal("Maria 100%", Assert.Single(await Sqlite.Directory.SearchAsync(null, "%", 10)).Name);
        Assert.Empty(await Sqlite.Directory.SearchAsync("phone:+79160000000", null, 10));
    }
}
