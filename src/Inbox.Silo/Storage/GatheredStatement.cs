namespace Inbox.Silo.Storage;

/// <summary>One statement of a gathered write (<see cref="GatheringStatements"/>): its SQL, its parameters (an object whose properties are named as the SQL's <c>@names</c>), and the rows it is to change (-1: any number).</summary>
public readonly record struct GatheredStatement(string Sql, object Parameters, int ExpectedRows);
