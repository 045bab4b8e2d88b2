using Inbox.Domain.Operators;

namespace Inbox.Web.Api;

public sealed record NewOperatorBody(string? Login, string? DisplayName, string? Password, OperatorRole? Role);
