package io.vigil.detection.runtime;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.common.Threat;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one stateless operator every event passes: it evaluates every rule's conditions once.
 *
 * <ul>
 *   <li>{@code match} rules, with no state and no waiting: a matching event gets the rule in its
 *       {@code threats[]} (and its severity raised to the highest threat) before it is indexed.</li>
 *   <li>every rule: the event's {@link RuleInput} goes to the rule's side output, for its keyed
 *       operator ({@link OrderedRuleFunction}), which turns inputs into alerts.</li>
 * </ul>
 *
 * One operator instead of a filter per rule: the event is copied to one consumer instead of
 * one per rule, and only compact inputs cross the shuffle.
 *
 * <p>A rule whose conditions fail on an event (an unchecked exception: a defect the event's
 * content hit) counts as not matching it; the event goes on to the other rules and to storage,
 * and a dead letter of stage {@code detect-rules} on {@link #FAILURES} names the rule and the
 * failure ({@code vigil.records.failed{stage=detect-rules}}). No event can stop detection.
 */
public class RuleRouter extends ProcessFunction<LogEvent, LogEvent> {
    private static final long serialVersionUID = 1L;

    private final Rule[] matchRules;
    private final GroupKey[] matchKeys;
    private final String[][] matchSummaryFields;
    private final List<OutputTag<RuleInput>> hits = new ArrayList<>();
    private final RuleProjection[] projections;
    private final List<OutputTag<RuleInput>> inputs = new ArrayList<>();
    private final String[] statefulIds;
    private transient Counter failed;

    /** Dead letters of the events a rule's conditions failed on (the events themselves go on). */
    public static final OutputTag<DeadLetter> FAILURES =
            new OutputTag<>("detect-rules-failures", TypeInformation.of(DeadLetter.class));

    public RuleRouter(List<Rule> rules) {
        List<Rule> match =
                rules.stream().filter(r -> r.kind() == RuleKind.MATCH).toList();
        List<Rule> stateful =
                rules.stream().filter(r -> r.kind() != RuleKind.MATCH).toList();
        matchRules = match.toArray(new Rule[0]);
        matchKeys = new GroupKey[matchRules.length];
        matchSummaryFields = new String[matchRules.length][];
        for (int i = 0; i < matchRules.length; i++) {
            matchKeys[i] = new GroupKey(matchRules[i].groupBy());
            matchSummaryFields[i] = RuleProjection.summaryFields(matchRules[i]).toArray(new String[0]);
            hits.add(inputsOf(matchRules[i]));
        }
        projections = new RuleProjection[stateful.size()];
        statefulIds = stateful.stream().map(Rule::id).toArray(String[]::new);
        for (int i = 0; i < projections.length; i++) {
            projections[i] = new RuleProjection(stateful.get(i));
            inputs.add(inputsOf(stateful.get(i)));
        }
    }

    /** The side output carrying a rule's inputs (on the wire by {@link RuleInputSerializer}). */
    public static OutputTag<RuleInput> inputsOf(Rule rule) {
        return new OutputTag<>(rule.uid("inputs"), RuleInputTypeInfo.INSTANCE);
    }

    @Override
    public void open(Configuration parameters) {
        failed = getRuntimeContext()
                .getMetricGroup()
                .addGroup(DeadLetter.METRIC_GROUP)
                .addGroup(DeadLetter.METRIC_STAGE_LABEL, DeadLetter.Stage.DETECT.wireName())
                .counter(DeadLetter.METRIC_FAILED);
    }

    @Override
    public void processElement(LogEvent event, Context ctx, Collector<LogEvent> out) {
        for (int i = 0; i < matchRules.length; i++) {
            Rule rule = matchRules[i];
            try {
                if (rule.condition().test(event)) {
                    tag(event, rule, ctx, i);
                }
            } catch (RuntimeException | StackOverflowError e) {
                failed(event, rule.id(), e, ctx);
            }
        }
        for (int i = 0; i < projections.length; i++) {
            try {
                RuleInput input = projections[i].project(event);
                if (input != null) {
                    ctx.output(inputs.get(i), input);
                }
            } catch (RuntimeException | StackOverflowError e) {
                failed(event, statefulIds[i], e, ctx);
            }
        }
        out.collect(event);
    }

    private void failed(LogEvent event, String ruleId, Throwable e, Context ctx) {
        failed.inc();
        ctx.output(
                FAILURES,
                DeadLetter.ofEvent(
                        event,
                        DeadLetter.Stage.DETECT,
                        "rule " + ruleId + ": " + DeadLetter.unexpected(e) + " (stored without this rule's verdict)",
                        System.currentTimeMillis()));
    }

    private void tag(LogEvent event, Rule rule, Context ctx, int i) {
        Severity severity = rule.severityFor(event);
        if (!rule.shadow()) {
            // a shadow rule's verdict stays in its shadow alerts: the stored event is not raised
            if (event.threats == null) {
                event.threats = new ArrayList<>(2);
            }
            event.threats.add(new Threat(rule.id(), rule.title(), severity.name(), rule.tags()));
            Severity own = Severity.parse(event.severity).orElse(Severity.LOW);
            event.severity = own.max(severity).name();
        }
        if (matchKeys[i].present(event)) {
            RuleInput input = RuleProjection.describe(
                    new RuleInput(),
                    matchKeys[i].getKey(event),
                    RuleProjection.contentOf(event),
                    severity,
                    matchSummaryFields[i],
                    event);
            ctx.output(hits.get(i), input);
        }
    }
}
