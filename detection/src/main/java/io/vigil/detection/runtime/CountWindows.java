package io.vigil.detection.runtime;

import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Rule;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What both machines of a {@code count} rule hold: its spec, its window in milliseconds, the
 * episodes its alerts are made of, and one {@link CountState} per group. {@link CountMachine}
 * alerts as the Nth event arrives; {@link ClosedWindowMachine} judges a window once it closed.
 */
abstract class CountWindows implements GroupMachine<CountState> {
    private static final long serialVersionUID = 1L;
    final CountSpec spec;
    final long within;
    final Episodes episodes;

    CountWindows(Rule rule) {
        this.spec = rule.count();
        this.within = spec.within().toMillis();
        this.episodes = new Episodes(rule);
    }

    @Override
    public final TypeInformation<CountState> stateType() {
        return TypeInformation.of(CountState.class);
    }

    @Override
    public final CountState start() {
        return new CountState();
    }
}
