package org.skynet.vms.core.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the CSV camera import (docs/design/fuzzing.md): {@link CameraCsv#read}
 * reports every problem in the batch and never throws, whatever the bytes.
 */
class CameraCsvFuzzTest {

    static Stream<byte[]> seeds() {
        return Stream.of("id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags,enabled\r\n"
                        + "cam-1,\"Gate, north\",Nancheng,23.02,113.75,90,60,80,rtsp://192.0.2.11/ch1,,admin,secret,outdoor;ptz,true\r\n"
                        + "cam-2,Square,Dongcheng,23.03,113.76,0,360,60,,,,,,false\r\n",
                "id,name,district,lat,lon,bearing,fov,range\n\"cam-3\",\"a \"\"quoted\"\" name\",x,1,2,3,4,5\n")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void readAnyFile(byte[] input) {
        ImportBatch batch = CameraCsv.read(input);
        batch.rows().forEach(row -> row.draft().problems());
        batch.problems().forEach(Object::toString);
    }
}
