package org.skynet.vms.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        List<CsvReader.Record> r = all("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,y,z,w\n");
        assertEquals(List.of("a", "b, c", "say \"hi\"", "two\nlines"), r.get(0).fields());
        assertEquals(1, r.get(0).line());
        assertEquals(List.of("x", "y", "z", "w"), r.get(1).fields());
        assertEquals(3, r.get(1).line(), "a record starts on the physical line after the embedded break");
    }

    @Test
    void crlfBomAndBlankLines() {
        List<CsvReader.Record> r = all("\uFEFFid,name\r\n\r\n1,one\r\n2,\r\n");
        assertEquals(List.of("id", "name"), r.get(0).fields());
        assertEquals(List.of("1", "one"), r.get(1).fields());
        assertEquals(3, r.get(1).line());
        assertEquals(List.of("2", ""), r.get(2).fields());
        assertEquals(3, r.size());
    }

    @Test
    void lastRecordWithoutLineBreakAndEmptyTrailingField() {
        List<CsvReader.Record> r = all("a,b,\nc,\"\"");
        assertEquals(List.of("a", "b", ""), r.get(0).fields());
        assertEquals(List.of("c", ""), r.get(1).fields());
    }

    @Test
    void textAfterClosingQuoteIsAnErrorOfThatRecordOnly() {
        List<CsvReader.Record> r = all("\"a\"b,c\nd,e\n");
        assertNotNull(r.get(0).error());
        assertNull(r.get(1).error());
        assertEquals(List.of("d", "e"), r.get(1).fields());
    }

    @Test
    void unclosedQuoteIsReported() {
        List<CsvReader.Record> r = all("a,\"never closed\nb,c\n");
        assertEquals(1, r.size());
        assertTrue(r.get(0).error().contains("never closed"));
    }

    private static List<CsvReader.Record> all(String text) {
        CsvReader reader = new CsvReader(text);
        List<CsvReader.Record> out = new ArrayList<>();
        for (CsvReader.Record r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }
}
