package io.vigil.query.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Globs;
import java.time.Instant;
import java.util.List;

/**
 * The filter clauses of one search, built as a Jackson tree from checked values only: nothing a
 * caller sends is ever pasted into query text.
 */
public final class Filters {
    private final ObjectMapper mapper;
    private final ArrayNode clauses;

    public Filters(ObjectMapper mapper) {
        this.mapper = mapper;
        this.clauses = mapper.createArrayNode();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    public Filters add(ObjectNode clause) {
        clauses.add(clause);
        return this;
    }

    /** An exact keyword value. */
    public Filters term(String field, String value) {
        if (value != null) {
            ObjectNode q = mapper.createObjectNode();
            q.putObject("term").putObject(field).put("value", value);
            clauses.add(q);
        }
        return this;
    }

    /** Any of the keyword values (nothing when the list is empty). */
    public Filters terms(String field, List<String> values) {
        if (!values.isEmpty()) {
            ObjectNode q = mapper.createObjectNode();
            ArrayNode list = q.putObject("terms").putArray(field);
            values.forEach(list::add);
            clauses.add(q);
        }
        return this;
    }

    /** Any of the document ids (nothing when the list is empty). */
    public Filters ids(List<String> ids) {
        if (!ids.isEmpty()) {
            ObjectNode q = mapper.createObjectNode();
            ArrayNode list = q.putObject("ids").putArray("values");
            ids.forEach(list::add);
            clauses.add(q);
        }
        return this;
    }

    /** A host name or glob on the {@code host} keyword. */
    public Filters host(String field, String hostOrGlob) {
        if (hostOrGlob != null) {
            clauses.add(hostQuery(mapper, field, hostOrGlob));
        }
        return this;
    }

    /** A host name or glob matched against any of several fields (e.g. an alert's hosts list and its host). */
    public Filters hostIn(List<String> fields, String hostOrGlob) {
        if (hostOrGlob != null) {
            ObjectNode q = mapper.createObjectNode();
            ObjectNode bool = q.putObject("bool");
            ArrayNode should = bool.putArray("should");
            fields.forEach(field -> should.add(hostQuery(mapper, field, hostOrGlob)));
            bool.put("minimum_should_match", 1);
            clauses.add(q);
        }
        return this;
    }

    /** {@code from <= field < to}, either end open when null; times as epoch millis. */
    public Filters range(String field, Instant from, Instant to) {
        if (from == null && to == null) {
            return this;
        }
        ObjectNode q = mapper.createObjectNode();
        ObjectNode range = q.putObject("range").putObject(field);
        if (from != null) {
            range.put("gte", from.toEpochMilli());
        }
        if (to != null) {
            range.put("lt", to.toEpochMilli());
        }
        range.put("format", "epoch_millis");
        clauses.add(q);
        return this;
    }

    public Filters exists(String field) {
        ObjectNode q = mapper.createObjectNode();
        q.putObject("exists").put("field", field);
        clauses.add(q);
        return this;
    }

    /** Matches nothing: for callers who may see none of an index (host-limited users and dead letters). */
    public Filters none() {
        ObjectNode q = mapper.createObjectNode();
        q.putObject("match_none");
        clauses.add(q);
        return this;
    }

    /** The {@code query} of a search body: match_all when there is no clause. */
    public ObjectNode toQuery() {
        ObjectNode query = mapper.createObjectNode();
        if (clauses.isEmpty()) {
            query.putObject("match_all");
        } else {
            query.putObject("bool").set("filter", clauses.deepCopy());
        }
        return query;
    }

    static ObjectNode hostQuery(ObjectMapper mapper, String hostOrGlob) {
        return hostQuery(mapper, io.vigil.common.Fields.HOST, hostOrGlob);
    }

    static ObjectNode hostQuery(ObjectMapper mapper, String field, String hostOrGlob) {
        ObjectNode query = mapper.createObjectNode();
        if (Globs.isGlob(hostOrGlob)) {
            query.putObject("wildcard").putObject(field).put("value", Globs.toWildcard(hostOrGlob));
        } else {
            query.putObject("term").putObject(field).put("value", Globs.literal(hostOrGlob));
        }
        return query;
    }
}
