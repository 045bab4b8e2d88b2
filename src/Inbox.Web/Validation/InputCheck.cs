using Inbox.Domain.Text;

namespace Inbox.Web.Validation;

/// <summary>
/// The one check of what operators type, against <see cref="LimitsOptions"/>: each method checks one field, notes what is
/// wrong with it under the field's name, and gives back the value to use (trimmed, bidirectional controls removed). When
/// <see cref="Failed"/>, <see cref="Problem"/> is the 400 to answer, naming every wrong field, and nothing may be changed.
/// </summary>
public sealed class InputCheck(LimitsOptions limits)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public LimitsOptions Limits { get; } = limits;

    public bool Failed => _errors.Count > 0;

    public IResult Problem() => Results.ValidationProblem(_errors);

    public void Fail(string field, string message) => _errors.TryAdd(field, [message]);

    /// <summary>What is wrong, one message per field (each names its field), for a check outside a request (settings at start).</summary>
    public IEnumerable<string> Messages => _errors.Values.SelectMany(m => m);

    /// <summary>A customer's name.</summary>
    public string? Name(string field, string? value, bool required = false) => Line(field, value, Limits.MaxNameLength, required);

    /// <summary>An operator's display name.</summary>
    public string? DisplayName(string field, string? value) => Line(field, value, Limits.MaxNameLength, required: false);

    public string? Login(string field, string? value) => Line(field, value, Limits.MaxLoginLength, required: true);

    public string? Extension(string field, string? value) => Line(field, value, Limits.MaxExtensionLength, required: false);

    /// <summary>An identity as typed (a phone in any writing, an email, kind:value); whether it is one is the caller's to read.</summary>
    public string? Identity(string field, string? value, bool required) => Line(field, value, Limits.MaxIdentityLength, required);

    /// <summary>A reply's or a note's text: line breaks allowed, other control characters not.</summary>
    public string? Text(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, $"{field} is required.");
            }

            return null;
        }

        if (value.Length > Limits.MaxTextLength)
        {
            Fail(field, $"{field} is longer than {Limits.MaxTextLength} characters ({value.Length}).");
        }
        else if (DisplayText.HasControlBesidesLineBreaks(value))
        {
            Fail(field, $"{field} may not contain control characters other than line breaks and tabs.");
        }

        return value;
    }

    /// <summary>A list of at most the configured number of identities.</summary>
    public void Identities<T>(string field, IReadOnlyCollection<T>? items) => Count(field, items, Limits.MaxIdentitiesPerRequest, "identities");

    /// <summary>A reply's files: at most the configured number.</summary>
    public void Attachments<T>(string field, IReadOnlyCollection<T>? items) => Count(field, items, Limits.MaxAttachmentsPerReply, "files");

    /// <summary>An enum value that must be one of its named values (JSON lets a number through).</summary>
    public TEnum? Defined<TEnum>(string field, TEnum? value) where TEnum : struct, Enum
    {
        if (value is { } given && !Enum.IsDefined(given))
        {
            Fail(field, $"{field} must be one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
        }

        return value;
    }

    private void Count<T>(string field, IReadOnlyCollection<T>? items, int max, string what)
    {
        if (items is not null && items.Count > max)
        {
            Fail(field, $"At most {max} {what} can be sent at once ({items.Count}).");
        }
    }

    /// <summary>One line of at most <paramref name="maxLength"/> characters, without control characters; bidirectional controls are removed.</summary>
    private string? Line(string field, string? value, int maxLength, bool required)
    {
        var clean = value is null ? null : DisplayText.WithoutBidiControls(value).Trim();
        if (string.IsNullOrEmpty(clean))
        {
            if (required)
            {
                Fail(field, $"{field} is required.");
            }

            return null;
        }

        if (clean.Length > maxLength)
        {
            Fail(field, $"{field} is longer than {maxLength} characters ({clean.Length}).");
        }
        else if (DisplayText.HasControl(clean))
        {
            Fail(field, $"{field} must be one line without control characters.");
        }

        return clean;
    }
}
