package com.portfolioorchestrator.adapters.ibkr;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.adapters.testing.Fixtures;
import com.portfolioorchestrator.adapters.testing.RecordingSleeper;
import com.portfolioorchestrator.adapters.testing.TestClock;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Self-signed TLS is accepted only when configured and only on loopback; WireMock's HTTPS port has such a certificate. */
class IbkrTlsTest {
    static final OkHttpClient SHARED = HttpClients.newShared();
    static WireMockServer wm;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
        wm.start();
        wm.stubFor(post(urlPathEqualTo("/v1/api/tickle")).willReturn(okJson(Fixtures.read("ibkr/ibkr_tickle_ok.json"))));
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    private static IbkrClient client(String url, boolean verifyTls) {
        return new IbkrClient(url, SHARED, new TestClock(Instant.EPOCH), IbkrClient.Options.defaults()
                .withVerifyTls(verifyTls).withSleeper(new RecordingSleeper()).withRetryPolicy(RetryPolicy.NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void selfSignedGatewayOnLoopback_isAccepted_whenVerificationIsOff(String host) {
        IbkrClient client = client("https://" + host + ":" + wm.httpsPort() + "/v1/api", false);

        assertThat(client.tickle().session()).isEqualTo("bb665d0f55b6289d70bc7380089fc96f");
    }

    @Test
    void selfSignedGateway_isRefused_whenVerificationIsOn() {
        IbkrClient client = client("https://localhost:" + wm.httpsPort() + "/v1/api", true);

        assertThatThrownBy(client::tickle).isInstanceOfSatisfying(IbkrException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.CONNECT);
            assertThat(e.getMessage()).contains("TLS");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com:5000/v1/api", "https://10.0.0.5:5000/v1/api",
            "https://localhost.example.com:5000/v1/api", "https://127.0.0.1.nip.io:5000/v1/api"})
    void verificationOff_onANonLoopbackHost_isRefusedAtConstruction(String url) {
        assertThatThrownBy(() -> client(url, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verify_tls = false is allowed only for a gateway on a loopback address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost:5000/v1/api", "https://127.0.0.1:5000/v1/api",
            "https://127.1.2.3:5000/v1/api", "https://[::1]:5000/v1/api"})
    void verificationOff_onLoopback_isAllowed(String url) {
        assertThatCode(() -> client(url, false)).doesNotThrowAnyException();
    }

    @Test
    void verificationOn_isAllowedAnywhere() {
        assertThatCode(() -> client("https://gateway.example.com:5000/v1/api", true)).doesNotThrowAnyException();
    }
}
