package com.portfolioorchestrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.api.DecisionMapping;
import com.portfolioorchestrator.api.JsonBodies;
import com.portfolioorchestrator.api.Routes;
import com.portfolioorchestrator.api.SchemaValidator;
import com.portfolioorchestrator.core.engine.Decision;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ApiPathBenchmark {
    private static final SchemaValidator SCHEMA = SchemaValidator.load("decision-request.schema.json");
    private byte[] body;
    private JsonNode tree;
    private Decision decision;

    @Setup
    public void setUp() {
        body = ("{\"request_id\":\"abc-n123\",\"bot_id\":\"S1\",\"pair\":\"AVAX/USDT:USDT\",\"side\":\"long\","
                + "\"stake_amount\":1000,\"leverage\":2,\"entry_price\":100,\"stop_price\":99,\"min_stake\":5,"
                + "\"order_type\":\"limit\",\"spread_bps\":2,\"expected_slippage_bps\":3,\"funding_rate\":0.0001,"
                + "\"edge_score\":0.003,\"grade\":\"A\"}").getBytes(StandardCharsets.UTF_8);
        tree = JsonBodies.parse(body);
        DecisionEngineBenchmark e = new DecisionEngineBenchmark();
        e.setUp();
        decision = e.allowPath();
    }

    @Benchmark public JsonNode parse() { return JsonBodies.parse(body); }
    @Benchmark public Object validate() { return SCHEMA.validate(tree); }
    @Benchmark public Object toRequest() { return DecisionMapping.toRequest(tree); }
    @Benchmark public String canonical() { return Routes.canonical(tree); }
    @Benchmark public String bodyToString() { return tree.toString(); }
    @Benchmark public byte[] render() { return com.portfolioorchestrator.api.DecisionMapping.renderResponse(decision, 1.5); }
}
