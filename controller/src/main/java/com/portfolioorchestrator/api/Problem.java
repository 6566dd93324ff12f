package com.portfolioorchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An {@code application/problem+json} body (RFC 9457) with the field errors of STYLE.md section 6.
 *
 * @param type   a stable URI-like identifier of the kind of problem, e.g. {@code /problems/validation}
 * @param errors each names the field and says what is wrong with its value
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public record FieldError(String field, String message) {}

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem("/problems/" + type, title, status, detail, List.of());
    }
}
