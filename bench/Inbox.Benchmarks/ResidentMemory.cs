using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>A process's resident memory, <c>VmRSS</c> in <c>/proc/PID/status</c> (Linux only).</summary>
public static class ResidentMemory
{
    /// <summary>In MiB, or null when the process cannot be read.</summary>
    public static double? MiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kib is null ? null : long.Parse(kib, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
