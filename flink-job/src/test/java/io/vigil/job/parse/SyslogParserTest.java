package io.vigil.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Header shapes the public captures (SyslogDialectsTest) do not hold, or hold once: each written
 * as the sender's documentation or source shows it.
 */
class SyslogParserTest {
    private static final long RECEIVED = Instant.parse("2026-11-26T10:05:00Z").toEpochMilli();
    private final SyslogParser parser = new SyslogParser(ZoneOffset.UTC);

    private static String time(SyslogLine line) {
        return line.timestamp() == null
                ? null
                : Instant.ofEpochMilli(line.timestamp()).toString();
    }

    @Test
    void busyboxSyslogdWritesFacilityAndLevelAfterTheHost() {
        SyslogLine line = parser.parse(
                "Nov 26 10:00:01 alpine authpriv.info sshd[1234]: Accepted password for ana from 10.0.0.2 port 5 ssh2",
                RECEIVED);
        assertThat(line.host()).isEqualTo("alpine");
        assertThat(line.program()).isEqualTo("sshd");
        assertThat(line.pid()).isEqualTo(1234L);
        assertThat(line.severity()).isEqualTo(6);
        assertThat(line.message()).startsWith("Accepted password");
        assertThat(line.dialect()).isEqualTo("busybox");
    }

    @Test
    void openWrtLogreadHasAWeekdayAYearAfterTheTimeAndNoHost() {
        SyslogLine line = parser.parse(
                "Thu Nov 12 13:20:08 2020 daemon.info dnsmasq[728]: started, version 2.80 cachesize 150", RECEIVED);
        assertThat(time(line)).isEqualTo("2020-11-12T13:20:08Z");
        assertThat(line.host()).isNull();
        assertThat(line.program()).isEqualTo("dnsmasq");
        assertThat(line.severity()).isEqualTo(6);
        assertThat(line.dialect()).isEqualTo("openwrt-logread");
    }

    @Test
    void ciscoIosSendingDirectlyPutsSequenceAndHostBeforeTheTime() {
        SyslogLine line = parser.parse(
                "<189>45: router1: *Mar  1 00:01:23.456 UTC: %SYS-5-CONFIG_I: Configured from console by vty0",
                RECEIVED);
        assertThat(time(line)).isEqualTo("2026-03-01T00:01:23.456Z");
        assertThat(line.host()).isEqualTo("router1");
        assertThat(line.severity()).isEqualTo(5);
        assertThat(line.program()).isNull();
        assertThat(line.message()).isEqualTo("%SYS-5-CONFIG_I: Configured from console by vty0");
        SyslogLine hostless =
                parser.parse("<189>1991221: Mar 24 17:37:39 UTC: %PIM-SW1-6-INVALID_RP_JOIN: Received", RECEIVED);
        assertThat(time(hostless)).isEqualTo("2026-03-24T17:37:39Z");
        assertThat(hostless.host()).isNull();
    }

    @Test
    void aPriWithoutATimeKeepsItsSeverityAndLeavesTheTimeToTheCaller() {
        SyslogLine line = parser.parse("<166>%ASA-6-302013: Built outbound TCP connection 1", RECEIVED);
        assertThat(line.timestamp()).isNull();
        assertThat(line.host()).isNull();
        assertThat(line.severity()).isEqualTo(6);
        assertThat(line.message()).isEqualTo("%ASA-6-302013: Built outbound TCP connection 1");
    }

    @Test
    void textWithoutPriOrTimeIsNotSyslog() {
        assertThat(parser.parse("just some text", RECEIVED)).isNull();
        assertThat(parser.parse("- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 RAS KERNEL INFO x", RECEIVED))
                .isNull();
        assertThat(parser.parse("", RECEIVED)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-26T10:00:01.5+0100 h p: m | 2026-11-26T09:00:01.500Z",
                "2026-11-26T10:00:01+01 h p: m     | 2026-11-26T09:00:01Z",
                "2026-11-26 10:00:01,250Z h p: m   | 2026-11-26T10:00:01.250Z",
                "2026-11-26T10:00 h p: m           | 2026-11-26T10:00:00Z",
                "2026-11-26T10:00:01.123456789-05:00 h p: m | 2026-11-26T15:00:01.123Z",
            })
    void isoTimesTakeEveryOffsetSpellingAndCommaFractions(String text, String expected) {
        SyslogLine line = parser.parse(text, RECEIVED);
        assertThat(time(line)).isEqualTo(expected);
        assertThat(line.host()).isEqualTo("h");
        assertThat(line.dialect()).isEqualTo("rfc3164-iso");
    }

    @Test
    void aTimeWithoutZoneIsInTheConfiguredZone() {
        SyslogParser berlin = new SyslogParser(ZoneId.of("Europe/Berlin"));
        assertThat(time(berlin.parse("Nov 26 10:00:01 h p: m", RECEIVED))).isEqualTo("2026-11-26T09:00:01Z");
        assertThat(time(berlin.parse("2026-07-01T10:00:01 h p: m", RECEIVED))).isEqualTo("2026-07-01T08:00:01Z");
    }

    @Test
    void february29thComesFromTheLastLeapYearAndDecemberReadInJanuaryFromLastYear() {
        long march2027 = Instant.parse("2027-03-01T00:00:00Z").toEpochMilli();
        assertThat(time(parser.parse("Feb 29 10:00:01 h p: m", march2027))).isEqualTo("2024-02-29T10:00:01Z");
        long january = Instant.parse("2027-01-01T00:00:03Z").toEpochMilli();
        assertThat(time(parser.parse("Dec 31 23:59:59 h p: m", january))).isEqualTo("2026-12-31T23:59:59Z");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "sshd(pam_unix)[20882]: authentication failure; | sshd      | pam_unix | 20882 | authentication failure;",
                "syslogd 1.4.1: restart.                        | syslogd   | null     | null  | restart.",
                "BezelServices 255.10[94]: ASSERTION FAILED     | BezelServices | null | 94    | ASSERTION FAILED",
                "postfix/smtpd[1713]: connect from x            | postfix/smtpd | null | 1713  | connect from x",
                "-- root[2421]: ROOT LOGIN ON tty2              | null      | null     | null  | -- root[2421]: ROOT LOGIN ON tty2",
                "last message repeated 3 times                  | null      | null     | null  | last message repeated 3 times",
                "585917: Feb  8 04:00:47.272: %SEC-6-X: list    | null      | null     | null  | 585917: Feb  8 04:00:47.272: %SEC-6-X: list",
                "%ASA-6-302015: Built outbound UDP              | null      | null     | null  | %ASA-6-302015: Built outbound UDP",
                "http://example.com/ is down                    | null      | null     | null  | http://example.com/ is down",
                "sshd[63814]: [ID 800047 auth.info] Failed x    | sshd      | null     | 63814 | Failed x",
                "kernel: [ 0.1] x                               | kernel    | null     | null  | [ 0.1] x",
            })
    void tagsAreReadAsLenientlyAsRsyslogDoes(String tail, String program, String module, Long pid, String message) {
        SyslogLine line = parser.parse("Nov 26 10:00:01 host " + tail, RECEIVED);
        assertThat(line.host()).isEqualTo("host");
        assertThat(line.program()).isEqualTo(program);
        assertThat(line.module()).isEqualTo(module);
        assertThat(line.pid()).isEqualTo(pid);
        assertThat(line.message()).isEqualTo(message);
    }

    @Test
    void aTokenEndingInAColonAfterTheTimeIsTheTagOfALineWithoutHostExceptBeforeACiscoMessageId() {
        SyslogLine hostless = parser.parse("Nov 23 21:50:37 sshd[7148]: Connection closed by 61.0.0.1", RECEIVED);
        assertThat(hostless.host()).isNull();
        assertThat(hostless.program()).isEqualTo("sshd");
        SyslogLine tagOnly = parser.parse("Jan 11 22:33:44 su: 'su root' failed for luser on /dev/pts/8", RECEIVED);
        assertThat(tagOnly.host()).isNull();
        assertThat(tagOnly.program()).isEqualTo("su");
        SyslogLine asa = parser.parse("Oct 10 2019 10:21:36 localhost: %ASA-6-302021: Teardown ICMP", RECEIVED);
        assertThat(asa.host()).isEqualTo("localhost");
        assertThat(time(asa)).isEqualTo("2019-10-10T10:21:36Z");
    }

    @Test
    void syslogNgChainedHostsNameTheHostThatLogged() {
        assertThat(parser.parse("Nov 9 12:01:01 dn228/relay1 crond[1]: x", RECEIVED)
                        .host())
                .isEqualTo("dn228");
        assertThat(parser.parse("Nov 9 12:01:01 local@tbird-admin1 crond[1]: x", RECEIVED)
                        .host())
                .isEqualTo("tbird-admin1");
    }

    @Test
    void freeBsdVerboseLevelsBeforeTheHostGiveTheSeverity() {
        SyslogLine numeric = parser.parse("Apr  2 17:51:27 <4.3> pancake sshd[55624]: error: x", RECEIVED);
        assertThat(numeric.host()).isEqualTo("pancake");
        assertThat(numeric.severity()).isEqualTo(3);
        SyslogLine named = parser.parse(
                "Mar 19 23:48:18 <auth.info> pancake sshd[55517]: Invalid user r00t from 1.2.3.4", RECEIVED);
        assertThat(named.host()).isEqualTo("pancake");
        assertThat(named.severity()).isEqualTo(6);
    }

    @Test
    void rfc5424KeepsStructuredDataAsTheMessageWhenThereIsNoOther() {
        SyslogLine junos = parser.parse(
                "<14>1 2019-11-14T09:37:51.184+01:00 SRX-GW1 RT_FLOW - RT_FLOW_SESSION_CREATE "
                        + "[junos@2636.1.1.1.2.134 source-address=\"10.0.0.1\" reason=\"a \\] b\"]",
                RECEIVED);
        assertThat(time(junos)).isEqualTo("2019-11-14T08:37:51.184Z");
        assertThat(junos.host()).isEqualTo("SRX-GW1");
        assertThat(junos.program()).isEqualTo("RT_FLOW");
        assertThat(junos.message())
                .isEqualTo("[junos@2636.1.1.1.2.134 source-address=\"10.0.0.1\" reason=\"a \\] b\"]");
        SyslogLine bom = parser.parse(
                "<34>1 2003-10-11T22:14:15.003Z mymachine su 77 ID47 [a b=\"]\"] \uFEFF'su root' failed", RECEIVED);
        assertThat(bom.message()).isEqualTo("'su root' failed");
        assertThat(bom.pid()).isEqualTo(77L);
        SyslogLine nil = parser.parse("<34>1 - - - - - -", RECEIVED);
        assertThat(nil.timestamp()).isNull();
        assertThat(nil.host()).isNull();
    }

    @Test
    void fortiGateNamesTheDeviceAndZoneInKeyValuePairs() {
        SyslogLine line = parser.parse(
                "<189>date=2020-04-23 time=12:32:48 devname=\"fw 1\" devid=\"FG1\" tz=\"-0500\" msg=\"x\"", RECEIVED);
        assertThat(time(line)).isEqualTo("2020-04-23T17:32:48Z");
        assertThat(line.host()).isEqualTo("fw 1");
        assertThat(line.severity()).isEqualTo(5);
        assertThat(line.dialect()).isEqualTo("fortios");
        SyslogLine unnamed =
                parser.parse("date=2019-05-13 time=11:20:54 logid=\"0100032001\" type=\"event\"", RECEIVED);
        assertThat(time(unnamed)).isEqualTo("2019-05-13T11:20:54Z");
        assertThat(unnamed.host()).isNull();
    }
}
