package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** One CEP match of a sequence rule → one {@link Hit} carrying every event of every step. */
public class SequenceMatches extends PatternProcessFunction<RuleInput, Hit> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(Map<String, List<RuleInput>> match, Context ctx, Collector<Hit> out) {
        List<RuleInput> events = new ArrayList<>();
        match.values().forEach(events::addAll);
        events.sort(Comparator.comparingLong(e -> e.timestamp));
        RuleInput newest = events.get(events.size() - 1);
        Hit hit = new Hit();
        hit.groupKey = newest.key;
        hit.evidence = new Evidence[events.size()];
        for (int i = 0; i < events.size(); i++) {
            hit.evidence[i] = Evidence.of(events.get(i));
        }
        hit.summary = newest.summary;
        out.collect(hit);
    }
}
