package com.portfolioorchestrator.adapters.ibkr;

import com.portfolioorchestrator.adapters.http.AdapterException;
import com.portfolioorchestrator.adapters.http.FailureKind;
import java.time.Duration;

/**
 * A failed call to the IBKR Client Portal gateway; see {@link #kind()}. {@link FailureKind#UNAUTHORIZED} covers both
 * HTTP 401 and the gateway's 200 {@code {"error":"no session"}}: a human must log in again (2FA).
 */
public final class IbkrException extends AdapterException {
    private static final long serialVersionUID = 1L;

    IbkrException(FailureKind kind, String endpoint, int httpStatus, String message, Duration retryAfter,
                  Throwable cause) {
        super(kind, endpoint, httpStatus, message, retryAfter, cause);
    }
}
