package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void matchesIpv4AndIpv6Networks() {
        Cidr net = Cidr.parse("192.0.2.0/28");
        assertThat(net.contains("192.0.2.15")).isTrue();
        assertThat(net.contains("192.0.2.16")).isFalse();
        assertThat(Cidr.parse("203.0.113.9").contains("203.0.113.9")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::7")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("192.0.2.1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void globsMatchWholeNamesAndHonourEscapes() {
        assertThat(Globs.toPattern("web-*").matcher("web-01").matches()).isTrue();
        assertThat(Globs.toPattern("web-*").matcher("xweb-01").matches()).isFalse();
        assertThat(Globs.toPattern("db-0?").matcher("db-07").matches()).isTrue();
        assertThat(Globs.toPattern("a.b").matcher("axb").matches()).isFalse();
        assertThat(Globs.toPattern("100\\*").matcher("100*").matches()).isTrue();
        assertThat(Globs.toPattern("100\\*").matcher("1000").matches()).isFalse();
    }

    @Test
    void neverResolvesNamesAndRejectsGarbage() {
        assertThat(Cidr.parse("10.0.0.0/8").contains("localhost")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains("10.0.0")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains(null)).isFalse();
        assertThatThrownBy(() -> Cidr.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesAreAsciiLiteralsOnlySoNoRecordCostsANameLookup() {
        Cidr any = Cidr.parse("0.0.0.0/0");
        assertThat(any.contains("8.8.8.8")).isTrue();
        // other scripts' digits, out-of-range octets, a leading dot: not literals (the JDK sent these to DNS)
        assertThat(Cidr.literal("\u0661.\u0662.\u0663.\u0664")).isNull();
        assertThat(Cidr.literal("999.1.1.1")).isNull();
        assertThat(Cidr.literal(".1.2.3")).isNull();
        assertThat(Cidr.literal("1.2.3.4.5")).isNull();
        assertThat(Cidr.literal("1..2.3")).isNull();
        assertThat(Cidr.literal(".::1")).isNull();
        assertThat(Cidr.literal("\uFF11::1")).isNull();
        assertThat(Cidr.literal("1.2.3.4")).containsExactly(1, 2, 3, 4);
        assertThat(Cidr.literal("::ffff:10.0.0.1")).isNotNull();
    }
}
