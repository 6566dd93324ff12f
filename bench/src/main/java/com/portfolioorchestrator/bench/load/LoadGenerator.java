package com.portfolioorchestrator.bench.load;

import java.io.BufferedInputStream;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending its next request as soon as the last
 * answer is read, recording every service time with {@link System#nanoTime()}. Unlike wrk it adds no
 * coordinated-omission correction, so its percentiles are what each request took. Bodies may contain {@code ${n}},
 * replaced by a per-request sequence number (unique request ids for the decision endpoint).
 */
public final class LoadGenerator {
    /** What one run measured. Latencies in microseconds. */
    public record Result(String label, int connections, long requests, long errors, double seconds,
                         double requestsPerSecond, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d |", label, connections,
                    requestsPerSecond, p50Us, p90Us, p99Us, p999Us, maxUs, errors);
        }
    }

    /** A request template: method, path, headers and a body with an optional {@code ${n}} placeholder. */
    public record Target(String host, int port, String method, String path, List<String> headers, String body) {
        byte[] bytes(long n) {
            byte[] b = body == null ? new byte[0] : body.replace("${n}", Long.toString(n)).getBytes(StandardCharsets.UTF_8);
            StringBuilder s = new StringBuilder();
            s.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
            for (String h : headers) {
                s.append(h).append("\r\n");
            }
            if (body != null) {
                s.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
            }
            s.append("\r\n");
            byte[] head = s.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(head, head.length + b.length);
            System.arraycopy(b, 0, out, head.length, b.length);
            return out;
        }
    }

    private LoadGenerator() {}

    /**
     * Runs warm-up then measurement. A request counts as an error when the connection fails or the status is not
     * {@code expectedStatus}.
     */
    public static Result run(String label, Target target, int connections, double warmupSeconds, double seconds,
                             int expectedStatus) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        runPhase(target, connections, warmupSeconds, expectedStatus, sequence, null);
        List<long[]> samples = new ArrayList<>();
        long[] counts = runPhase(target, connections, seconds, expectedStatus, sequence, samples);
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
        return new Result(label, connections, all.length, counts[1], seconds, all.length / seconds,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1000.0;
    }

    private static long[] runPhase(Target target, int connections, double seconds, int expectedStatus,
                                   AtomicLong sequence, List<long[]> samplesOut) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        List<long[]> perThread = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            perThread.add(null);
        }
        for (int c = 0; c < connections; c++) {
            int index = c;
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
                            byte[] request = target.bytes(sequence.incrementAndGet());
                            long start = System.nanoTime();
                            OutputStream out = socket.getOutputStream();
                            out.write(request);
                            out.flush();
                            int status = readResponse(in);
                            long took = System.nanoTime() - start;
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, lat.length * 2);
                            }
                            lat[n++] = took;
                            if (status == expectedStatus) {
                                ok.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            closeQuietly(socket);
                            socket = null;
                        }
                    }
                } finally {
                    closeQuietly(socket);
                    synchronized (perThread) {
                        perThread.set(index, Arrays.copyOf(lat, n));
                    }
                    done.countDown();
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (samplesOut != null) {
            samplesOut.addAll(perThread);
        }
        return new long[] {ok.get(), errors.get()};
    }

    /** Reads one response (Content-Length or chunked) and returns its status. */
    static int readResponse(InputStream in) throws IOException {
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
        if (chunked) {
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    throw new IOException("connection closed in a chunk");
                }
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                skip(in, n);
                readLine(in);
                if (n == 0) {
                    break;
                }
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("connection closed in a body");
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
    public static Target target(String baseUrl, String method, String path, List<String> headers, String body) {
        URI u = URI.create(baseUrl);
        return new Target(u.getHost(), u.getPort(), method, path, headers, body);
    }
}
