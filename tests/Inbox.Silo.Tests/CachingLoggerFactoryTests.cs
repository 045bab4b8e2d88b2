using Inbox.Silo.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Inbox.Silo.Tests;

/// <summary>The hosts' logger factory: Serilog's, asked once per category, and logging as Serilog's does.</summary>
public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public void Serilogs_factory_is_asked_once_per_category_and_every_logger_logs_under_its_own_category()
    {
        var sink = new CollectingSink();
        var serilog = new CountingFactory(new Serilog.Extensions.Logging.SerilogLoggerFactory(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true));
        using var factory = new CachingLoggerFactory(serilog);

        // What the framework does on every request: the authentication handler's logger, the result's.
        for (var request = 0; request < 100; request++)
        {
            factory.CreateLogger("Inbox.Web.Auth.SessionAuthenticationHandler");
            factory.CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult");
        }

        Assert.Equal(2, serilog.Created);
        Assert.Same(factory.CreateLogger("Inbox.Web.Auth.SessionAuthenticationHandler"), factory.CreateLogger("Inbox.Web.Auth.SessionAuthenticationHandler"));

        factory.CreateLogger("First").LogWarning("one {Value}", 1);
        factory.CreateLogger("Second").LogWarning("two {Value}", 2);
        factory.CreateLogger("First").LogWarning("three {Value}", 3);
        Assert.Equal(["First: one 1", "Second: two 2", "First: three 3"], sink.Events.Select(e => $"{Category(e)}: {e.RenderMessage()}"));
    }

    [Fact]
    public void Beyond_the_kept_categories_a_logger_is_made_at_each_call_and_still_logs()
    {
        var sink = new CollectingSink();
        var serilog = new CountingFactory(new Serilog.Extensions.Logging.SerilogLoggerFactory(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true));
        using var factory = new CachingLoggerFactory(serilog);
        for (var i = 0; i < CachingLoggerFactory.MaxCategories; i++)
        {
            factory.CreateLogger($"Category{i}");
        }

        factory.CreateLogger("One more").LogWarning("beyond");
        factory.CreateLogger("One more").LogWarning("again");

        Assert.Equal(CachingLoggerFactory.MaxCategories + 2, serilog.Created);
        Assert.Equal(["One more: beyond", "One more: again"], sink.Events.Select(e => $"{Category(e)}: {e.RenderMessage()}"));
        factory.CreateLogger("Category0");
        Assert.Equal(CachingLoggerFactory.MaxCategories + 2, serilog.Created);
    }

    [Fact]
    public void A_host_that_logs_through_Serilog_gets_the_caching_factory_in_front_of_it()
    {
        var sink = new CollectingSink();
        // As SiloProgram and InboxApp set up their hosts.
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSerilog((_, logger) => logger.WriteTo.Sink(sink), preserveStaticLogger: true);
        CachingLoggerFactory.Wrap(builder.Services);
        using var host = builder.Build();
        var provider = host.Services;

        var factory = provider.GetRequiredService<ILoggerFactory>();
        Assert.IsType<CachingLoggerFactory>(factory);
        provider.GetRequiredService<ILogger<CachingLoggerFactoryTests>>().LogWarning("through the host");
        provider.GetRequiredService<ILogger<CachingLoggerFactoryTests>>().LogWarning("and again");

        Assert.Equal([$"{typeof(CachingLoggerFactoryTests).FullName}: through the host", $"{typeof(CachingLoggerFactoryTests).FullName}: and again"],
            sink.Events.Select(e => $"{Category(e)}: {e.RenderMessage()}"));
    }

    private static string? Category(LogEvent e) => (e.Properties.GetValueOrDefault(Constants.SourceContextPropertyName) as ScalarValue)?.Value as string;

    private sealed class CountingFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public int Created { get; private set; }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName)
        {
            Created++;
            return inner.CreateLogger(categoryName);
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
