package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A {@code sequence} rule for one group, matched by Flink CEP's own NFA ({@link SequencePatterns}
 * compiles the rule into a CEP {@link Pattern}). The group's inputs since its last match that are
 * still within the window are kept in event-time order; each input that can end a match (it
 * meets the last required step) runs the NFA over them. That is exactly what CEP's operator
 * computes on sorted input with "skip past last event", but from a state that can be copied and
 * evaluated again, which CEP's operator cannot do when an input arrives out of order.
 *
 * <p>A match is evidence like any other: it opens an alert at once, or extends the open one
 * within {@code suppress}.
 */
final class SequenceMachine implements GroupMachine<SequenceState> {
    private static final long serialVersionUID = 1L;

    private final long within;
    private final int completing;
    private final Episodes episodes;
    private final NFACompiler.NFAFactory<RuleInput> factory;
    private final AfterMatchSkipStrategy skip;

    private transient NFA<RuleInput> nfa;
    private transient SharedBuffer<RuleInput> buffer;

    SequenceMachine(Rule rule) {
        this.within = rule.sequence().within().toMillis();
        this.completing = completingSteps(rule.sequence().steps());
        this.episodes = new Episodes(rule);
        Pattern<RuleInput, RuleInput> pattern = SequencePatterns.compile(rule);
        this.factory = NFACompiler.compileFactory(pattern, false);
        this.skip = pattern.getAfterMatchSkipStrategy();
    }

    /** The steps whose inputs can end a match: the last required one and the optional ones after it. */
    static int completingSteps(List<Step> steps) {
        int bits = 0;
        for (int i = steps.size() - 1; i >= 0; i--) {
            bits |= 1 << i;
            if (!steps.get(i).quantifier().optional()) {
                break;
            }
        }
        return bits;
    }

    @Override
    public TypeInformation<SequenceState> stateType() {
        return TypeInformation.of(SequenceState.class);
    }

    @Override
    public SequenceState start() {
        return new SequenceState();
    }

    @Override
    public void accept(SequenceState state, RuleInput input, String groupKey, Consumer<Alert> out) {
        state.recent.add(input);
        long from = input.timestamp - within;
        int outside = 0;
        while (outside < state.recent.size() && state.recent.get(outside).timestamp < from) {
            outside++;
        }
        state.recent.subList(0, outside).clear();
        if ((input.steps & completing) == 0) {
            return;
        }
        List<RuleInput> match = matchEndingWithLast(state.recent);
        if (match == null) {
            return;
        }
        match.sort(RuleInput.ORDER);
        RuleInput first = match.get(0);
        if (!episodes.covers(state.episode, first.timestamp) && !episodes.covers(state.episode, input.timestamp)) {
            state.episode = episodes.start(groupKey, first.timestamp, first.host);
        }
        for (RuleInput evidence : match) {
            Episodes.add(state.episode, Evidence.of(evidence));
        }
        state.episode.summary = input.summary;
        out.accept(episodes.alert(state.episode, groupKey));
        state.recent.clear(); // skip past the match's last event, as the pattern says
    }

    @Override
    public long idleFrom(SequenceState state) {
        long idle =
                state.recent.isEmpty() ? state.newest : state.recent.get(state.recent.size() - 1).timestamp + within;
        return state.episode == null ? idle : Math.max(idle, state.episode.lastSeen + episodes.suppress());
    }

    @Override
    public Alert current(SequenceState state, String groupKey) {
        return state.episode == null ? null : episodes.alert(state.episode, groupKey);
    }

    /** Runs the NFA over the inputs; the events of the match the last input completes, or null. */
    private List<RuleInput> matchEndingWithLast(List<RuleInput> inputs) {
        try {
            if (nfa == null) {
                nfa = factory.createNFA();
            }
            if (buffer == null) {
                buffer = new SharedBuffer<>(
                        new HeapStateStore(),
                        TypeInformation.of(RuleInput.class).createSerializer(new SerializerConfigImpl()));
            }
            NFAState state = nfa.createInitialNFAState();
            Collection<Map<String, List<RuleInput>>> matches = List.of();
            for (RuleInput input : inputs) {
                try (SharedBufferAccessor<RuleInput> accessor = buffer.getAccessor()) {
                    matches = nfa.process(accessor, state, input, input.timestamp, skip, () -> 0L);
                }
            }
            // Every partial match times out at the end of time: the buffer is empty for the next run.
            try (SharedBufferAccessor<RuleInput> accessor = buffer.getAccessor()) {
                nfa.advanceTime(accessor, state, Long.MAX_VALUE, skip);
            }
            if (!buffer.isEmpty()) {
                close();
            }
            if (matches.isEmpty()) {
                return null;
            }
            List<RuleInput> events = new ArrayList<>();
            matches.iterator().next().values().forEach(events::addAll);
            return events;
        } catch (Exception e) {
            throw new IllegalStateException("CEP evaluation of a sequence failed", e);
        }
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.releaseCacheStatisticsTimer();
            buffer = null;
        }
    }
}
