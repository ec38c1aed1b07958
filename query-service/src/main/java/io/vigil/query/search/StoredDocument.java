package io.vigil.query.search;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.Map;

/**
 * An answer record that is a stored document: its typed fields, then every field it does not type
 * as stored ({@link DocumentRecords} fills {@link #rest}), so the answer is the document.
 */
public interface StoredDocument {
    /** The stored fields the record does not type, in stored order; the record's last component. */
    Map<String, Object> rest();

    /** Written after the typed fields, as if they were the record's own. */
    @JsonAnyGetter
    default Map<String, Object> others() {
        return rest();
    }
}
