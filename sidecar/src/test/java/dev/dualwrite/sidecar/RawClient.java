package dev.dualwrite.sidecar;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small PostgreSQL protocol client on a blocking socket, for what no real client will do: send
 * malformed frames, stop in the middle of a message, look at the first authentication request. It speaks only trust
 * authentication.
 */
final class RawClient implements AutoCloseable {
    static final int PROTOCOL_3 = 196608;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;

    /** One backend message: its type byte and its body (without type and length). */
    record Message(char type, byte[] body) {
        /** The fields of an ErrorResponse or NoticeResponse, by their one-letter codes. */
        Map<Character, String> fields() {
            Map<Character, String> f = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) {
                    end++;
                }
                f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return f;
        }

        String sqlState() {
            return fields().get('C');
        }

        String text() {
            return type == 'E' || type == 'N' ? type + fields().toString() : String.valueOf(type);
        }

        int authCode() {
            return ByteBuffer.wrap(body).getInt();
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** How long a read waits before the test fails for a missing answer. */
    RawClient timeout(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        return this;
    }

    static RawClient to(SidecarServer sidecar) throws IOException {
        return new RawClient(sidecar.listenAddress());
    }

    /** A StartupMessage body with the given parameters, framed with its length. */
    static byte[] startupMessage(int protocol, Map<String, String> params) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : params.entrySet()) {
            cstring(body, e.getKey());
            cstring(body, e.getValue());
        }
        body.write(0);
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(8 + b.length).putInt(8 + b.length).putInt(protocol).put(b).array();
    }

    static byte[] startupMessage(String user, String database, String applicationName) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", user);
        p.put("database", database);
        p.put("application_name", applicationName);
        return startupMessage(PROTOCOL_3, p);
    }

    /** A typed frontend message. */
    static byte[] message(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    static byte[] query(String sql) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, sql);
        return message('Q', b.toByteArray());
    }

    static byte[] parse(String name, String sql) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, name);
        cstring(b, sql);
        b.write(0);
        b.write(0);
        return message('P', b.toByteArray());
    }

    /** A Bind of text values (null for SQL NULL) to the unnamed portal, results in text. */
    static byte[] bind(String statement, String... values) {
        return bindPortal("", statement, values);
    }

    /** A Bind of text values (null for SQL NULL) to {@code portal}, results in text. */
    static byte[] bindPortal(String portal, String statement, String... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, portal);
        cstring(b, statement);
        b.write(0);
        b.write(0);
        b.write(values.length >> 8);
        b.write(values.length);
        for (String v : values) {
            if (v == null) {
                b.writeBytes(new byte[] {-1, -1, -1, -1});
            } else {
                byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                b.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                b.writeBytes(bytes);
            }
        }
        b.write(0);
        b.write(0);
        return message('B', b.toByteArray());
    }

    /** Execute of the unnamed portal, all rows. */
    static byte[] execute() {
        return message('E', new byte[] {0, 0, 0, 0, 0});
    }

    /** Execute of {@code portal}, all rows. */
    static byte[] execute(String portal) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, portal);
        b.writeBytes(new byte[] {0, 0, 0, 0});
        return message('E', b.toByteArray());
    }

    /** Close of a statement ({@code 'S'}) or a portal ({@code 'P'}). */
    static byte[] close(char what, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(what);
        cstring(b, name);
        return message('C', b.toByteArray());
    }

    static byte[] sync() {
        return message('S', new byte[0]);
    }

    static void cstring(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes, 0, bytes.length);
        b.write(0);
    }

    /** Sends the chunks in one write. */
    void send(byte[]... chunks) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            all.write(c, 0, c.length);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Starts a trust session and reads up to ReadyForQuery; returns every message received. */
    List<Message> startup(String user, String database, String applicationName) throws IOException {
        send(startupMessage(user, database, applicationName));
        return readUntilReady();
    }

    /** Reads the one-byte answer to SSLRequest or GSSENCRequest. */
    int readByte() throws IOException {
        return in.read();
    }

    /** The next message, or null at end of stream. */
    Message read() throws IOException {
        int type;
        try {
            type = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no message from the sidecar within the socket timeout", e);
        }
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 4 || length > 64 * 1024 * 1024) {
            throw new IOException("implausible message length " + length + " for type " + (char) type);
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message((char) type, body);
    }

    /** Messages up to and including ReadyForQuery, or up to the end of the stream. */
    List<Message> readUntilReady() throws IOException {
        List<Message> all = new ArrayList<>();
        while (true) {
            Message m;
            try {
                m = read();
            } catch (EOFException e) {
                return all;
            }
            if (m == null) {
                return all;
            }
            all.add(m);
            if (m.type() == 'Z') {
                return all;
            }
        }
    }

    List<Message> simpleQuery(String sql) throws IOException {
        send(query(sql));
        return readUntilReady();
    }

    /** Everything the peer sends until it closes the connection (failing if it does not within the timeout). */
    List<Message> readToEnd(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        List<Message> all = new ArrayList<>();
        try {
            while (true) {
                Message m = read();
                if (m == null) {
                    return all;
                }
                all.add(m);
            }
        } catch (EOFException | SocketException e) {
            return all;
        }
    }

    /** The value of the first DataRow's first column in a list of messages. */
    static String firstValue(List<Message> messages) {
        for (Message m : messages) {
            if (m.type() == 'D') {
                ByteBuffer b = ByteBuffer.wrap(m.body());
                b.getShort();
                int len = b.getInt();
                if (len < 0) {
                    return null;
                }
                byte[] v = new byte[len];
                b.get(v);
                return new String(v, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static Message first(List<Message> messages, char type) {
        for (Message m : messages) {
            if (m.type() == type) {
                return m;
            }
        }
        return null;
    }

    static String describe(List<Message> messages) {
        StringBuilder b = new StringBuilder();
        for (Message m : messages) {
            b.append(m.text()).append(' ');
        }
        return b.toString().trim();
    }

    InputStream input() {
        return in;
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
