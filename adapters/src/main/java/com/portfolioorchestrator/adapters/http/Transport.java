package com.portfolioorchestrator.adapters.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Executes one HTTP request and sorts transport failures into {@link FailureKind#CONNECT} or {@link FailureKind#TIMEOUT}. */
public final class Transport {
    private Transport() {
    }

    /** A transport failure (no complete response) with its kind; clients wrap it into their own exception. */
    public static final class TransportFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final FailureKind kind;

        TransportFailure(FailureKind kind, String message, IOException cause) {
            super(message, cause);
            this.kind = kind;
        }

        public FailureKind kind() {
            return kind;
        }
    }

    /** Sends {@code request} and reads the whole body. Never returns null. */
    public static RawResponse execute(OkHttpClient client, Request request) throws TransportFailure {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            return new RawResponse(response.code(), text, response.headers());
        } catch (SocketTimeoutException e) {
            throw new TransportFailure(FailureKind.TIMEOUT, describe(e), e);
        } catch (InterruptedIOException e) {
            // OkHttp reports call timeouts as InterruptedIOException("timeout")
            throw new TransportFailure(FailureKind.TIMEOUT, describe(e), e);
        } catch (SSLException e) {
            throw new TransportFailure(FailureKind.CONNECT, "TLS: " + describe(e), e);
        } catch (IOException e) {
            throw new TransportFailure(FailureKind.CONNECT, describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
