using System.Globalization;
using System.Text.RegularExpressions;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Twilio's error codes, as they come in a REST error body (<c>code</c>) or a status callback (<c>ErrorCode</c>), turned into
/// reasons an operator understands and into what to do: try again later, or give up (and whether the customer is unreachable).
/// </summary>
public static partial class TwilioErrorCodes
{
    public const int AuthenticationFailed = 20003;
    public const int TooManyRequests = 20429;
    public const int InvalidToNumber = 21211;
    public const int RegionNotEnabled = 21408;
    public const int UnsubscribedRecipient = 21610;
    public const int CannotRoute = 21612;
    public const int NotMobileNumber = 21614;
    public const int BodyTooLong = 21617;
    public const int ParameterTooLong = 21658;
    public const int QueueOverflow = 30001;
    public const int UnreachableHandset = 30003;
    public const int MessageBlocked = 30004;
    public const int UnknownDestination = 30005;
    public const int LandlineOrUnreachableCarrier = 30006;
    public const int CarrierFiltered = 30007;
    public const int UnknownError = 30008;
    public const int OutsideWhatsAppWindow = 63016;

    private static readonly Dictionary<int, (string Meaning, bool Transient, bool Unreachable)> Table = new()
    {
        [AuthenticationFailed] = ("Twilio refused Inbox's credentials: an administrator must check Channels:Twilio:AccountSid and AuthToken", true, false),
        [TooManyRequests] = ("Twilio is limiting how fast this account sends; the reply will be sent again shortly", true, false),
        [InvalidToNumber] = ("The customer's number is not a valid phone number", false, false),
        [RegionNotEnabled] = ("Sending to this country is not enabled in the Twilio account (Messaging Geo Permissions)", false, false),
        [UnsubscribedRecipient] = ("The customer replied STOP and unsubscribed: nothing can be sent to this number until they send START", false, true),
        [CannotRoute] = ("Twilio cannot deliver from our sender to this number", false, false),
        [NotMobileNumber] = ("The customer's number is not a mobile number and cannot receive SMS", false, false),
        [BodyTooLong] = ("The message is longer than Twilio's limit of 1600 characters", false, false),
        [ParameterTooLong] = ("The message is longer than Twilio's limit of 1600 characters", false, false),
        [QueueOverflow] = ("Too many messages were waiting for this sender and Twilio dropped this one; send it again", true, false),
        [UnreachableHandset] = ("The customer's phone is unreachable (switched off or out of coverage); sending again later may work", true, false),
        [MessageBlocked] = ("The message was blocked by the customer's carrier or by a block on the customer's number", false, false),
        [UnknownDestination] = ("The customer's number is unknown or no longer in service", false, false),
        [LandlineOrUnreachableCarrier] = ("The customer's number is a landline or its carrier cannot receive messages", false, false),
        [CarrierFiltered] = ("The carrier filtered the message as spam", false, false),
        [UnknownError] = ("The carrier did not deliver the message and gave no reason", false, false),
        [OutsideWhatsAppWindow] = ("The customer has not written on WhatsApp in the last 24 hours: outside that window WhatsApp accepts only an approved template, not free text", false, false),
    };

    /// <summary>The codes this table knows.</summary>
    public static IReadOnlyCollection<int> Known => Table.Keys;

    /// <summary>Describes <paramref name="code"/>; for a code not in the table, Twilio's own message (numbers masked) is kept.</summary>
    public static TwilioErrorDescription Describe(int? code, string? twilioMessage = null)
    {
        if (code is { } known && Table.TryGetValue(known, out var entry))
        {
            return new TwilioErrorDescription(code, $"{entry.Meaning} (Twilio error {known.ToString(CultureInfo.InvariantCulture)}).", entry.Transient, entry.Unreachable);
        }

        var message = string.IsNullOrWhiteSpace(twilioMessage) ? null : MaskNumbers(twilioMessage.Trim().TrimEnd('.'));
        var reason = (code, message) switch
        {
            (null, null) => "Twilio did not take the message and gave no reason.",
            (null, _) => $"Twilio did not take the message: {message}.",
            (_, null) => $"Twilio did not take the message (Twilio error {code.Value.ToString(CultureInfo.InvariantCulture)}, see https://www.twilio.com/docs/errors/{code.Value.ToString(CultureInfo.InvariantCulture)}).",
            _ => $"Twilio did not take the message: {message} (Twilio error {code.Value.ToString(CultureInfo.InvariantCulture)}).",
        };
        return new TwilioErrorDescription(code, reason, false, false);
    }

    /// <summary>Reads <c>ErrorCode</c> as sent in a callback (digits), or null.</summary>
    public static int? Parse(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;

    /// <summary>Twilio's messages may quote the phone number; reasons are shown and logged, so numbers are masked.</summary>
    private static string MaskNumbers(string text) => PhoneLike().Replace(text, "[number]");

    [GeneratedRegex(@"\+?\d[\d\s().-]{5,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();
}
