package com.portfolioorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    private static final SchemaValidator REQUEST = SchemaValidator.load("decision-request.schema.json");
    private static final String VALID = """
            {"request_id": "r-1", "bot_id": "S1", "pair": "BTC/USDT:USDT", "side": "long",
             "stake_amount": 500, "leverage": 2, "entry_price": 90000, "stop_price": 88000,
             "spread_bps": 3, "expected_slippage_bps": 4}""";

    private static List<Problem.FieldError> errors(String json) {
        return REQUEST.validate(JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void validRequest_hasNoErrors() {
        assertThat(errors(VALID)).isEmpty();
    }

    @Test
    void missingRequiredFields_areNamed() {
        assertThat(errors("{\"request_id\": \"r\", \"bot_id\": \"S1\"}")).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("pair", "side", "stake_amount", "entry_price");
    }

    @Test
    void unknownField_isRejected_byName() {
        assertThat(errors(VALID.replace("\"side\"", "\"sidee\": 1, \"side\"")))
                .containsExactly(new Problem.FieldError("sidee", "is not a field of this request (unknown fields are rejected)"));
    }

    @Test
    void wrongTypeAndOutOfRange_nameTheFieldAndTheValue() {
        List<Problem.FieldError> e = errors(VALID.replace("\"stake_amount\": 500", "\"stake_amount\": -5")
                .replace("\"leverage\": 2", "\"leverage\": \"2\""));
        assertThat(e).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("stake_amount", "leverage");
        assertThat(e).anySatisfy(x -> assertThat(x.message()).endsWith("was -5"));
        assertThat(e).anySatisfy(x -> assertThat(x.message()).endsWith("was '2'"));
    }

    @Test
    void hugeNumber_isOutOfRange_notInfinity() {
        assertThat(errors(VALID.replace("\"entry_price\": 90000", "\"entry_price\": 1e400")))
                .singleElement().satisfies(x -> {
                    assertThat(x.field()).isEqualTo("entry_price");
                    assertThat(x.message()).contains("1E+400");
                });
    }

    @Test
    void attemptAboveOne_requiresRetryOf() {
        assertThat(errors(VALID.replace("\"side\"", "\"attempt\": 2, \"side\""))).extracting(Problem.FieldError::field)
                .containsExactly("retry_of");
        assertThat(errors(VALID.replace("\"side\"", "\"attempt\": 2, \"retry_of\": \"d-1\", \"side\""))).isEmpty();
    }

    @Test
    void requestIdLongerThan64_isRejected() {
        assertThat(errors(VALID.replace("\"r-1\"", "\"" + "x".repeat(65) + "\""))).extracting(Problem.FieldError::field)
                .containsExactly("request_id");
    }

    @Test
    void malformedJson_nanLiterals_duplicateKeys_trailingTokens_andDeepNesting_are400() {
        for (String body : List.of("{\"a\":", "{\"stake_amount\": NaN}", "{\"a\":1,\"a\":2}", "{} {}",
                "[".repeat(100) + "]".repeat(100), "")) {
            assertThatThrownBy(() -> JsonBodies.parse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        }
    }
}
