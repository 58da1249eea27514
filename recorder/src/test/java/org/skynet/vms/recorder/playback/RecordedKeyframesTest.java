package org.skynet.vms.recorder.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.InMemorySegmentCatalogue;
import org.skynet.vms.recorder.fmp4.TestClips;
import org.skynet.vms.recorder.snapshot.DecodedPicture;
import org.skynet.vms.recorder.snapshot.KeyframeDecoder;

/**
 * The keyframe opening the fragment at an instant (fragments of 1.2 s, files of 3.2 s) decodes with
 * the parameter sets of its file's init segment, and only those: in-band ones are removed here.
 */
class RecordedKeyframesTest {
    private static final Instant WALL0 = Instant.parse("2026-03-04T10:00:00Z");

    @TempDir
    Path dir;

    private final InMemorySegmentCatalogue catalogue = new InMemorySegmentCatalogue();

    @ParameterizedTest
    @EnumSource(Codec.class)
    void keyframeOfTheFragmentAtAnInstantDecodes(Codec codec) {
        TestRecordings.record(dir, catalogue, "cam-k", withoutInBandParameterSets(TestClips.timed(codec, 4, 0,
                WALL0)));

        AccessUnit key = new RecordedKeyframes(catalogue::segments).at("cam-k", WALL0.plusMillis(2500));

        assertTrue(key.keyframe());
        assertEquals(WALL0.plusMillis(2400), key.wallClock(), "third fragment of the first file");
        assertEquals(codec, key.codec());
        DecodedPicture picture = new KeyframeDecoder(Runnable::run).decodeKeyframeNow(key);
        assertEquals(TestClips.WIDTH, picture.width());
        assertEquals(TestClips.HEIGHT, picture.height());
        byte[] jpeg = picture.thumbnailJpeg();
        assertTrue((jpeg[0] & 0xFF) == 0xFF && (jpeg[1] & 0xFF) == 0xD8, "a JPEG");
    }

    @Test
    void nothingRecordedAtTheInstantIsNotFound() {
        TestRecordings.record(dir, catalogue, "cam-k", TestClips.timed(Codec.H264, 1, 0, WALL0));
        RecordedKeyframes keyframes = new RecordedKeyframes(catalogue::segments);

        VmsException e = assertThrows(VmsException.class, () -> keyframes.at("cam-k", WALL0.plusSeconds(3)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class,
                () -> keyframes.at("cam-other", WALL0)).kind());
    }

    /** The units with SPS/PPS/VPS NAL units dropped from the sample data, as many cameras send them. */
    private static List<AccessUnit> withoutInBandParameterSets(List<AccessUnit> units) {
        List<AccessUnit> out = new ArrayList<>(units.size());
        for (AccessUnit au : units) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (ByteBuffer nal : au.nalUnits()) {
                if (!isParameterSet(au.codec(), nal.get(nal.position()))) {
                    data.writeBytes(ByteBuffer.allocate(4).putInt(nal.remaining()).array());
                    byte[] b = new byte[nal.remaining()];
                    nal.duplicate().get(b);
                    data.writeBytes(b);
                }
            }
            out.add(new AccessUnit(au.codec(), au.pts90k(), au.wallClock(), au.keyframe(), data.toByteArray(),
                    au.parameters(), au.parametersChanged(), au.discontinuity()));
        }
        return out;
    }

    private static boolean isParameterSet(Codec codec, byte header) {
        if (codec == Codec.H264) {
            int type = header & 0x1F;
            return type == 7 || type == 8;
        }
        int type = (header >> 1) & 0x3F;
        return type >= 32 && type <= 34;
    }
}
