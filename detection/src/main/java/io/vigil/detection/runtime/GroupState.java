package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * Everything {@link OrderedRuleFunction} keeps of one group, in one state value (issue 18).
 *
 * <p>Why one value: under sustained traffic a rule operator holds about a million groups, most
 * of them one source address seen once. As seven states (history, settled, snapshots, live,
 * emitted, two timer times) a group cost up to seven entries in seven hash tables and two boxed
 * longs, and every input looked up five to seven of them, each a cache miss in a table of a
 * million entries (JobCost's profile: {@code CopyOnWriteStateMap.get} held 110 of the rule
 * operators' 317 samples). A Flink POJO with its field types given explicitly ({@link #typeOf}): its
 * serializer copies field by field for the heap backend's copy-on-write, writes nulls, and its
 * snapshot lets a later version add or drop fields.
 *
 * @param <S> the rule's machine state
 */
public class GroupState<S extends MachineState> {
    /** No timer registered. */
    static final long NO_TIMER = Long.MIN_VALUE;

    /**
     * The inputs that are not final yet, in {@link RuleInput#ORDER}. Room for two at first: most
     * groups are one address seen once, and an ArrayList's default room of ten costs 32 bytes more
     * for each of them (JOL, issue 18).
     */
    public List<RuleInput> history = new ArrayList<>(2);
    /** What the final inputs made of the machine's state, or null before any settled. */
    public S settled;
    /** Copies of the state every {@link OrderedRuleFunction#SNAPSHOT_EVERY} inputs, oldest first; null when none. */
    public List<S> snapshots;
    /** The state after every input and watermark so far, or null before the first input. */
    public S live;
    /** Alert id → what was last emitted under it, for alerts a replay may still change; null when none. */
    public Map<String, Emitted> emitted;
    /** The processing-time timer that settles the history, or {@link #NO_TIMER}. */
    public long settleTimer = NO_TIMER;
    /** The event-time timer for the machine's next deadline or the group's idleness, or {@link #NO_TIMER}. */
    public long wakeTimer = NO_TIMER;

    public GroupState() {}

    /** The group's type for a machine whose state has {@code stateType}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <S extends MachineState> TypeInformation<GroupState<S>> typeOf(TypeInformation<S> stateType) {
        List<PojoField> fields = List.of(
                field("history", new ListTypeInfo<>(RuleInput.class)),
                field("settled", stateType),
                field("snapshots", new ListTypeInfo<>(stateType)),
                field("live", stateType),
                field("emitted", new MapTypeInfo<>(Types.STRING, TypeInformation.of(Emitted.class))),
                field("settleTimer", Types.LONG),
                field("wakeTimer", Types.LONG));
        return new PojoTypeInfo<>((Class) GroupState.class, new ArrayList<>(fields));
    }

    private static PojoField field(String name, TypeInformation<?> type) {
        try {
            return new PojoField(GroupState.class.getField(name), type);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
