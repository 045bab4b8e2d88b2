namespace Inbox.Domain.Operators;

/// <summary>What an operator may do: operators work conversations, supervisors see everyone's, admins also manage accounts.</summary>
public enum OperatorRole
{
    Operator = 0,
    Supervisor = 1,
    Admin = 2,
}
