using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Logging;

/// <summary>
/// The hosts' <see cref="ILoggerFactory"/>: Serilog's, with one logger kept per category. Serilog's factory
/// (<c>AddSerilog</c>) builds a new logger, with its own caches, on every call, and the framework asks for one on every
/// request: the authentication handler (made per request) and <c>Results.Ok</c>'s result each did, two new loggers per
/// inbound message (by hand at 3,000 msg/s: 30,000 of each in 10 s; see docs/benchmark-rounds.md, fourteenth round), and each
/// grain activation asks for its own.
/// The loggers are stateless apart from their caches, so one per category serves every caller. At most
/// <see cref="MaxCategories"/> are kept; a category beyond those gets a new logger each time, as before.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Distinct categories kept; the application's are a few hundred type names.</summary>
    public const int MaxCategories = 4096;

    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName)
    {
        if (_loggers.TryGetValue(categoryName, out var logger))
        {
            return logger;
        }

        logger = inner.CreateLogger(categoryName);
        return _loggers.Count < MaxCategories ? _loggers.GetOrAdd(categoryName, logger) : logger;
    }

    /// <summary>Passed on to Serilog's factory, which decides what a provider gets (its sink of providers, kept or not).</summary>
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's) in this one.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } make } => (ILoggerFactory)make(provider),
            _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
        }));
    }
}
