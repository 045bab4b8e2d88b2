using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The trained <see cref="IntentModel"/> kept in one file (<c>Chatbot:ModelCache</c>), so that a node trains once and later
/// starts load. The file carries a key — SHA-256 over the training rows, the seed and the trainer's settings, see
/// <see cref="IntentTrainingRows.Key"/> — and is loaded only when the key matches the data the node would train on now;
/// otherwise, and when the file is missing, truncated, corrupt or not such a file at all, the model is trained again and the
/// file replaced. The file is written to a temporary file next to it and renamed over it, so a reader (another node starting
/// on the same folder) sees the old file or the new one, never half of one; a file that cannot be written leaves the node
/// answering with the model it trained.
/// </summary>
/// <remarks>
/// Layout: the magic <c>INBOXIM1</c>; the key (32 bytes); the byte lengths of the two ML.NET models (little-endian 64-bit);
/// the two models; SHA-256 of everything before it (32 bytes).
/// </remarks>
public sealed partial class IntentModelCache
{
    private const int KeyLength = 32;
    private const int ChecksumLength = 32;
    private static readonly byte[] Magic = "INBOXIM1"u8.ToArray();
    private static readonly int HeaderLength = Magic.Length + KeyLength + 2 * sizeof(long);

    private readonly ILogger<IntentModelCache> _logger;

    /// <param name="path">The cache file; its folder is created when missing.</param>
    /// <param name="logger">Says whether the model was loaded or trained, and why a file was not used.</param>
    public IntentModelCache(string path, ILogger<IntentModelCache>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        _logger = logger ?? NullLogger<IntentModelCache>.Instance;
    }

    /// <summary>The full path of the cache file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The model for these phrases: loaded from the file when its key matches, else from <paramref name="shipped"/> (a file's
    /// content shipped with the program) when its key matches, else trained and written to the file.
    /// </summary>
    public IntentModelLoad LoadOrTrain(IReadOnlyList<LabelledText> examples, int seed = 1, byte[]? shipped = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = IntentTrainingRows.From(examples);
        var key = rows.Key(seed);
        var stopwatch = Stopwatch.StartNew();
        if (TryLoad(key) is { } loaded)
        {
            LogLoaded(FilePath, stopwatch.ElapsedMilliseconds);
            return new IntentModelLoad(loaded, FromCache: true);
        }

        if (shipped is { Length: > 0 } && TryLoad(shipped, key, "the shipped model") is { } fromShipped)
        {
            // Kept as this node's file too, so later starts load it as they load a model they trained.
            LogLoadedShipped(stopwatch.ElapsedMilliseconds, TryWrite([shipped]) ? FilePath : "nowhere");
            return new IntentModelLoad(fromShipped, FromCache: true);
        }

        LogTraining(FilePath);
        stopwatch.Restart();
        var trained = IntentModel.Train(rows, seed);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (TryWrite(key, trained))
        {
            LogTrainedAndSaved(examples.Count, seconds, FilePath);
        }

        return new IntentModelLoad(trained, FromCache: false);
    }

    private IntentModel? TryLoad(byte[] key)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(FilePath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            LogMissing(FilePath);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(FilePath, exception.Message);
            return null;
        }

        return TryLoad(bytes, key, FilePath);
    }

    /// <summary>The model in <paramref name="bytes"/> (a file's content) when it is whole and made for <paramref name="key"/>.</summary>
    private IntentModel? TryLoad(byte[] bytes, byte[] key, string source)
    {
        if (!TryParse(bytes, out var fileKey, out var top, out var fraud))
        {
            LogUnreadable(source, "not an intent model file, or truncated or damaged");
            return null;
        }

        if (!fileKey.Span.SequenceEqual(key))
        {
            LogOtherKey(source);
            return null;
        }

        try
        {
            return IntentModel.Load(top, fraud);
        }

        // ML.NET reports a model it cannot read with several exception types; any of them means "train again".
        catch (Exception exception)
        {
            LogUnreadable(source, exception.Message);
            return null;
        }
    }

    private static bool TryParse(byte[] bytes, out ReadOnlyMemory<byte> key, out ReadOnlyMemory<byte> top, out ReadOnlyMemory<byte> fraud)
    {
        key = top = fraud = default;
        if (bytes.Length < HeaderLength + ChecksumLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return false;
        }

        var body = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
        {
            return false;
        }

        var topLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(Magic.Length + KeyLength));
        var fraudLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(Magic.Length + KeyLength + sizeof(long)));
        if (topLength <= 0 || fraudLength <= 0 || HeaderLength + topLength + fraudLength != body.Length)
        {
            return false;
        }

        key = bytes.AsMemory(Magic.Length, KeyLength);
        top = bytes.AsMemory(HeaderLength, (int)topLength);
        fraud = bytes.AsMemory(HeaderLength + (int)topLength, (int)fraudLength);
        return true;
    }

    private bool TryWrite(byte[] key, IntentModel model)
    {
        var (top, fraud) = model.Save();
        var lengths = new byte[2 * sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(lengths, top.Length);
        BinaryPrimitives.WriteInt64LittleEndian(lengths.AsSpan(sizeof(long)), fraud.Length);
        byte[][] parts = [Magic, key, lengths, top, fraud];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }

        return TryWrite([.. parts, hash.GetHashAndReset()]);
    }

    /// <summary>Writes the file from its parts, to a temporary file renamed over it; false (and a warning) when it cannot.</summary>
    private bool TryWrite(byte[][] parts)
    {
        var temporary = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                foreach (var part in parts)
                {
                    file.Write(part);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogNotWritten(FilePath, exception.Message);
            TryDelete(temporary);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // a stray temporary file is harmless: it is never read
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chatbot: intent model loaded from {Path} in {Milliseconds} ms")]
    private partial void LogLoaded(string path, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chatbot: intent model trained on {Phrases} phrases in {Seconds:0.0} s and saved to {Path}")]
    private partial void LogTrainedAndSaved(int phrases, double seconds, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chatbot: intent model loaded from the shipped model in {Milliseconds} ms and kept at {Path}")]
    private partial void LogLoadedShipped(long milliseconds, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chatbot: no intent model at {Path} yet")]
    private partial void LogMissing(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chatbot: training the intent model for {Path}")]
    private partial void LogTraining(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chatbot: the intent model at {Path} was trained on other phrases or by another trainer")]
    private partial void LogOtherKey(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local chatbot: the intent model at {Path} cannot be read ({Reason})")]
    private partial void LogUnreadable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local chatbot: the trained intent model cannot be saved to {Path} ({Reason}); the next start trains again")]
    private partial void LogNotWritten(string path, string reason);
}
