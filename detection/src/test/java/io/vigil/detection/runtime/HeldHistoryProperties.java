package io.vigil.detection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * {@link HeldHistory} is a sorted list of inputs in another form: whatever inputs come in, in any
 * order, with the oldest dropped, copies taken and checkpoints written and read back in between,
 * it gives back exactly the inputs a sorted list holds, every field as it was, and a copy taken
 * earlier does not change.
 */
class HeldHistoryProperties {
    private static final String KEY = "web-01";

    /** One step: an input to put in its place, then maybe a drop of the oldest, a copy or a checkpoint. */
    record Step(RuleInput input, int drop, boolean copy, boolean checkpoint) {}

    @Property(tries = 300)
    void holdsWhatASortedListHolds(@ForAll("steps") List<Step> steps, @ForAll boolean backwards) throws Exception {
        DataOutputSerializer scratch = new DataOutputSerializer(64);
        HeldHistory held = new HeldHistory();
        List<RuleInput> model = new ArrayList<>();
        List<HeldHistory> copies = new ArrayList<>();
        List<List<String>> copiedModels = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            // time moves on as in a stream, with inputs up to 40 s out of order; or back, as in a
            // backfill read newest first, where every input goes before the others (chunks split)
            RuleInput input = shifted(step.input(), (backwards ? -i : i) * 500L);
            int at = java.util.Collections.binarySearch(model, input, RuleInput.ORDER);
            int order = held.compareToNewest(input);
            assertThat(Integer.signum(order))
                    .isEqualTo(model.isEmpty() ? 1 : Integer.signum(RuleInput.ORDER.compare(input, last(model))));
            if (order > 0) {
                held.append(input, KEY, scratch);
                model.add(input);
            } else {
                assertThat(held.insert(input, KEY, scratch)).isEqualTo(at < 0);
                if (at < 0) {
                    model.add(-at - 1, input);
                }
            }
            int drop = Math.min(step.drop(), model.size());
            if (drop > 0) {
                List<RuleInput> front = held.finalFront((in, index) -> index < drop, KEY);
                assertThat(described(front)).isEqualTo(described(model.subList(0, drop)));
                held.dropFront(drop);
                model.subList(0, drop).clear();
            }
            if (step.copy()) {
                // the heap state backend may go on with either: with the copy every other time
                HeldHistory copy = held.copy();
                if (i % 2 == 0) {
                    copies.add(held);
                    held = copy;
                } else {
                    copies.add(copy);
                }
                copiedModels.add(described(model));
            }
            if (step.checkpoint()) {
                held = roundTrip(held);
            }
            assertThat(held.size()).isEqualTo(model.size());
        }
        assertThat(described(held.after(null, KEY))).isEqualTo(described(model));
        assertThat(held.earliestArrival())
                .isLessThanOrEqualTo(
                        model.stream().mapToLong(i -> i.arrival).min().orElse(Long.MAX_VALUE));
        for (int i = 0; i < copies.size(); i++) {
            assertThat(described(copies.get(i).after(null, KEY))).isEqualTo(copiedModels.get(i));
        }
        // re-evaluation from a state that folded in the first half: the rest
        if (!model.isEmpty()) {
            RuleInput middle = model.get(model.size() / 2);
            MachineState base = new MachineState();
            base.mark(middle);
            assertThat(described(held.after(base, KEY)))
                    .isEqualTo(described(model.subList(model.size() / 2 + 1, model.size())));
        }
    }

    @Example
    void aCopyWhoseOldestWereDroppedStillOrdersTiesByTheNewestId() throws Exception {
        DataOutputSerializer scratch = new DataOutputSerializer(64);
        HeldHistory held = new HeldHistory();
        for (int i = 0; i < 10; i++) {
            held.append(tie("ev-" + (10 + i), i), KEY, scratch);
        }
        held.dropFront(5);
        for (HeldHistory h : List.of(held.copy(), roundTrip(held))) {
            // same time and content as the newest (ev-19): only the ids order them
            assertThat(h.compareToNewest(tie("ev-19", 9))).isZero();
            assertThat(h.compareToNewest(tie("ev-20", 9))).isPositive();
            assertThat(h.insert(tie("ev-18a", 9), KEY, scratch)).isTrue();
            assertThat(h.after(null, KEY))
                    .extracting(in -> in.id)
                    .containsExactly("ev-15", "ev-16", "ev-17", "ev-18", "ev-18a", "ev-19");
        }
    }

    private static RuleInput tie(String id, int second) {
        RuleInput input = new RuleInput();
        input.key = KEY;
        input.id = id;
        input.timestamp = 1_700_000_000_000L + Math.min(second, 8) * 1000L;
        input.content = second >= 8 ? 5 : 0;
        return input;
    }

    @Example
    void everyFieldOfAnInputComesBackAsItWas() throws Exception {
        for (Field f : RuleInput.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            // after a plain input, so that times and arrivals are written against another's
            RuleInput plain = new RuleInput();
            plain.timestamp = 1_700_000_000_000L;
            plain.arrival = 1_700_000_000_500L;
            plain.id = "threat-logs-3-16";
            RuleInput input = new RuleInput();
            input.timestamp = plain.timestamp + 1;
            input.arrival = plain.arrival;
            input.id = "threat-logs-3-17";
            Object changed = unusual(f.getType());
            f.set(input, changed);
            String key = f.getName().equals("key") ? (String) changed : KEY;
            plain.key = key;
            input.key = key;
            List<RuleInput> sorted = new ArrayList<>(List.of(plain, input));
            sorted.sort(RuleInput.ORDER);
            HeldHistory held = roundTrip(HeldHistory.of(sorted, key, new DataOutputSerializer(8)));
            assertThat(described(held.after(null, key))).as(f.getName()).isEqualTo(described(sorted));
        }
    }

    /** A value of the type no default has: a field the chunk forgot to write comes back different. */
    private static Object unusual(Class<?> type) {
        if (type == long.class) {
            return Long.MIN_VALUE + 3;
        }
        if (type == int.class) {
            return -7;
        }
        if (type == double.class) {
            return -0.0;
        }
        if (type == String.class) {
            return "h\uD800\u00e9-" + "x".repeat(70_000);
        }
        if (type == String[].class) {
            return new String[] {null, "", "\uDFFF"};
        }
        throw new AssertionError("RuleInput has a field of a type this test does not know: " + type);
    }

    private static RuleInput shifted(RuleInput generated, long millis) {
        RuleInput input = new RuleInput();
        for (Field f : RuleInput.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                try {
                    f.set(input, f.get(generated));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        input.timestamp += millis;
        return input;
    }

    private static HeldHistory roundTrip(HeldHistory held) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        HeldHistorySerializer.INSTANCE.serialize(held, out);
        return HeldHistorySerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static RuleInput last(List<RuleInput> inputs) {
        return inputs.get(inputs.size() - 1);
    }

    private static List<String> described(List<RuleInput> inputs) {
        return inputs.stream().map(HeldHistoryProperties::describe).toList();
    }

    /** Every instance field, by reflection: a field added to RuleInput is compared without a change here. */
    private static String describe(RuleInput input) {
        StringBuilder s = new StringBuilder();
        for (Field f : RuleInput.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object v = f.get(input);
                s.append(f.getName())
                        .append('=')
                        .append(
                                v instanceof String[] a
                                        ? Arrays.toString(a)
                                        : v instanceof Double d ? Double.doubleToRawLongBits(d) : Objects.toString(v))
                        .append(';');
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return s.toString();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<RuleInput> inputs = Combinators.combine(
                        Arbitraries.longs().between(0, 40),
                        Arbitraries.longs().between(0, 2),
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.of(KEY, "db-01", null),
                        Arbitraries.of(0.0, -0.0, 95.5, Double.NaN, 1e300),
                        Arbitraries.strings().ofMaxLength(4).injectNull(0.3),
                        Arbitraries.longs().between(-1000, 1_000_000),
                        Arbitraries.integers().between(0, 2))
                .as((time, content, id, host, number, value, arrival, summaries) -> {
                    RuleInput input = new RuleInput();
                    input.key = KEY;
                    input.timestamp = 1_700_000_000_000L + time * 1000;
                    input.content = content;
                    input.id = "ev-" + id;
                    input.host = host;
                    input.number = number;
                    input.value = value;
                    input.severity = id % 4;
                    input.parts = id % 3 == 0 ? -1 : id;
                    input.steps = id % 5;
                    input.arrival = arrival;
                    input.summary = summaries == 0 ? new String[0] : new String[] {value, "s" + id};
                    return input;
                });
        Arbitrary<Step> steps = Combinators.combine(
                        inputs,
                        Arbitraries.frequencyOf(
                                Tuple.of(60, Arbitraries.just(0)),
                                Tuple.of(1, Arbitraries.integers().between(1, 60))),
                        Arbitraries.of(true, false, false, false, false, false, false, false, false, false),
                        Arbitraries.of(true, false, false, false, false, false, false, false, false, false))
                .as(Step::new);
        return steps.list().ofMaxSize(600);
    }
}
