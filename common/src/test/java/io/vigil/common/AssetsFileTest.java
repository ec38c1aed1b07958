package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one reading of rules/assets.yml. The job's loader and the query service's used to disagree:
 * the query service skipped an entry without a group (so a later entry's group applied to hosts
 * the job gave none) and silently dropped entries the job refused the file for.
 */
class AssetsFileTest {
    private static AssetsFile parse(String yaml) throws Exception {
        return AssetsFile.parse(yaml, "assets.yml");
    }

    private static void assertRefused(String yaml, String messageStart) {
        assertThatThrownBy(() -> parse(yaml)).hasMessageStartingWith(messageStart);
    }

    @Test
    void theShippedInventoryTagsHostsFirstMatchWins() throws Exception {
        AssetsFile assets = AssetsFile.read(Path.of("..", "rules", "assets.yml"));
        assertThat(assets.size()).isEqualTo(4);
        assertThat(assets.assetOf("db-02").fields())
                .containsEntry("asset.group", "data")
                .containsEntry("asset.criticality", "critical")
                .containsEntry("asset.owner", "data-platform")
                .containsEntry("asset.environment", "production");
        assertThat(assets.assetOf("vpn-1").group()).isEqualTo("edge");
        assertThat(assets.assetOf("laptop-9")).isNull();
        assertThat(assets.assetOf(null)).isNull();
    }

    @Test
    void theFirstMatchingEntryDecidesEvenWhenItNamesNoGroup() throws Exception {
        AssetsFile assets = parse("assets:\n  - {hosts: [\"db-*\"], owner: dba}\n  - {hosts: [\"*\"], group: other}\n");
        assertThat(assets.assetOf("db-01").group()).isNull();
        assertThat(assets.assetOf("db-01").fields()).containsOnlyKeys("asset.owner");
        assertThat(assets.assetOf("mail-01").group()).isEqualTo("other");
    }

    @Test
    void hostsAreGlobsAsEveryOtherGlobReaderHasThem() throws Exception {
        AssetsFile assets = parse("assets:\n  - {hosts: [\"db\\\\*\", \"web-??\"], group: g}\n");
        assertThat(assets.assetOf("db*")).isNotNull();
        assertThat(assets.assetOf("db-01")).as("an escaped star is a star").isNull();
        assertThat(assets.assetOf("web-01")).isNotNull();
        assertThat(assets.assetOf("web-001")).isNull();
        assertThat(assets.assetOf("WEB-01")).as("case-sensitive").isNull();
    }

    @Test
    void valuesAreKeptAsWrittenNotAsYaml11Types() throws Exception {
        AssetsFile assets =
                parse("assets:\n  - {hosts: [010], owner: 010, environment: yes, criticality: 1_000, group: off}\n");
        AssetsFile.Asset asset = assets.assetOf("010");
        assertThat(asset).isNotNull();
        assertThat(asset.owner()).isEqualTo("010");
        assertThat(asset.environment()).isEqualTo("yes");
        assertThat(asset.criticality()).isEqualTo("1_000");
        assertThat(asset.group()).isEqualTo("off");
    }

    @Test
    void aNullAttributeIsNotGiven() throws Exception {
        AssetsFile.Asset asset =
                parse("assets:\n  - hosts: [a]\n    owner:\n    group: ~\n").assetOf("a");
        assertThat(asset.owner()).isNull();
        assertThat(asset.fields()).isEmpty();
    }

    @Test
    void everyMistakeOfTheFileIsReportedWithItsLine() {
        String yaml = """
                assets:
                  - hosts: "db-*"
                    group: data
                  - hosts: [web-*]
                    owner: [a, b]
                  - hosts: [ci-*, ~]
                  - just-a-glob
                  - group: lonely
                """;
        assertThatThrownBy(() -> parse(yaml))
                .hasMessage(String.join(
                        "\n",
                        "assets.yml:2: assets[0]: every asset entry needs a `hosts:` list of globs",
                        "assets.yml:5: assets[1].owner: must be a single value",
                        "assets.yml:6: assets[2].hosts: a host glob must be text",
                        "assets.yml:7: assets[3]: an entry is a mapping with a `hosts:` list of globs",
                        "assets.yml:8: assets[4]: every asset entry needs a `hosts:` list of globs"));
    }

    @Test
    void theTopLevelMustHoldAnAssetsList() {
        assertThatThrownBy(() -> parse("hosts: [a]\n"))
                .hasMessage("assets.yml:1: expected a top-level `assets:` list (`assets: []` for none)");
        assertRefused("# none yet\nassets:\n", "assets.yml:2: expected a top-level");
        assertRefused("- hosts: [a]\n", "assets.yml:1: expected a top-level");
    }

    @Test
    void yamlSyntaxErrorsNameFileAndLine() {
        assertRefused("assets:\n  - hosts: [a\n  - hosts: [b]\n", "assets.yml:3: not valid YAML:");
        assertRefused("assets: []\n---\nassets: []\n", "assets.yml:2: not valid YAML:");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastOneWinning() {
        assertRefused(
                "assets:\n  - hosts: [a]\n    group: web\n    group: data\n",
                "assets.yml:4: not valid YAML: found duplicate key group");
    }

    @Test
    void anchorsAndMergeKeysShareAttributes() throws Exception {
        AssetsFile assets = parse("""
                assets:
                  - &prod {hosts: [db-*], owner: dba, environment: production, group: data}
                  - <<: *prod
                    hosts: [pg-*]
                    owner: pg-team
                """);
        AssetsFile.Asset pg = assets.assetOf("pg-1");
        assertThat(pg.hosts()).containsExactly("pg-*");
        assertThat(pg.owner()).isEqualTo("pg-team");
        assertThat(pg.environment()).isEqualTo("production");
        assertThat(pg.group()).isEqualTo("data");
    }

    /** The job reloads this file inside a running operator: anything but an IOException would restart the job. */
    @Test
    void hostileFilesAreErrorsNotCrashes() {
        String deep = "assets: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
        String laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                + java.util.stream.IntStream.range(1, 60)
                        .mapToObj(
                                i -> (char) ('a' + i % 26) + "" + i + ": &" + (char) ('a' + i % 26) + i + " [*a, *a]\n")
                        .collect(java.util.stream.Collectors.joining())
                + "assets: []\n";
        for (String yaml : java.util.List.of(
                deep,
                laughs,
                "assets: [*nowhere]\n",
                "assets:\n  - <<: 5\n    hosts: [a]\n",
                "assets:\n  - ? [a, b]\n    : c\n    hosts: [a]\n",
                "assets:\n  - !!python/object:os.system {hosts: [a]}\n",
                "assets:\n  - {hosts: [!!binary aGk=], group: !!int x}\n",
                "\0\ufeff\t")) {
            try {
                parse(yaml);
            } catch (java.io.IOException expected) {
                assertThat(expected.getMessage()).startsWith("assets.yml:");
            } catch (Exception e) {
                throw new AssertionError(yaml.substring(0, Math.min(60, yaml.length())) + " threw " + e, e);
            }
        }
    }

    /** 48 aliases, each doubling the one before: under the 50 this file used to allow, read the same as rule files. */
    @Test
    void anAliasBombUnderFiftyAliasesIsRefusedToo() {
        assertThatThrownBy(() -> parse("assets: []\nlaughs:\n" + YamlBombs.aliasBomb("  ")))
                .hasMessageStartingWith("assets.yml:")
                .hasMessageContaining("aliases");
    }

    @Test
    void anAbsentOrEmptyFileIsAnEmptyInventory(@TempDir Path dir) throws Exception {
        assertThat(AssetsFile.read(dir.resolve("assets.yml")).size()).isZero();
        Files.writeString(dir.resolve("assets.yml"), "# nothing yet\n");
        assertThat(AssetsFile.read(dir.resolve("assets.yml")).size()).isZero();
        assertThat(parse("assets: []\n").size()).isZero();
    }

    @Test
    void anErrorNamesTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("assets.yml");
        Files.writeString(file, "assets: {}\n");
        assertThatThrownBy(() -> AssetsFile.read(file)).hasMessageStartingWith(file + ":1: expected a top-level");
    }
}
