package io.vigil.query.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PATCH /alerts/{id}}: the new status and an optional note for the audit trail.
 *
 * @param note why (kept in the history), up to 2000 characters
 */
@Serdeable
@Schema(description = "open → acknowledged → closed; closed or acknowledged → open reopens")
public record StatusChange(
        @Schema(description = "open, acknowledged or closed", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable
        String status,

        @Nullable String note) {}
