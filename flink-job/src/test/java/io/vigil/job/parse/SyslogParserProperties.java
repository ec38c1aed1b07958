package io.vigil.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import io.vigil.job.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * No text makes the syslog reading throw: a line becomes an event that keeps what its header
 * said, or is kept as plain text on Kafka's clock (and says so), or is rejected with a reason
 * ({@link RejectedRecordException}, e.g. a time before 2000) -- never anything else. The lines are
 * RFC 3164 and RFC 5424 headers and sshd / PAM / sudo / dropbear messages assembled from parts
 * that are right, nearly right and hostile (overlong, empty and non-ASCII numbers, stray
 * brackets, quotes and colons), and those lines mutated character by character.
 *
 * <p>100,000 cases in the normal run, half of them mutated (about 20 s on the shared 2-core machine, most of it generation);
 * raise {@code TRIES} locally for a longer run.
 */
class SyslogParserProperties {
    static final int TRIES = 100_000;
    private static final long RECEIVED =
            Instant.parse("2026-11-26T10:05:00.777Z").toEpochMilli();
    private static final RecordParser RECORDS = new RecordParser(1 << 20, ZoneOffset.UTC);
    private static final SyslogParser SYSLOG = new SyslogParser(ZoneOffset.UTC);

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void aSyslogLineParsesOrIsKeptAsTextNeverAnException(@ForAll("linesAndMutations") String line) {
        SYSLOG.parse(line, RECEIVED); // must not throw
        RawRecord record = new RawRecord("threat-logs", 0, 1, RECEIVED, line.getBytes(StandardCharsets.UTF_8));
        LogEvent event;
        try {
            event = RECORDS.parse(record, RECEIVED);
        } catch (RejectedRecordException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        assertThat(event.host).isNotBlank();
        assertThat(event.message).isNotNull();
        assertThat(event.kind).isEqualTo(Fields.KIND_EVENT);
        if (Fields.TIMESTAMP_RECEIVED.equals(event.fields.get(Fields.TIMESTAMP_SOURCE))) {
            assertThat(event.timestamp).isEqualTo(RECEIVED);
        }
    }

    @Provide
    Arbitrary<String> linesAndMutations() {
        return Arbitraries.oneOf(lines(), mutated());
    }

    private Arbitrary<String> lines() {
        return Arbitraries.oneOf(
                rfc3164(), rfc5424(), fortiOs(), Arbitraries.strings().ofMaxLength(80));
    }

    private Arbitrary<String> mutated() {
        return Combinators.combine(
                        lines(),
                        Arbitraries.integers().between(0, 200),
                        hostileText(),
                        Arbitraries.integers().between(0, 3))
                .as((line, at, insert, op) -> {
                    int i = Math.min(at, line.length());
                    return switch (op) {
                        case 0 -> line.substring(0, i) + insert + line.substring(i);
                        case 1 -> line.substring(0, i) + line.substring(Math.min(line.length(), i + insert.length()));
                        case 2 -> line.substring(0, i);
                        default -> line.substring(i) + line.substring(0, i);
                    };
                });
    }

    private Arbitrary<String> rfc3164() {
        Arbitrary<String> head = Combinators.combine(pri(), bsdTime(), host(), facilityLevel(), tag())
                .as((pri, time, host, level, tag) -> pri + time + host + level + tag);
        return Combinators.combine(head, message()).as((h, m) -> h + m);
    }

    private Arbitrary<String> rfc5424() {
        Arbitrary<String> sd = Arbitraries.oneOf(
                Arbitraries.just("-"),
                Arbitraries.just("[a b=\"c\"]"),
                Arbitraries.just("[x@1 k=\"\\]\" q=\"[\"][y]"),
                Arbitraries.just("[unclosed k=\"v"),
                Arbitraries.strings().withChars("[]\"\\= ab").ofMaxLength(12));
        Arbitrary<String> head = Combinators.combine(pri(), isoTime(), host(), token(), number(), sd)
                .as((pri, time, host, app, procid, data) ->
                        pri + "1 " + time + " " + host + app + " " + procid + " - " + data + " ");
        return Combinators.combine(head, message()).as((h, m) -> h + m);
    }

    private Arbitrary<String> fortiOs() {
        return Combinators.combine(pri(), isoTime(), number(), host())
                .as((pri, iso, tz, host) ->
                        pri + "date=" + iso.replace('T', ' ').replace(" ", " time=") + " devname=\"" + host
                                + "\" tz=\"+" + tz + "\" msg=\"x\"");
    }

    private Arbitrary<String> pri() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.integers().between(0, 191).map(n -> "<" + n + ">"),
                number().map(n -> "<" + n + ">"),
                Arbitraries.just("<>"),
                Arbitraries.just("<-1>"));
    }

    /** Numbers as logs hold them: ordinary, empty, overlong, signed, non-ASCII digits, with commas. */
    private Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 99999).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(40),
                Arbitraries.just(""),
                Arbitraries.of("-1", "+5", "1,5", "0x1F", "٣٤", "１２", "९९", "1e9", "00", "-"),
                Arbitraries.strings().withChars("0123456789,.:-٣").ofMaxLength(8));
    }

    private Arbitrary<String> bsdTime() {
        Arbitrary<String> month = Arbitraries.of("Jan", "Feb", "nov", "DEC", "Foo", "", "Ja");
        Arbitrary<String> sep = Arbitraries.of(":", ".", ",", "", "::");
        Arbitrary<String> prefix = Arbitraries.of("", "Thu ", "*", ".", "Mon  ");
        Arbitrary<String> suffix = Arbitraries.of("", " 2020", " UTC:", ":", ".123456", ",5", " 99999", " su:");
        return Combinators.combine(prefix, month, number(), number(), sep, number(), number(), suffix)
                .as((p, m, day, h, s, min, sec, suf) -> p + m + " " + day + " " + h + s + min + ":" + sec + suf + " ");
    }

    private Arbitrary<String> isoTime() {
        Arbitrary<String> offset = Arbitraries.of("Z", "+01:00", "+0100", "+01", "-99:99", "", "+", "z", ",5Z");
        return Combinators.combine(
                        number(), number(), number(), Arbitraries.of("T", " ", "t", "-"), number(), number(), offset)
                .as((y, mo, d, t, h, mi, off) -> y + "-" + mo + "-" + d + t + h + ":" + mi + ":00" + off);
    }

    private Arbitrary<String> host() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "web-01 ",
                        "dn228/dn228 ",
                        "local@tbird ",
                        "localhost: ",
                        "- ",
                        "",
                        "2001:db8::1 ",
                        "<4.3> h ",
                        "<auth.info> h ",
                        "host: ",
                        "h "),
                token().map(t -> t + " "));
    }

    private Arbitrary<String> facilityLevel() {
        return Arbitraries.of("", "", "authpriv.info ", "daemon.err ", "kern.", ".info ", "4.3 ");
    }

    private Arbitrary<String> tag() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of(
                        "sshd",
                        "sshd(pam_unix)",
                        "su(pam_unix)",
                        "sudo",
                        "dropbear",
                        "syslogd 1.4.1",
                        "sshd-session",
                        "%ASA-6-302013",
                        "585917",
                        "(",
                        "x(",
                        "[",
                        "",
                        "--"),
                token());
        Arbitrary<String> pid =
                Arbitraries.oneOf(Arbitraries.just(""), number().map(n -> "[" + n + "]"), Arbitraries.just("["));
        Arbitrary<String> colon = Arbitraries.of(": ", ":", " ", "", ": [ID 800047 auth.info] ", ": [ID ");
        return Combinators.combine(name, pid, colon).as((n, p, c) -> n + p + c);
    }

    private Arbitrary<String> token() {
        return Arbitraries.strings()
                .withChars("abcz09-._/@:[]()<>%\"'=ü✓")
                .ofMinLength(0)
                .ofMaxLength(12);
    }

    private Arbitrary<String> message() {
        Arbitrary<String> user = Arbitraries.oneOf(
                Arbitraries.of("root", "", "invalid user admin", "<invalid username>", "a b"), token());
        Arbitrary<String> address = Arbitraries.oneOf(
                Arbitraries.of(
                        "203.0.113.9",
                        "2001:db8::1",
                        "::ffff:1.2.3.4",
                        "host.example",
                        "",
                        "999.999.999.999",
                        "1.2.3.4:22"),
                token());
        return Combinators.combine(Arbitraries.of(MESSAGES), user, address, number())
                .as((shape, u, a, port) -> shape.replace("U", u).replace("A", a).replace("P", port));
    }

    private static final List<String> MESSAGES = List.of(
            "Failed password for U from A port P ssh2",
            "Failed password for invalid user U from A port P ssh2",
            "Failed publickey for U from A port P ssh2: RSA SHA256:x",
            "Failed keyboard-interactive/pam for U from A port P ssh2",
            "Failed none for invalid user U from A port P ssh2",
            "Accepted publickey for U from A port P ssh2",
            "Invalid user U from A port P",
            "error: maximum authentication attempts exceeded for U from A port P ssh2 [preauth]",
            "Disconnecting authenticating user U A port P: Too many authentication failures [preauth]",
            "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=A  user=U",
            "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=A  user=U",
            "PAM P more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=A  user=U",
            "error: PAM: Authentication error for illegal user U from A",
            "    U : P incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh",
            "    U : TTY=pts/0 ; PWD=/home ; USER=root ; COMMAND=/usr/bin/id",
            "Bad password attempt for 'U' from A:P",
            "Exit before auth (user 'U', P fails): Max auth tries reached - user 'U' from A:P",
            "A - U [26/Nov/2026:10:00:30 +0000] \"GET /x?P HTTP/1.1\" P 1 \"-\" \"U\"",
            "[UFW BLOCK] IN=eth0 SRC=A DST=A PROTO=TCP SPT=P DPT=P WINDOW=0 RES=0x00 SYN URGP=0",
            "type=SYSCALL msg=audit(P.P:P): arch=c000003e syscall=P success=yes pid=P uid=P",
            "message repeated P times: [ Failed password for U from A port P ssh2]",
            "");

    private Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "<",
                        ">",
                        "[",
                        "]",
                        ":",
                        " ",
                        "\"",
                        "\\",
                        "\u0000",
                        "\r",
                        "\uFEFF",
                        "٣",
                        "9999999999999999999999",
                        "-",
                        ",",
                        "."),
                Arbitraries.strings().ofMaxLength(6));
    }
}
