using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Grains;

/// <summary>
/// One phone call. Events move it forward only (ringing → answered → ended); a repeat, a lower per-leg sequence or an
/// event for a stage already passed changes nothing. Every change is stored, written to the call log and, when the
/// caller is a known customer, to their timeline.
/// </summary>
public sealed class CallSessionGrain(
    [PersistentState("call", InboxStorage.GrainStorageName)] IPersistentState<CallSessionState> state,
    ICallLog callLog) : Grain, ICallSessionGrain
{
    public Task<CallInfo?> GetAsync() => Task.FromResult(state.State.Call);

    public async Task<CallRecordResult> RecordAsync(CallUpdate update)
    {
        if (update.LegId is not null && update.Seq is { } seq)
        {
            if (state.State.LegSequences.TryGetValue(update.LegId, out var seen) && seq <= seen)
            {
                return new CallRecordResult(false, state.State.Call);
            }

            state.State.LegSequences[update.LegId] = seq;
        }

        var current = state.State.Call;
        var next = Apply(current, update);
        if (next is null || next == current)
        {
            if (update.LegId is not null && update.Seq is not null)
            {
                await state.WriteStateAsync();
            }

            return new CallRecordResult(false, current);
        }

        await SaveAsync(next);
        return new CallRecordResult(true, next);
    }

    public async Task<CallInfo?> AcknowledgeAsync()
    {
        if (state.State.Call is not { Missed: true, Acknowledged: false } call)
        {
            return state.State.Call;
        }

        var next = call with { Acknowledged = true };
        await SaveAsync(next);
        return next;
    }

    private async Task SaveAsync(CallInfo call)
    {
        state.State.Call = call;
        await state.WriteStateAsync();
        await callLog.UpsertAsync(call);
        if (call.CustomerId is { } customer)
        {
            await GrainFactory.Reference<IConversationGrain>(customer).RecordCallAsync(call);
        }
    }

    /// <summary>The call after the update, or null when the update comes too late to change anything.</summary>
    private CallInfo? Apply(CallInfo? current, CallUpdate update)
    {
        if (current is null)
        {
            // The first event may be any stage: an "ended" with no "ringing" before it is still logged.
            var ringingAt = update.OccurredAt;
            return Advance(new CallInfo(this.GetPrimaryKeyString(), update.Provider, update.Direction, CallStage.Ringing, update.CallerDisplay,
                update.CallerE164, update.Dialled, update.AgentExtension, ringingAt, null, null, null, null, false, false, update.CustomerId), update);
        }

        if (update.Stage < current.Stage)
        {
            return null;
        }

        if (update.Stage == current.Stage)
        {
            // The same stage again only matters when it names the extension (Zadarma's NOTIFY_INTERNAL after NOTIFY_START).
            return update.Stage == CallStage.Ringing && update.AgentExtension is not null && update.AgentExtension != current.AgentExtension
                ? current with { AgentExtension = update.AgentExtension }
                : null;
        }

        return Advance(current with { CustomerId = current.CustomerId ?? update.CustomerId }, update);
    }

    private static CallInfo Advance(CallInfo call, CallUpdate update) => update.Stage switch
    {
        CallStage.Answered => call with
        {
            Stage = CallStage.Answered,
            AnsweredAt = update.OccurredAt,
            AgentExtension = update.AgentExtension ?? call.AgentExtension,
        },
        CallStage.Ended => call with
        {
            Stage = CallStage.Ended,
            EndedAt = update.OccurredAt,
            EndReason = update.EndReason ?? (call.AnsweredAt is null ? "missed" : "answered"),
            TalkSeconds = update.TalkSeconds ?? (call.AnsweredAt is { } answered ? (int)Math.Max(0, (update.OccurredAt - answered).TotalSeconds) : 0),
            Missed = call.AnsweredAt is null && update.EndReason is not ("answered" or "forwarded"),
            AgentExtension = update.AgentExtension ?? call.AgentExtension,
        },
        _ => call with { AgentExtension = update.AgentExtension ?? call.AgentExtension },
    };
}
