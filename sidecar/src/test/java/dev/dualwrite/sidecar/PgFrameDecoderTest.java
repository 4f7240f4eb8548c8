package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Framing: what arrives in one read leaves as one run of whole messages, a message split across reads waits for its
 * end, and a length the protocol forbids ends the connection; {@link PassThrough} turns the unchanged messages of a
 * run into slices that keep the order of arrival.
 */
class PgFrameDecoderTest {

    private static byte[] message(char type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf m = Unpooled.buffer().writeByte(type).writeInt(4 + b.length).writeBytes(b);
        byte[] out = new byte[m.readableBytes()];
        m.readBytes(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.buffer();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    private static String text(ByteBuf b) {
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theWholeMessagesOfOneReadLeaveAsOneRunAndASplitMessageWaitsForItsEnd() {
        EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(true, 1 << 20));
        byte[] a = message('Q', "one\0");
        byte[] b = message('S', "");
        byte[] c = message('Q', "three\0");
        byte[] first = concat(a, b, Arrays.copyOf(c, 3));
        ch.writeInbound(Unpooled.wrappedBuffer(first));
        ByteBuf run = ch.readInbound();
        assertEquals(text(Unpooled.wrappedBuffer(concat(a, b))), text(run));
        assertEquals(a.length, PgFrameDecoder.messageLength(run, run.readerIndex()));
        assertEquals(b.length, PgFrameDecoder.messageLength(run, run.readerIndex() + a.length));
        run.release();
        assertNull(ch.readInbound(), "a message is passed on only once it is whole");
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(c, 3, c.length)));
        ByteBuf rest = ch.readInbound();
        assertEquals(text(Unpooled.wrappedBuffer(c)), text(rest));
        rest.release();
        assertFalse(ch.finish());
    }

    @Test
    void beforeStartUpOneUntypedMessageLeavesAlone() {
        PgFrameDecoder decoder = new PgFrameDecoder(false, 1 << 20);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ByteBuf sslRequest = Unpooled.buffer().writeInt(8).writeInt(Pg.SSL_REQUEST);
        ByteBuf startup = Unpooled.buffer().writeInt(9).writeInt(Pg.PROTOCOL_3).writeByte(0);
        ch.writeInbound(Unpooled.wrappedBuffer(sslRequest, startup));
        StartupPacket first = ch.readInbound();
        assertEquals(8, first.content().readableBytes());
        assertEquals(Pg.SSL_REQUEST, first.code());
        first.release();
        StartupPacket second = ch.readInbound();
        assertEquals(9, second.content().readableBytes());
        assertEquals(Pg.PROTOCOL_3, second.code());
        second.release();
        ch.writeInbound(Unpooled.buffer().writeInt(6).writeShort(0));
        StartupPacket tooShort = ch.readInbound();
        assertEquals(StartupPacket.NO_CODE, tooShort.code(), "a packet too short for a code has none");
        tooShort.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aLengthBelowFourOrOverTheLimitIsRefused() {
        EmbeddedChannel tooSmall = new EmbeddedChannel(new PgFrameDecoder(true, 1 << 20));
        assertThrows(CorruptedFrameException.class,
                () -> tooSmall.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(3)));
        tooSmall.finishAndReleaseAll();
        EmbeddedChannel tooBig = new EmbeddedChannel(new PgFrameDecoder(true, 1000));
        assertThrows(TooLongFrameException.class,
                () -> tooBig.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(1001)));
        tooBig.finishAndReleaseAll();
    }

    @Test
    void passThroughJoinsConsecutiveUnchangedMessagesAndKeepsTheOrder() {
        ByteBuf run = Unpooled.buffer();
        for (String body : new String[] {"a", "b", "c", "d"}) {
            run.writeByte('Q').writeInt(4 + body.length()).writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        }
        List<ByteBuf> written = new ArrayList<>();
        PassThrough[] pass = new PassThrough[1];
        // "c" is replaced by a message of the sidecar's own; the others go on as they came.
        pass[0] = new PassThrough((messages, index) -> {
            if (messages.getByte(index + 5) != 'c') {
                return true;
            }
            pass[0].write(Unpooled.copiedBuffer("X", StandardCharsets.ISO_8859_1));
            return false;
        }, () -> true, written::add);
        pass[0].flush();
        assertTrue(written.isEmpty(), "nothing is pending before a run");
        pass[0].relay(run);
        assertEquals(Arrays.asList("Q\0\0\0\5aQ\0\0\0\5b", "X", "Q\0\0\0\5d"),
                written.stream().map(PgFrameDecoderTest::text).toList(),
                "a and b in one write, then the replacement, then d");
        pass[0].flush();
        assertEquals(3, written.size(), "nothing may be written from an ended run");
        written.forEach(ByteBuf::release);
        assertTrue(run.release(), "every slice written was retained once and released once");
    }

    @Test
    void passThroughStopsWhenTheConnectionLeavesItsState() {
        ByteBuf run = Unpooled.buffer();
        for (String body : new String[] {"a", "b"}) {
            run.writeByte('Q').writeInt(4 + body.length()).writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        }
        List<ByteBuf> written = new ArrayList<>();
        boolean[] open = {true};
        PassThrough pass = new PassThrough((message, index) -> {
            open[0] = false; // the first message closes the connection
            return true;
        }, () -> open[0], written::add);
        pass.relay(run);
        assertEquals(Arrays.asList("Q\0\0\0\5a"), written.stream().map(PgFrameDecoderTest::text).toList(),
                "the message looked at goes on; the one after the close is not looked at");
        written.forEach(ByteBuf::release);
        assertTrue(run.release());
    }
}
