package dev.docent.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A legacy system with nothing but a socket: STOMP 1.2 frames written by hand, as a shell script or a mainframe
 * job would. Every SEND asks for a receipt, so a returned send is a message the broker has stored.
 */
public final class StompClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int receipts;

    private StompClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    public static StompClient connect() {
        try {
            StompClient client = new StompClient(new Socket(Broker.host(), Broker.stompPort()));
            client.write("CONNECT", Map.of("accept-version", "1.2", "host", Broker.host(), "login", Broker.user(),
                    "passcode", Broker.password(), "heart-beat", "0,0"), null, false);
            client.expect("CONNECTED");
            return client;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A persistent SEND to docent.ingest. With {@code contentLength} the broker delivers a BytesMessage, without it a
     * TextMessage; custom headers become message properties.
     */
    public void send(String body, Map<String, String> headers, boolean contentLength) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("destination", Broker.INGEST);
        all.put("destination-type", "ANYCAST");
        all.put("persistent", "true");
        all.putAll(headers);
        String receipt = "r-" + (++receipts);
        all.put("receipt", receipt);
        try {
            write("SEND", all, body, contentLength);
            String frame = expect("RECEIPT");
            if (!frame.contains("receipt-id:" + receipt)) {
                throw new IllegalStateException("unexpected receipt: " + frame);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String command, Map<String, String> headers, String body, boolean contentLength)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder frame = new StringBuilder(command).append('\n');
        // STOMP 1.2 escapes header values in every frame but CONNECT and CONNECTED.
        boolean escaped = !command.equals("CONNECT");
        headers.forEach((name, value) -> frame.append(escaped ? escape(name) : name).append(':')
                .append(escaped ? escape(value) : value).append('\n'));
        if (contentLength) {
            frame.append("content-length:").append(bytes.length).append('\n');
        }
        frame.append('\n');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.write(0);
        out.flush();
    }

    private String expect(String command) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != 0) {
            frame.write(c);
        }
        String text = frame.toString(StandardCharsets.UTF_8).stripLeading();
        if (!text.startsWith(command + "\n")) {
            throw new IllegalStateException("expected " + command + " but the broker said: " + text);
        }
        return text;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\c").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void close() {
        try {
            write("DISCONNECT", Map.of(), null, false);
            socket.close();
        } catch (IOException ignored) {
            // the broker may already have closed it
        }
    }
}
