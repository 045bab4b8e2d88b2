namespace Inbox.Benchmarks;

/// <summary>Something went wrong badly enough that no figures can be given (the login, the hub, the baseline server).</summary>
public sealed class BenchmarkFailedException : Exception
{
    public BenchmarkFailedException(string message)
        : base(message)
    {
    }

    public BenchmarkFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
