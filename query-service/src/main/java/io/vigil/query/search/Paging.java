package io.vigil.query.search;

import io.vigil.query.params.BadParameterException;
import io.vigil.query.params.Params;

/**
 * Which page of a list: {@code page} (1-based) and {@code size} (1-500), or a cursor from a
 * previous page's {@code next} ({@code after}), which reads on past Elasticsearch's 10,000-hit
 * window and is stable while new documents arrive (they sort before it).
 */
public record Paging(int page, int size, Cursor after) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Elasticsearch's default {@code index.max_result_window}: from + size may not pass it. */
    public static final int MAX_WINDOW = 10_000;

    public static Paging parse(PageRequest request, SortSpec sort, String fingerprint) {
        int p = Params.integer("page", request.page(), 1, 1, Integer.MAX_VALUE);
        int s = Params.integer("size", request.size(), DEFAULT_SIZE, 1, MAX_SIZE);
        if (request.after() != null) {
            // The cursor knows which page it leads to; a page parameter beside it is only checked.
            return new Paging(0, s, Cursor.decode("after", request.after(), sort, fingerprint)).withCursorPage();
        }
        if ((long) p * s > MAX_WINDOW) {
            throw new BadParameterException(
                    "page",
                    "is too deep: page × size may not exceed " + MAX_WINDOW
                            + "; use the cursor ('after' with the 'next' value of the previous page) to read further");
        }
        return new Paging(p, s, null);
    }

    private Paging withCursorPage() {
        return new Paging(after.page(), size, after);
    }

    /** Offset of the first hit for page-based reads; 0 when reading after a cursor. */
    public int from() {
        return after == null ? (page - 1) * size : 0;
    }
}
