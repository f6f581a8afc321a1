package org.agenthooks.bench;

import java.nio.charset.StandardCharsets;

/** The benchmark's event bodies: 1 KB of {@code data} carrying a {@code "seq"} number, and how to read it back. */
final class Payloads {
    static final int DATA_BYTES = 1024;
    private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private Payloads() {}

    /** {@code data} of exactly 1,024 bytes (for seq numbers below 10^12) with a few call-like fields. */
    static String data(long seq) {
        String head = "{\"seq\":" + seq + ",\"channel\":\"voice\",\"language\":\"en-US\",\"caller\":\"+15550100123\","
                + "\"durationSeconds\":312,\"outcome\":\"resolved\",\"transcript\":\"";
        String tail = "\"}";
        int padding = DATA_BYTES - head.length() - tail.length();
        return head
                + "Customer asked about the order status and the agent answered. "
                        .repeat(20)
                        .substring(0, padding)
                + tail;
    }

    /** What a client posts to {@code POST /v1/events}. */
    static byte[] event(String agentId, long seq) {
        return ("{\"type\":\"conversation_started\",\"agentId\":\"" + agentId + "\",\"conversationId\":\"conv-" + seq
                        + "\",\"data\":" + data(seq) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What the service would deliver for such an event: the payload the ceiling loop sends to the receiver. */
    static byte[] delivered(String eventId, String agentId, long seq) {
        return ("{\"id\":\"" + eventId + "\",\"type\":\"conversation_started\","
                        + "\"timestamp\":\"2026-01-01T00:00:00.000000Z\","
                        + "\"workspaceId\":\"org_0123456789abcdef\",\"agentId\":\"" + agentId
                        + "\",\"conversationId\":\"conv-"
                        + seq + "\",\"data\":" + data(seq) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The number after the first {@code "seq":} in a body, or -1. */
    static long seq(byte[] body) {
        outer:
        for (int i = 0; i <= body.length - SEQ_KEY.length; i++) {
            for (int j = 0; j < SEQ_KEY.length; j++) {
                if (body[i + j] != SEQ_KEY[j]) {
                    continue outer;
                }
            }
            int at = i + SEQ_KEY.length;
            while (at < body.length && body[at] == ' ') {
                at++;
            }
            long value = 0;
            int digits = 0;
            while (at < body.length && body[at] >= '0' && body[at] <= '9' && digits < 18) {
                value = value * 10 + (body[at++] - '0');
                digits++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }
}
