package org.skynet.vms.recorder.fmp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Robustness: a damaged {@code moof} parses or fails with {@link Fmp4FormatException}, nothing else. */
class Fmp4ParserProperties {
    private static final byte[] FRAGMENT = Fmp4ParserTest.fragment(5);
    private static final int MOOF_SIZE = (int) Fmp4Parser.size(ByteBuffer.wrap(FRAGMENT), 0);

    @Property(tries = 2000)
    void mutatedMoofParsesOrFailsCleanly(@ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 4) int extraMutations, @ForAll long seed) {
        byte[] moof = Arrays.copyOf(FRAGMENT, MOOF_SIZE);
        moof[position % MOOF_SIZE] = value;
        Random r = new Random(seed);
        for (int i = 0; i < extraMutations; i++) {
            moof[r.nextInt(MOOF_SIZE)] = (byte) r.nextInt(256);
        }
        try {
            Fmp4Parser.parseMoof(ByteBuffer.wrap(moof));
        } catch (Fmp4FormatException expected) {
            // the only acceptable failure
        }
    }
}
