package io.vigil.query.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code POST /rules/deploy} answers, with 200 or 422 alike: how {@code vigil rules deploy} ended.
 *
 * @param output what the command printed: why it did not deploy, when it did not
 */
@Serdeable.Serializable
@Schema(description = "The run of ./vigil rules deploy: ok when the new job runs.")
public record DeployOutcome(
        boolean ok, @JsonProperty("exit_code") int exitCode, String output) {

    static DeployOutcome of(RulesTool.Result result) {
        return new DeployOutcome(result.ok(), result.exitCode(), result.output());
    }
}
