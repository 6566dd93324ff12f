package com.portfolioorchestrator.adapters.ibkr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The self-signed-certificate rule of the Client Portal gateway: certificate checks may be switched off only when
 * configured ({@code verify_tls = false}) <b>and</b> the gateway is on a loopback address; anything else is refused.
 * Loopback is decided from the URL alone (no DNS): {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}.
 */
final class GatewayTls {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private GatewayTls() {
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // an IP literal: no lookup happens
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** Applies the rule to {@code builder}; throws {@link IllegalArgumentException} when it is broken. */
    static void apply(OkHttpClient.Builder builder, HttpUrl url, boolean verifyTls) {
        if (verifyTls || !url.isHttps()) {
            return;
        }
        String host = url.host();
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("verify_tls = false is allowed only for a gateway on a loopback address "
                    + "(localhost, 127.0.0.1, ::1), not for '" + host + "'; install the gateway's certificate instead");
        }
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // the gateway does not ask for client certificates
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // deliberately accepting the gateway's self-signed certificate: loopback only (checked above)
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trustAll)
                    .hostnameVerifier((hostname, session) -> hostname.equalsIgnoreCase(host));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context for " + host, e);
        }
    }
}
