using System.Net;

namespace Inbox.Orders;

/// <summary>The order system failed, refused the request or answered something unreadable.</summary>
public sealed class OrderProviderException : Exception
{
    public OrderProviderException()
    {
    }

    public OrderProviderException(string message)
        : base(message)
    {
    }

    public OrderProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrderProviderException(string message, HttpStatusCode? statusCode, string? errorMessage)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The order system's own error message (RetailCRM's <c>errorMsg</c>), when there was one.</summary>
    public string? ErrorMessage { get; }
}
