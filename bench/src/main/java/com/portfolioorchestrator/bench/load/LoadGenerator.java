package com.portfolioorchestrator.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending its next request as soon as the last
 * answer is read, recording every service time with {@link System#nanoTime()}. Unlike wrk it adds no
 * coordinated-omission correction, so its percentiles are what each request took. Bodies may contain {@code ${n}},
 * replaced by a per-request sequence number, {@code ${uuid7}}, replaced by a new UUIDv7 (time-ordered: what the
 * Freqtrade mixin sends as {@code request_id}), or {@code ${uuid4}}, a new random UUID.
 *
 * <p>A {@link Scenario} may give each connection its own target (one bot token per connection), check each answer's
 * body (an "allowed" decision that came back denied is an error, not a fast request), and send an unmeasured follow-up
 * request built from the answer on the same connection (cancel the reservation an allowed decision made).
 */
public final class LoadGenerator {
    /**
     * What one run measured. Latencies in microseconds; {@code errors} counts failed, unexpected or refused answers,
     * {@code firstError} describes the first of them ("" when none).
     */
    public record Result(String label, int connections, long requests, long errors, double seconds,
                         double requestsPerSecond, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs,
                         String firstError) {
        /**
         * The same requests and latencies over the cell's time plus {@code drainSeconds} (the audit log still writing
         * the cell's records after its last answer): the rate the server can keep up, not a burst into its queue.
         */
        public Result sustained(double drainSeconds) {
            double total = seconds + drainSeconds;
            return new Result(label, connections, requests, errors, total, requests / total, p50Us, p90Us, p99Us, p999Us,
                    maxUs, firstError);
        }

        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d |", label, connections,
                    requestsPerSecond, p50Us, p90Us, p99Us, p999Us, maxUs, errors);
        }
    }

    /**
     * A request template: method, path, headers and a body with optional {@code ${n}}, {@code ${uuid7}} and
     * {@code ${uuid4}} placeholders.
     */
    public record Target(String host, int port, String method, String path, List<String> headers, Optional<String> body) {
        public Target {
            headers = List.copyOf(headers);
        }

        byte[] bytes(long n) {
            byte[] b = body.map(s -> fill(s, n).getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            StringBuilder s = new StringBuilder();
            s.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
            for (String h : headers) {
                s.append(h).append("\r\n");
            }
            if (body.isPresent()) {
                s.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                // the server refuses a POST without Content-Length as a body without a content type (415)
                s.append("Content-Length: 0\r\n");
            }
            s.append("\r\n");
            byte[] head = s.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(head, head.length + b.length);
            System.arraycopy(b, 0, out, head.length, b.length);
            return out;
        }

        /** The same host, port and headers with another method, path and body. */
        public Target with(String method, String path, Optional<String> body) {
            return new Target(host, port, method, path, headers, body);
        }
    }

    /**
     * What one measurement sends. Connection {@code c} uses {@code targets.get(c % targets.size())}. An answer counts
     * as an error unless its status is {@code expectedStatus} and {@code expectBody} accepts its body. {@code followUp}
     * (given the connection's target and the answer's body) may turn an accepted answer into a request sent at once on
     * the same connection, not measured (its failure counts as an error).
     */
    public record Scenario(String label, List<Target> targets, int expectedStatus, Predicate<String> expectBody,
                           BiFunction<Target, String, Optional<Target>> followUp) {
        public Scenario {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a scenario needs at least one target");
            }
        }

        /** Every connection sends {@code target}; any body with {@code expectedStatus} is fine; no follow-up. */
        public static Scenario of(String label, Target target, int expectedStatus) {
            return new Scenario(label, List.of(target), expectedStatus, body -> true, (t, body) -> Optional.empty());
        }
    }

    private record Response(int status, String body) {}

    private LoadGenerator() {}

    /** As {@link #run(Scenario, int, double, double)} for one target and any body. */
    public static Result run(String label, Target target, int connections, double warmupSeconds, double seconds,
                             int expectedStatus) throws InterruptedException {
        return run(Scenario.of(label, target, expectedStatus), connections, warmupSeconds, seconds);
    }

    /** Runs warm-up (not recorded) then the measurement. */
    public static Result run(Scenario scenario, int connections, double warmupSeconds, double seconds) throws InterruptedException {
        if (warmupSeconds > 0) {
            runPhase(scenario, connections, warmupSeconds, null, new AtomicReference<>(""));
        }
        List<long[]> samples = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>("");
        long[] counts = runPhase(scenario, connections, seconds, samples, firstError);
        long total = 0;
        for (long[] s : samples) {
            total += s.length;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] s : samples) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        Arrays.sort(all);
        return new Result(scenario.label(), connections, all.length, counts[1], seconds, all.length / seconds,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1000.0,
                firstError.get());
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1000.0;
    }

    static String fill(String template, long n) {
        String s = template.replace("${n}", Long.toString(n));
        if (s.contains("${uuid7}")) {
            s = s.replace("${uuid7}", uuid7(System.currentTimeMillis()).toString());
        }
        if (s.contains("${uuid4}")) {
            s = s.replace("${uuid4}", UUID.randomUUID().toString());
        }
        return s;
    }

    /** A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version 7, 74 random bits; the mixin's new_request_id(). */
    public static UUID uuid7(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | random.nextInt(1 << 12);
        long low = Long.MIN_VALUE | random.nextLong() >>> 2; // variant bits 10
        return new UUID(high, low);
    }

    /**
     * The {@code ${n}} of every request of this JVM: unique over connections, warm-ups and measurements, so that a
     * second measurement never resends the request ids of the first (the server would answer them as replays).
     */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static long[] runPhase(Scenario scenario, int connections, double seconds, List<long[]> samplesOut,
                                   AtomicReference<String> firstError) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long[][] perThread = new long[connections][];
        for (int c = 0; c < connections; c++) {
            int index = c;
            Target target = scenario.targets().get(c % scenario.targets().size());
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                Socket socket = null;
                InputStream in = null;
                try {
                    while (System.nanoTime() < deadline) {
                        try {
                            if (socket == null) {
                                socket = new Socket();
                                socket.setTcpNoDelay(true);
                                socket.connect(new InetSocketAddress(target.host(), target.port()), 2000);
                                socket.setSoTimeout(10_000);
                                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                            }
                            byte[] request = target.bytes(SEQUENCE.incrementAndGet());
                            OutputStream out = socket.getOutputStream();
                            long start = System.nanoTime();
                            out.write(request);
                            out.flush();
                            Response response = readResponse(in, true);
                            long took = System.nanoTime() - start;
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, lat.length * 2);
                            }
                            lat[n++] = took;
                            if (response.status() != scenario.expectedStatus() || !scenario.expectBody().test(response.body())) {
                                errors.incrementAndGet();
                                firstError.compareAndSet("", response.status() + " " + response.body());
                                continue;
                            }
                            ok.incrementAndGet();
                            Optional<Target> next = scenario.followUp().apply(target, response.body());
                            if (next.isPresent()) {
                                out.write(next.get().bytes(0));
                                out.flush();
                                Response second = readResponse(in, true);
                                if (second.status() != 200) {
                                    errors.incrementAndGet();
                                    firstError.compareAndSet("", "follow-up: " + second.status() + " " + second.body());
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet("", e.toString());
                            closeQuietly(socket);
                            socket = null;
                        }
                    }
                } finally {
                    closeQuietly(socket);
                    perThread[index] = Arrays.copyOf(lat, n);
                    done.countDown();
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (samplesOut != null) {
            samplesOut.addAll(Arrays.asList(perThread));
        }
        return new long[] {ok.get(), errors.get()};
    }

    /** Reads one response (Content-Length or chunked): its status and, when asked, its body (UTF-8). */
    static Response readResponse(InputStream in, boolean keepBody) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null || statusLine.length() < 12) {
            throw new IOException("connection closed");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream(1024) : null;
        if (chunked) {
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    throw new IOException("connection closed in a chunk");
                }
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                copy(in, n, body);
                readLine(in);
                if (n == 0) {
                    break;
                }
            }
        } else if (length > 0) {
            copy(in, length, body);
        }
        return new Response(status, body == null ? "" : body.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, long n, ByteArrayOutputStream sink) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("connection closed in a body");
            }
            if (sink != null) {
                sink.write(buf, 0, r);
            }
            left -= r;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = s.length();
                if (len > 0 && s.charAt(len - 1) == '\r') {
                    s.setLength(len - 1);
                }
                return s.toString();
            }
            s.append((char) c);
        }
        return s.length() == 0 ? null : s.toString();
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }

    /** Parses {@code http://host:port}. */
    public static Target target(String baseUrl, String method, String path, List<String> headers, Optional<String> body) {
        URI u = URI.create(baseUrl);
        return new Target(u.getHost(), u.getPort(), method, path, headers, body);
    }
}
