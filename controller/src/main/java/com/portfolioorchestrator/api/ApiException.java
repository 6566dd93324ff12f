package com.portfolioorchestrator.api;

/** Thrown by handlers to answer with a problem; mapped once to problem+json by {@link ApiServer}. */
public final class ApiException extends RuntimeException {
    private final transient Problem problem;
    private final long retryAfterSeconds;

    public ApiException(Problem problem) {
        this(problem, -1);
    }

    public ApiException(Problem problem, long retryAfterSeconds) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for a {@code Retry-After} header, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(Problem.of(400, "malformed", "Malformed request", detail));
    }

    static ApiException notFound(String detail) {
        return new ApiException(Problem.of(404, "not-found", "Not found", detail));
    }
}
