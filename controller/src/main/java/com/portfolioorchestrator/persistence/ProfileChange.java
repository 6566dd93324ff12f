package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored two-person profile switch (PRODUCT.md section 6). The status values belong to the governance use case;
 * here they are stable SCREAMING_SNAKE codes such as {@code PENDING} or {@code APPROVED}.
 *
 * @param id          assigned by the database, never reused
 * @param requestedBy operator A
 * @param requestedAt truncated to milliseconds
 * @param profile     the requested profile name, e.g. {@code aggressive}
 * @param reason      free text, may be empty
 * @param status      SCREAMING_SNAKE code
 * @param approvedBy  operator B, present exactly when {@code approvedAt} is
 * @param approvedAt  truncated to milliseconds
 */
public record ProfileChange(long id, String requestedBy, Instant requestedAt, String profile, String reason,
                            String status, Optional<String> approvedBy, Optional<Instant> approvedAt) {
    private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z0-9_]*");

    public ProfileChange {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be > 0, was " + id);
        }
        Checks.notBlank(requestedBy, "requested_by");
        requestedAt = Checks.notNull(requestedAt, "requested_at").truncatedTo(ChronoUnit.MILLIS);
        Checks.notBlank(profile, "profile");
        Checks.notNull(reason, "reason");
        checkStatus(status);
        Checks.notNull(approvedBy, "approved_by");
        Checks.notNull(approvedAt, "approved_at");
        approvedBy.ifPresent(value -> Checks.notBlank(value, "approved_by"));
        approvedAt = approvedAt.map(value -> value.truncatedTo(ChronoUnit.MILLIS));
        if (approvedBy.isPresent() != approvedAt.isPresent()) {
            throw new IllegalArgumentException("approved_by and approved_at must be both present or both empty, were "
                    + approvedBy + " and " + approvedAt);
        }
    }

    static String checkStatus(String status) {
        if (!STATUS.matcher(Checks.notNull(status, "status")).matches()) {
            throw new IllegalArgumentException("status must be a SCREAMING_SNAKE code, was '" + status + "'");
        }
        return status;
    }

    /** This change with a new status and its approver. */
    public ProfileChange withStatus(String newStatus, Optional<String> by, Optional<Instant> at) {
        return new ProfileChange(id, requestedBy, requestedAt, profile, reason, newStatus, by, at);
    }
}
