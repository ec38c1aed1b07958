package io.vigil.query.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.Globs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A glob means one thing wherever a user writes it (issue 21): a host scope and the API's host
 * filter read {@code web\*} as notification routes and the job's asset inventory do (a literal
 * star), where the query service's own glob reader had taken the backslash literally.
 */
class HostGlobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHostScopeReadsAGlobAsRoutesAndTheAssetInventoryDo() {
        String[][] cases = {
            {"web\\*", "web*"},
            {"web\\*", "web\\x"},
            {"web\\*", "web-01"},
            {"web-*", "web-01"},
            {"a\\b*", "a\\bc"},
            {"db-0?", "db-07"},
            {"db-0\\?", "db-0?"},
            {"db-0\\?", "db-07"},
            {"*", "any\nline"},
        };
        for (String[] c : cases) {
            boolean routes = Globs.toPattern(c[0]).matcher(c[1]).matches();
            assertEquals(routes, HostScope.of(List.of(c[0])).permits(c[1]), c[0] + " against " + c[1]);
        }
        assertTrue(HostScope.of(List.of("web\\*")).permits("web*"));
    }

    @Test
    void elasticsearchIsAskedForWhatTheGlobMeans() {
        String[][] cases = {
            // glob, the query it becomes, its value as JSON text
            {"web\\*", "term", "web*"},
            {"a\\b*", "wildcard", "a\\\\\\\\b*"},
            {"web-0?", "wildcard", "web-0?"},
            {"db\\?-*", "wildcard", "db\\\\?-*"},
        };
        for (String[] c : cases) {
            assertEquals(
                    "{\"" + c[1] + "\":{\"host\":{\"value\":\"" + c[2] + "\"}}}",
                    Filters.hostQuery(JSON, c[0]).toString(),
                    c[0]);
        }
    }

    @Test
    void aGlobBecomesALuceneRegexpWhoseOnlyOperatorsAreItsWildcards() {
        assertEquals("web\\-.*", Globs.toLuceneRegexp("web-*"));
        assertEquals("db\\.0.", Globs.toLuceneRegexp("db.0?"));
        // what would be operators in Lucene's syntax (alternation, complement, groups) stay literal
        assertEquals("a\\|b\\~\\(c\\)\\@\\#", Globs.toLuceneRegexp("a|b~(c)@#"));
        assertEquals("web\\*", Globs.toLuceneRegexp("web\\*"));
    }
}
