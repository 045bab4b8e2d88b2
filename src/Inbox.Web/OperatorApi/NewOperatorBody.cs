using Inbox.Domain.Operators;

namespace Inbox.Web.OperatorApi;

/// <param name="Extension">The operator's phone extension: calls ringing there pop up on their screen.</param>
public sealed record NewOperatorBody(string? Login, string? DisplayName, string? Password, OperatorRole? Role, string? Extension = null);
