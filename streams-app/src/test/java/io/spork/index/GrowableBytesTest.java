package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrowableBytesTest {
    @Test
    void holdsWhatByteArrayOutputStreamHoldsAcrossGrowth() {
        SplittableRandom random = new SplittableRandom(7);
        GrowableBytes bytes = new GrowableBytes(1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 5_000; i++) {
            if (random.nextInt(4) == 0) {
                byte[] run = new byte[random.nextInt(40)];
                random.nextBytes(run);
                bytes.write(run);
                expected.writeBytes(run);
            } else {
                int b = random.nextInt();
                bytes.write(b);
                expected.write(b);
            }
            assertEquals(expected.size(), bytes.size());
        }
        assertArrayEquals(expected.toByteArray(), bytes.toByteArray());
    }
}
