package org.skynet.vms.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraCsvTest {
    static final String HEADER = "id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags";

    @Test
    void readsQuotedNamesTagsAndCredentials() {
        ImportBatch b = read(HEADER + "\r\n"
                + "cam-1,\"Gate, \"\"North\"\"\",Nancheng,23.01,113.75,90,60,50,rtsp://192.0.2.10/s1,,admin,\"p,w\",street;hd\r\n");
        assertEquals(List.of(), b.problems());
        ImportRow row = b.rows().get(0);
        assertEquals(2, row.line());
        assertEquals(ImportRow.Check.VALID, row.check());
        Camera c = row.draft().toCamera(Instant.EPOCH, Instant.EPOCH);
        assertEquals("Gate, \"North\"", c.name());
        assertEquals(List.of("hd", "street"), c.tags());
        assertEquals(new Credentials("admin", "p,w"), row.draft().credentials());
        assertTrue(c.enabled());
    }

    @Test
    void everyProblemOfEveryRowIsListedWithLineAndColumn() {
        ImportBatch b = read(HEADER + "\n"
                + "cam-1,ok,Nancheng,23,113,0,60,50,rtsp://192.0.2.1/,,,,\n"
                + "bad id,n,Nancheng,91,abc,0,60,50,rtsp://u:p@192.0.2.1/,,,,\n"
                + "cam-3,n,Nancheng,23,113,0,0,6000,,,,,Bad Tag\n"
                + "cam-4,too,few\n");
        List<ImportProblem> p = b.problems();
        assertTrue(p.contains(new ImportProblem(3, "id", "id must be 1 to 64 of A-Z a-z 0-9 . _ -")), p.toString());
        assertHas(p, 3, "lat");
        assertHas(p, 3, "lon");
        assertHas(p, 3, "rtsp_url");
        assertHas(p, 4, "fov");
        assertHas(p, 4, "range");
        assertHas(p, 4, "rtsp_url");
        assertHas(p, 4, "tags");
        assertHas(p, 5, null);
        assertEquals(1, p.stream().filter(x -> x.line() == 3 && "lon".equals(x.column())).count(),
                "a number that does not parse is reported once");
        assertFalse(p.toString().contains("u:p@"), "a URL with credentials is never echoed");
        assertEquals(9, p.size(), p.toString());
    }

    @Test
    void unknownAndMissingColumnsRejectTheHeader() {
        ImportBatch b = read("id,name,district,lat,lon,bearing,fov,rnage,rtsp_url\ncam-1,n,d,1,1,1,1,1,rtsp://x/\n");
        assertHas(b.problems(), 1, "rnage");
        assertHas(b.problems(), 1, "range");
        assertTrue(b.rows().isEmpty());
    }

    @Test
    void notUtf8AndEmptyFilesAreProblems() {
        assertHas(CameraCsv.read(new byte[] {(byte) 0xC3, (byte) 0x28}).problems(), 1, null);
        assertHas(CameraCsv.read(new byte[0]).problems(), 1, null);
    }

    @Test
    void writeThenReadGivesTheSameCameras() {
        Camera c = new Camera("cam-1", "Gate, \"North\"", "Nan cheng", new Placement(23.0001, 113.75, 359.5, 1, 5000),
                "rtsp://192.0.2.1:554/s?a=1,b", null, List.of("hd", "street"), false, false, Instant.EPOCH, Instant.EPOCH);
        StringBuilder out = new StringBuilder();
        CameraCsv.write(List.of(c), out);
        ImportBatch b = read(out.toString());
        assertEquals(List.of(), b.problems());
        assertEquals(c, b.rows().get(0).draft().toCamera(Instant.EPOCH, Instant.EPOCH));
        assertTrue(out.toString().startsWith(HEADER + ",enabled\r\n"));
    }

    static void assertHas(List<ImportProblem> problems, int line, String column) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && java.util.Objects.equals(p.column(), column)),
                "expected a problem at line " + line + " column " + column + " in " + problems);
    }

    private static ImportBatch read(String text) {
        return CameraCsv.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
