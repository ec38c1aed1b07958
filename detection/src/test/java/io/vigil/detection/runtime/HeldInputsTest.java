package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.sshFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detection.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs waiting in a group's history share the group's strings instead of holding copies. */
class HeldInputsTest {
    private static final String ATTACKER = "185.190.58.151";

    @Test
    void inputsThatArriveAsCopiesShareTheirGroupsKeyAndHostOnceTheyWait() throws Exception {
        try (var h = new RuleHarness(Fixtures.rule(Fixtures.BRUTE_FORCE))) {
            String group = null;
            for (int i = 0; i < 3; i++) {
                // as the network hands them over: equal strings, each input its own copies
                RuleInput input = h.projection.project(sshFailure(i, "web-01", ATTACKER));
                input.key = new String(input.key);
                input.host = new String(input.host);
                group = input.key;
                h.harness.processElement(input, input.timestamp);
            }
            List<RuleInput> history = h.group(group).history;
            assertThat(history).hasSize(3);
            assertThat(history).allSatisfy(in -> {
                assertThat(in.key).isSameAs(history.get(0).key).contains(ATTACKER);
                assertThat(in.host).isSameAs(history.get(0).host).isEqualTo("web-01");
            });
        }
    }

    @Test
    void groupsOfOneOperatorShareTheirHostsString() throws Exception {
        try (var h = new RuleHarness(Fixtures.rule(Fixtures.BRUTE_FORCE))) {
            List<String> groups = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // internet noise: every address its own group, all against one host
                RuleInput input = h.projection.project(sshFailure(i, "web-01", "198.51.100." + i));
                input.host = new String(input.host);
                groups.add(input.key);
                h.harness.processElement(input, input.timestamp);
            }
            String first = h.group(groups.get(0)).history.get(0).host;
            for (String group : groups) {
                assertThat(h.group(group).history.get(0).host).isSameAs(first);
            }
        }
    }

    @Test
    void aFloodOfInventedHostsIsNotAllKept() {
        HeldInputs held = new HeldInputs();
        String seenFirst = null;
        for (int i = 0; i < HeldInputs.MAX_SHARED_HOSTS + 100; i++) {
            RuleInput input = input("10.0.0." + i, "invented-" + i, new String[0]);
            held.share(input, List.of());
            seenFirst = i == 1 ? input.host : seenFirst;
        }
        assertThat(held.sharedHosts()).isEqualTo(HeldInputs.MAX_SHARED_HOSTS);
        RuleInput again = input("10.0.0.1", "invented-1", new String[0]);
        held.share(again, List.of());
        assertThat(again.host)
                .as("a host seen before the bound is still shared")
                .isSameAs(seenFirst);
    }

    @Test
    void onlyEqualValuesAreShared() {
        RuleInput first = input("10.0.0.1", "web-01", new String[0]);
        new HeldInputs().share(first, List.of());
        assertThat(first.host).as("key and host differ").isEqualTo("web-01");
        assertThat(first.summary).isEmpty();

        RuleInput other = input("10.0.0.1", "web-02", new String[] {"root"});
        new HeldInputs().share(other, List.of(first));
        assertThat(other.key).isSameAs(first.key);
        assertThat(other.host).isEqualTo("web-02");
        assertThat(other.summary).containsExactly("root");

        RuleInput emptySummary = input("10.0.0.1", "web-02", new String[0]);
        new HeldInputs().share(emptySummary, List.of(first));
        assertThat(emptySummary.summary).isSameAs(first.summary);
    }

    @Test
    void aGroupKeptByHostHoldsOneStringForBoth() {
        RuleInput input = input("web-01", "web-01", new String[0]);
        new HeldInputs().share(input, List.of());
        assertThat(input.host).isSameAs(input.key);
    }

    private static RuleInput input(String key, String host, String[] summary) {
        RuleInput input = new RuleInput();
        input.key = new String(key);
        input.host = new String(host);
        input.summary = summary;
        return input;
    }
}
