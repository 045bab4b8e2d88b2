using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Testing;

/// <summary>What a host does with the options of its services as it starts: every option set registered with ValidateOnStart is checked.</summary>
public static class StartupValidation
{
    /// <exception cref="OptionsValidationException">A setting is wrong; the message names its key.</exception>
    public static void Run(IServiceCollection services)
    {
        using var provider = services.AddLogging().BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
