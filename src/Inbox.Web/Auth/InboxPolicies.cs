namespace Inbox.Web.Auth;

public static class InboxPolicies
{
    /// <summary>Any logged-in operator, supervisor or admin.</summary>
    public const string Operator = "operator";

    /// <summary>Supervisors and admins.</summary>
    public const string Supervisor = "supervisor";

    public const string Admin = "admin";

    /// <summary>Cookie for the console, or bearer token for API clients, chosen by the request.</summary>
    public const string Scheme = "inbox";
}
