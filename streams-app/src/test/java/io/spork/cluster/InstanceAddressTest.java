package io.spork.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** application.server's host:port, and the URLs of an instance's paths. */
class InstanceAddressTest {
    @Test
    void parsesHostAndPortAndBuildsUrls() {
        InstanceAddress a = InstanceAddress.parse("node-1.local:7070");
        assertEquals(new InstanceAddress("node-1.local", 7070), a);
        assertEquals("http://node-1.local:7070/internal/search", a.url("/internal/search"));
        assertEquals("node-1.local:7070", a.toString());
        assertEquals(new InstanceAddress("::1", 80), InstanceAddress.parse("::1:80"), "the port follows the last colon");
    }

    @Test
    void refusesWhatIsNoAddress() {
        for (String bad : new String[] {"nohost", ":80", "host:", "host:http", "host:70000", "host:-1"}) {
            assertThrows(IllegalArgumentException.class, () -> InstanceAddress.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> InstanceAddress.parse(null));
    }
}
