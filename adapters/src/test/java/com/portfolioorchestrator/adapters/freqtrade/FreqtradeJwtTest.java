package com.portfolioorchestrator.adapters.freqtrade;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.testing.Fixtures;
import com.portfolioorchestrator.adapters.testing.RecordingSleeper;
import com.portfolioorchestrator.adapters.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWT login, refresh at 14 minutes (fake clock), re-login after a failed refresh or a 401. */
class FreqtradeJwtTest {
    static final String LOGIN = "/api/v1/token/login";
    static final String REFRESH = "/api/v1/token/refresh";
    static final String BASIC = Credentials.basic("freqtrader", "s3-password");
    static final OkHttpClient SHARED = HttpClients.newShared();
    static WireMockServer wm;
    static String access;
    static String refresh;
    static String refreshedAccess;

    TestClock clock;
    FreqtradeClient client;

    @BeforeAll
    static void start() throws Exception {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ObjectMapper mapper = new ObjectMapper();
        access = mapper.readTree(Fixtures.read("freqtrade/token_login.json")).get("access_token").asText();
        refresh = mapper.readTree(Fixtures.read("freqtrade/token_login.json")).get("refresh_token").asText();
        refreshedAccess = mapper.readTree(Fixtures.read("freqtrade/token_refresh.json")).get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        clock = new TestClock(Instant.parse("2024-11-14T09:41:27Z"));
        client = new FreqtradeClient(wm.baseUrl(), FreqtradeAuth.jwt("freqtrader", "s3-password"), SHARED, clock,
                FreqtradeClient.Options.defaults().withSleeper(new RecordingSleeper()));
        wm.stubFor(post(urlPathEqualTo(LOGIN)).withHeader("Authorization", equalTo(BASIC))
                .willReturn(okJson(Fixtures.read("freqtrade/token_login.json"))));
        wm.stubFor(post(urlPathEqualTo(REFRESH)).withHeader("Authorization", equalTo("Bearer " + refresh))
                .willReturn(okJson(Fixtures.read("freqtrade/token_refresh.json"))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).withHeader("Authorization", equalTo("Bearer " + access))
                .willReturn(okJson(Fixtures.read("freqtrade/count.json"))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).withHeader("Authorization", equalTo("Bearer " + refreshedAccess))
                .willReturn(okJson(Fixtures.read("freqtrade/count.json"))));
    }

    @Test
    void firstCall_logsInWithBasic_thenUsesBearer() {
        client.getCount();
        client.getCount();

        wm.verify(1, postRequestedFor(urlPathEqualTo(LOGIN)));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/count")).withHeader("Authorization", equalTo("Bearer " + access)));
    }

    @Test
    void accessToken_isRefreshedAt14Minutes_notBefore() {
        client.getCount();

        clock.advance(Duration.ofMinutes(14).minusSeconds(1));
        client.getCount();
        wm.verify(0, postRequestedFor(urlPathEqualTo(REFRESH)));

        clock.advance(Duration.ofSeconds(1));
        client.getCount();
        wm.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/count"))
                .withHeader("Authorization", equalTo("Bearer " + refreshedAccess)));

        clock.advance(Duration.ofMinutes(13));
        client.getCount();
        wm.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        wm.verify(1, postRequestedFor(urlPathEqualTo(LOGIN)));
    }

    @Test
    void failedRefresh_logsInAgain() {
        wm.stubFor(post(urlPathEqualTo(REFRESH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Could not validate credentials\"}")));
        client.getCount();

        clock.advance(Duration.ofMinutes(15));
        assertThat(client.getCount().current()).isEqualTo(2);

        wm.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        wm.verify(2, postRequestedFor(urlPathEqualTo(LOGIN)));
    }

    @Test
    void unauthorizedCall_reAuthenticatesOnce_andSucceeds() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"stale\",\"refresh_token\":\"r\"}")).willSetStateTo("second"));
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs("second")
                .willReturn(okJson(Fixtures.read("freqtrade/token_login.json"))));
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).withHeader("Authorization", equalTo("Bearer stale"))
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer")
                        .withBody("{\"detail\":\"Could not validate credentials\"}")));

        assertThat(client.getCount().max()).isEqualTo(3);

        wm.verify(2, postRequestedFor(urlPathEqualTo(LOGIN)));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/count")));
    }

    @Test
    void unauthorizedAgainAfterReLogin_failsUnauthorized() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/count")).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Could not validate credentials\"}")));

        assertThatThrownBy(client::getCount).isInstanceOfSatisfying(FreqtradeException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(e.botMessage()).isEqualTo("Could not validate credentials");
        });
        wm.verify(2, postRequestedFor(urlPathEqualTo(LOGIN)));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/count")));
    }

    @Test
    void rejectedLogin_isUnauthorized_naming_the_login_endpoint() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Incorrect username or password\"}")));

        assertThatThrownBy(client::getCount).isInstanceOfSatisfying(FreqtradeException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(e.endpoint()).isEqualTo("POST " + LOGIN);
            assertThat(e.botMessage()).isEqualTo("Incorrect username or password");
        });
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/count")));
    }
}
