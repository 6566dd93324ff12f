package com.portfolioorchestrator.adapters.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.testing.Fixtures;
import com.portfolioorchestrator.adapters.testing.RecordingSleeper;
import com.portfolioorchestrator.adapters.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelegramClientTest {
    static final String TOKEN = "7000000001:AAHfakeTokenForTests_0123456789";
    static final String PATH = "/bot" + TOKEN + "/sendMessage";
    static final OkHttpClient SHARED = HttpClients.newShared();
    static WireMockServer wm;

    RecordingSleeper sleeper;
    TelegramClient client;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        sleeper = new RecordingSleeper();
        client = new TelegramClient(TOKEN, SHARED, new TestClock(Instant.parse("2025-11-24T16:00:00Z")),
                TelegramClient.Options.defaults().withApiUrl(wm.baseUrl()).withSleeper(sleeper));
    }

    @Test
    void sendMessage_postsChatIdAndText_andReadsTheMessage() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(Fixtures.read("telegram/tg_sendmessage_ok.json"))));

        SentMessage sent = client.sendMessage(new SendMessage("-1001234567890", "<b>NAV</b> ok", Optional.of("HTML"), true));

        assertThat(sent.messageId()).isEqualTo(4711L);
        assertThat(sent.chatId()).isEqualTo(-1001234567890L);
        assertThat(sent.date()).isEqualTo(Instant.ofEpochSecond(1764000000L));
        wm.verify(postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"chat_id\": -1001234567890, \"text\": \"<b>NAV</b> ok\", \"parse_mode\": \"HTML\","
                        + " \"disable_notification\": true}")));
    }

    @Test
    void tooManyRequests_waitsRetryAfter_thenSends() {
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("flood").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody(Fixtures.read("telegram/tg_sendmessage_429.json")))
                .willSetStateTo("calm"));
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("flood").whenScenarioStateIs("calm")
                .willReturn(okJson(Fixtures.read("telegram/tg_sendmessage_ok.json"))));

        assertThat(client.sendMessage("-1001234567890", "hello").messageId()).isEqualTo(4711L);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        wm.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"400, tg_sendmessage_400_parse.json, CLIENT", "401, tg_sendmessage_401.json, UNAUTHORIZED",
            "403, tg_sendmessage_403.json, FORBIDDEN"})
    void clientErrors_areClassified_notRetried_andHideTheToken(int status, String fixture, FailureKind kind) {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withBody(Fixtures.read("telegram/" + fixture))));

        assertThatThrownBy(() -> client.sendMessage("-1001234567890", "hello"))
                .isInstanceOfSatisfying(TelegramException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).doesNotContain(TOKEN).contains("/bot***/sendMessage");
                });
        wm.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void badArguments_areRejected() {
        assertThatThrownBy(() -> client.sendMessage("not a chat", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.sendMessage("1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.sendMessage("1", "x".repeat(4097))).hasMessageContaining("had 4097");
        assertThatThrownBy(() -> new TelegramClient("nonsense", SHARED, new TestClock(Instant.EPOCH),
                TelegramClient.Options.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("nonsense");
        assertThat(client.toString()).doesNotContain(TOKEN);
    }
}
