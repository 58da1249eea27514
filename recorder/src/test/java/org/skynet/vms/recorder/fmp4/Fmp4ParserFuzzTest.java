package org.skynet.vms.recorder.fmp4;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link Fmp4Parser}, which crash recovery runs on untrusted files
 * (docs/design/fuzzing.md). The first input byte picks {@code moov} (even) or {@code moof} (odd), the
 * rest is the box; any bytes give the box's fields or an {@link Fmp4FormatException}, nothing else.
 */
class Fmp4ParserFuzzTest {

    /** A real {@code moov} (after its {@code ftyp}) and a real {@code moof} of five samples. */
    static Stream<byte[]> seeds() {
        BoxWriter w = new BoxWriter(1024);
        InitSegmentWriter.write(w, Fmp4ParserTest.CLIP.get(0).parameters());
        byte[] init = w.toByteArray();
        int ftyp = (int) Fmp4Parser.size(ByteBuffer.wrap(init), 0);
        byte[] fragment = Fmp4ParserTest.fragment(5);
        int moof = (int) Fmp4Parser.size(ByteBuffer.wrap(fragment), 0);
        return Stream.of(prefixed(0, Arrays.copyOfRange(init, ftyp, init.length)),
                prefixed(1, Arrays.copyOf(fragment, moof)));
    }

    private static byte[] prefixed(int selector, byte[] box) {
        byte[] out = new byte[box.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(box, 0, out, 1, box.length);
        return out;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void parseAnyBox(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ByteBuffer box = ByteBuffer.wrap(input, 1, input.length - 1).slice();
        try {
            Object parsed = (input[0] & 1) == 0 ? Fmp4Parser.parseMoov(box) : Fmp4Parser.parseMoof(box);
            parsed.toString();
        } catch (Fmp4FormatException expected) {
            // the only documented failure
        }
    }
}
