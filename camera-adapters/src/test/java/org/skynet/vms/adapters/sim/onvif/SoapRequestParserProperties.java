package org.skynet.vms.adapters.sim.onvif;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** Mutated golden requests either parse or fail with PROTOCOL: never another exception. */
class SoapRequestParserProperties {
    private final SoapRequestParser parser = new SoapRequestParser();

    @Property(tries = 500)
    void mutatedRequestsParseOrFailAsProtocol(@ForAll @IntRange(min = 0, max = 2000) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 40) int deleted) throws Exception {
        byte[] golden = SoapRequestParserTest.golden("odm_GetStreamUri.xml");
        int at = position % golden.length;
        byte[] mutated = new byte[golden.length - Math.min(deleted, golden.length - at)];
        System.arraycopy(golden, 0, mutated, 0, at);
        System.arraycopy(golden, at + (golden.length - mutated.length), mutated, at, mutated.length - at);
        if (at < mutated.length) {
            mutated[at] = value;
        }
        try {
            parser.parse(mutated);
        } catch (VmsException e) {
            if (e.kind() != ErrorKind.PROTOCOL) {
                throw e;
            }
        }
    }
}
