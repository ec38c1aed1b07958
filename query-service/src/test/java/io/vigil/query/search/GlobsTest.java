package io.vigil.query.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobsTest {
    @Test
    void aGlobBecomesALuceneRegexpWhoseOnlyOperatorsAreItsWildcards() {
        assertEquals("web\\-.*", Globs.toRegexp("web-*"));
        assertEquals("db\\.0.", Globs.toRegexp("db.0?"));
        // what would be operators in Lucene's syntax (alternation, complement, groups) stay literal
        assertEquals("a\\|b\\~\\(c\\)\\@\\#", Globs.toRegexp("a|b~(c)@#"));
    }
}
