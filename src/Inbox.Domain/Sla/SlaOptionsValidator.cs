using Microsoft.Extensions.Options;

namespace Inbox.Domain.Sla;

/// <summary>Refuses an <c>Sla</c> section the <see cref="SlaCatalog"/> cannot be read from, naming each wrong key.</summary>
public sealed class SlaOptionsValidator : IValidateOptions<SlaOptions>
{
    public ValidateOptionsResult Validate(string? name, SlaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SlaCatalog.Read(options, out var problems) is null ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
