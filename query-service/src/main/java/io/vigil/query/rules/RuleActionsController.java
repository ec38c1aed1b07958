package io.vigil.query.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.params.TimeRange;
import io.vigil.query.protect.ProtectedFieldView;
import io.vigil.query.search.DocumentRecords;
import io.vigil.query.search.Page;
import io.vigil.query.security.Roles;
import java.time.Duration;
import java.time.Instant;

/**
 * The Rules page's actions (admins): {@code POST /rules/deploy} puts the current rules into the
 * running job ({@code ./vigil rules deploy}: validate, the rules' tests, savepoint, resubmit) and
 * {@code POST /rules/backtest} shows what the rules would have raised over stored events
 * ({@code ./vigil rules backtest}; nothing is written). Both run the {@code vigil} command
 * ({@link RulesTool}); 501 where it is not configured, 409 while another action runs.
 */
@Controller("/rules")
@Secured(Roles.ADMIN)
@Tag(name = "rules")
public class RuleActionsController {
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(10);
    static final Duration BACKTEST_TIMEOUT = Duration.ofMinutes(10);
    /** A backtest reads every stored event of its range: a week at most from the page. */
    static final Duration LONGEST_BACKTEST = Duration.ofDays(7);

    private final RulesTool tool;
    private final Elasticsearch elasticsearch;
    private final ProtectedFieldView protectedFields;

    public RuleActionsController(RulesTool tool, Elasticsearch elasticsearch, ProtectedFieldView protectedFields) {
        this.tool = tool;
        this.elasticsearch = elasticsearch;
        this.protectedFields = protectedFields;
    }

    /** A backtest's range: ISO-8601 or {@code now-1h}; default the last hour. */
    @Serdeable
    public record BacktestRequest(
            @Nullable String from, @Nullable String to) {}

    @Post(uri = "/deploy", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "deployRules",
            summary = "Deploy the current rules",
            description =
                    "Runs ./vigil rules deploy: validates the "
                            + "rules, runs their tests, stops the job with a savepoint and resubmits it with the rules. 200 with {ok, exit_code, output} "
                            + "when the new job runs, 422 with the same body when it did not deploy (the old job keeps running unless the output says otherwise).")
    public HttpResponse<DeployOutcome> deploy() {
        RulesTool.Result result = tool.deploy(DEPLOY_TIMEOUT);
        return HttpResponse.status(result.ok() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(DeployOutcome.of(result));
    }

    @Post(uri = "/backtest", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "backtestRules",
            summary = "Backtest the current rules",
            description =
                    "Runs ./vigil rules backtest over the "
                            + "events stored from `from` to `to` (default the last hour, at most 7 days): {from, to, events, alerts: [...], by_rule}. "
                            + "Nothing is written to the alerts index. Protected fields are read only for the roles that see them in clear.")
    public BacktestResult backtest(@Nullable @Body BacktestRequest request, Authentication authentication) {
        Instant now = Instant.now();
        TimeRange range = TimeRange.parse(
                request == null || request.from() == null ? "now-1h" : request.from(),
                request == null || request.to() == null ? "now" : request.to(),
                now);
        Instant from = range.from() == null ? now.minus(Duration.ofHours(1)) : range.from();
        Instant to = range.to() == null ? now : range.to();
        if (!from.isBefore(to)) {
            throw new BadParameterException("from", "must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(LONGEST_BACKTEST) > 0) {
            throw new BadParameterException(
                    "from", "must be at most 7 days before 'to' (run ./vigil rules backtest for longer ranges)");
        }
        // protected fields are read only for a caller who sees them in clear (VIGIL_CLEAR_ROLES)
        RulesTool.Result result = tool.backtest(from, to, protectedFields.seesClear(authentication), BACKTEST_TIMEOUT);
        String json = result.output()
                .lines()
                .filter(line -> line.startsWith("{"))
                .reduce((a, b) -> b)
                .orElse(null);
        if (!result.ok() || json == null) {
            throw new HttpStatusException(
                    HttpStatus.UNPROCESSABLE_ENTITY, "the backtest did not run: " + tail(result.output()));
        }
        try {
            JsonNode answer = elasticsearch.mapper().readTree(json);
            return DocumentRecords.read(
                    BacktestResult.class, elasticsearch.mapper().convertValue(answer, Page.MAP));
        } catch (java.io.IOException e) {
            throw new HttpStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "the backtest's answer was not JSON");
        }
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000);
    }
}
